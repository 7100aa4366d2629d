import { Migrator, NO_MIGRATIONS, type Kysely, type MigrationResultSet } from 'kysely';
import { migrations } from '../../../../migrations/index';

function migrator(db: Kysely<any>): Migrator {
	return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

function unwrap(result: MigrationResultSet): string[] {
	if (result.error) throw result.error;
	return (result.results ?? []).map((r) => `${r.direction} ${r.migrationName}: ${r.status}`);
}

/** Brings the schema to the newest migration; returns one line per migration it ran. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
	return unwrap(await migrator(db).migrateToLatest());
}

/** Undoes the newest migration. */
export async function migrateDown(db: Kysely<any>): Promise<string[]> {
	return unwrap(await migrator(db).migrateDown());
}

/** Undoes every migration (tests use it to prove each `down` works). */
export async function migrateToNothing(db: Kysely<any>): Promise<string[]> {
	return unwrap(await migrator(db).migrateTo(NO_MIGRATIONS));
}
