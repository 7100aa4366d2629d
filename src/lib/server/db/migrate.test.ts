import { readdirSync } from 'node:fs';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../../../migrations/index';
import { migrateToLatest, migrateToNothing } from './migrate';
import { tableNames } from './types';
import { createTestDb, type TestDb } from './test-db';

const tables = tableNames;

async function listTables(t: TestDb): Promise<string[]> {
	const rows =
		t.dialect === 'postgres'
			? await sql<{
					name: string;
				}>`select table_name as name from information_schema.tables where table_schema = 'public'`.execute(t.db)
			: await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(t.db);
	return rows.rows.map((r) => r.name).filter((n) => !n.startsWith('kysely_') && !n.startsWith('sqlite_'));
}

describe(`migrations (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite'})`, () => {
	let t: TestDb | undefined;
	afterEach(async () => t?.destroy());

	it('lists every migration file in migrations/index.ts, so none is silently skipped', () => {
		const files = readdirSync('migrations')
			.filter((f) => /^\d{4}-\d{2}-\d{2}-\d{3}-.+\.ts$/.test(f) && !f.endsWith('.test.ts'))
			.map((f) => f.replace(/\.ts$/, ''));
		expect(files.length).toBeGreaterThan(0);
		expect(Object.keys(migrations).sort()).toEqual(files.sort());
	});

	it('goes up to the latest schema on a fresh database, then all the way down, then up again', async () => {
		t = await createTestDb({ migrate: false });
		expect(await listTables(t)).toEqual([]);

		await migrateToLatest(t.db);
		expect((await listTables(t)).sort()).toEqual([...tables].sort());

		await migrateToNothing(t.db);
		expect(await listTables(t)).toEqual([]);

		await migrateToLatest(t.db);
		expect((await listTables(t)).sort()).toEqual([...tables].sort());
	});

	it('refuses a second recommendation with the same number in one consultation', async () => {
		t = await createTestDb();
		const now = new Date().toISOString();
		const c = await t.db
			.insertInto('consultations')
			.values({ slug: 'x', title: 'X', phase: 'open', created_at: now, updated_at: now })
			.returning('id')
			.executeTakeFirstOrThrow();
		const th = await t.db
			.insertInto('themes')
			.values({ consultation_id: c.id, numeral: 'i', position: 1, title: 'T', short_title: 'T' })
			.returning('id')
			.executeTakeFirstOrThrow();
		const rec = {
			consultation_id: c.id,
			theme_id: th.id,
			number: 1,
			short_title: 'R',
			official_text: 'Tekst',
			position: 1,
			created_at: now,
			updated_at: now
		};
		await t.db.insertInto('recommendations').values(rec).execute();
		await expect(t.db.insertInto('recommendations').values(rec).execute()).rejects.toThrow();
	});

	it('refuses a phase that does not exist', async () => {
		t = await createTestDb();
		const now = new Date().toISOString();
		await expect(
			t.db
				.insertInto('consultations')
				// @ts-expect-error: the type forbids it too; the CHECK constraint is the last line of defence
				.values({ slug: 'y', title: 'Y', phase: 'finished', created_at: now, updated_at: now })
				.execute()
		).rejects.toThrow();
	});
});
