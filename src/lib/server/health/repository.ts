import { sql } from 'kysely';
import type { DB } from '../db/create';

/** One round trip to the database that touches a real table: the newest migration that ran. */
export async function newestMigration(db: DB): Promise<string | null> {
	const { rows } = await sql<{ name: string | null }>`select max(name) as name from kysely_migration`.execute(db);
	return rows[0]?.name ?? null;
}
