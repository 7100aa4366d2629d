import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DatabaseConfig } from '../config';
import { createDb, type DB } from './create';
import { migrateToLatest } from './migrate';
// The one way test databases are dropped, shared with the end-to-end tests.
import { dropDatabase } from '../../../../tests/drop-database.mjs';

export interface TestDb {
	db: DB;
	dialect: 'sqlite' | 'postgres';
	/** How to open it again: a second createDb(database) is a second server on the same database. */
	database: DatabaseConfig;
	destroy(): Promise<void>;
}

/**
 * A fresh, empty database for one test file: in-memory SQLite, or, when TEST_DATABASE_URL names a
 * PostgreSQL server, a throw-away database created on it and dropped afterwards. `sqliteFile`: SQLite in
 * a throw-away file instead of memory, so that it can be opened twice.
 */
export async function createTestDb(options: { migrate?: boolean; sqliteFile?: boolean } = {}): Promise<TestDb> {
	const { database, removeDatabase } = await freshDatabase(options.sqliteFile ?? false);
	const db = createDb(database);
	if (options.migrate ?? true) await migrateToLatest(db);
	return {
		db,
		dialect: database.dialect,
		database,
		async destroy() {
			await db.destroy();
			await removeDatabase();
		}
	};
}

/** Where a fresh test database lives, and how to remove it once its connections are closed. */
async function freshDatabase(
	sqliteFile: boolean
): Promise<{ database: DatabaseConfig; removeDatabase: () => Promise<void> }> {
	const adminUrl = process.env.TEST_DATABASE_URL;
	if (!adminUrl) {
		const dir = sqliteFile ? mkdtempSync(join(tmpdir(), 'samenspraak-test-')) : null;
		return {
			database: { dialect: 'sqlite', path: dir ? join(dir, 'test.db') : ':memory:' },
			async removeDatabase() {
				if (dir) rmSync(dir, { recursive: true, force: true });
			}
		};
	}

	const name = `samenspraak_test_${randomBytes(6).toString('hex')}`;
	const admin = new pg.Client({ connectionString: adminUrl });
	await admin.connect();
	await admin.query(`create database ${name}`);
	await admin.end();

	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	return {
		database: { dialect: 'postgres', url: url.toString(), poolSize: 5 },
		removeDatabase: () => dropDatabase(adminUrl, name)
	};
}
