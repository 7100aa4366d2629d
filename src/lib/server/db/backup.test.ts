import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupSqlite, BackupProblem, restoreSqlite } from './backup';
import { createDb, type DB } from './create';
import { migrateToLatest } from './migrate';

/*
 * SQLite backups (npm run db:backup / db:restore): a backup taken while the app holds the database
 * open and keeps writing is a consistent copy, and restoring it brings back exactly what was there
 * when it was taken. Files that are not Samenspraak databases are refused before anything is touched.
 */
describe('SQLite backup and restore', () => {
	let dir: string;
	let live: string;
	let db: DB;
	const count = async (d: DB) =>
		(
			await d
				.selectFrom('glossary_terms')
				.select(sql<number>`count(*)`.as('n'))
				.executeTakeFirstOrThrow()
		).n;
	const addTerms = async (d: DB, from: number, n: number) => {
		for (let i = from; i < from + n; i++)
			await d
				.insertInto('glossary_terms')
				.values({
					slug: `term-${i}`,
					term: `term ${i}`,
					kind: 'jargon',
					expansion: null,
					match_forms: `term ${i}`,
					created_at: '2026-12-01T00:00:00.000Z',
					updated_at: '2026-12-01T00:00:00.000Z'
				})
				.execute();
	};

	beforeEach(async () => {
		dir = mkdtempSync(join(tmpdir(), 'samenspraak-backup-'));
		live = join(dir, 'live.db');
		db = createDb({ dialect: 'sqlite', path: live });
		await migrateToLatest(db);
	});
	afterEach(async () => {
		await db.destroy();
		rmSync(dir, { recursive: true, force: true });
	});

	it('round-trips: a backup taken while the app writes restores exactly the data of that moment', async () => {
		await addTerms(db, 0, 50);
		const target = join(dir, 'backup.db');
		// The app keeps writing while the backup runs.
		const [{ pages }] = await Promise.all([backupSqlite(live, target), addTerms(db, 50, 20)]);
		expect(pages).toBeGreaterThan(0);
		expect(existsSync(`${target}-wal`), 'the backup is one file, without a write-ahead log beside it').toBe(false);
		const copy = createDb({ dialect: 'sqlite', path: target });
		const inBackup = await count(copy);
		await copy.destroy();
		// Consistent: all the terms of the first batch, and a whole prefix of the second, never a torn page.
		expect(inBackup).toBeGreaterThanOrEqual(50);
		expect(inBackup).toBeLessThanOrEqual(70);

		await addTerms(db, 70, 5);
		await db.deleteFrom('glossary_terms').where('term', '=', 'term 1').execute();
		expect(await count(db)).toBe(74);
		await db.destroy();

		await restoreSqlite(target, live);
		db = createDb({ dialect: 'sqlite', path: live });
		expect(await count(db)).toBe(inBackup);
		const first = await db.selectFrom('glossary_terms').select('term').where('term', '=', 'term 1').execute();
		expect(first).toHaveLength(1);
	});

	it('refuses to overwrite an existing backup file', async () => {
		const target = join(dir, 'exists.db');
		writeFileSync(target, 'keep me');
		await expect(backupSqlite(live, target)).rejects.toThrow(BackupProblem);
	});

	it('refuses to restore a file that is not a Samenspraak database, and leaves the live one as it was', async () => {
		await addTerms(db, 0, 3);
		const text = join(dir, 'notes.txt');
		writeFileSync(text, 'this is not a database, just some text that is long enough to be a header');
		await expect(restoreSqlite(text, live)).rejects.toThrow(BackupProblem);

		const other = join(dir, 'other.db');
		const otherDb = createDb({ dialect: 'sqlite', path: other });
		await sql`create table notes (id integer primary key)`.execute(otherDb);
		await otherDb.destroy();
		await expect(restoreSqlite(other, live)).rejects.toThrow(/no migrations table/);

		await expect(restoreSqlite(join(dir, 'missing.db'), live)).rejects.toThrow(/No such file/);
		expect(await count(db)).toBe(3);
	});
});
