import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DatabaseConfig } from '../config';
import { createDb, type DB } from './create';
import { migrateToLatest } from './migrate';

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
	const migrate = options.migrate ?? true;
	const adminUrl = process.env.TEST_DATABASE_URL;
	if (!adminUrl) {
		const dir = options.sqliteFile ? mkdtempSync(join(tmpdir(), 'samenspraak-test-')) : null;
		const database: DatabaseConfig = { dialect: 'sqlite', path: dir ? join(dir, 'test.db') : ':memory:' };
		const db = createDb(database);
		if (migrate) await migrateToLatest(db);
		return {
			db,
			dialect: 'sqlite',
			database,
			async destroy() {
				await db.destroy();
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
	const database: DatabaseConfig = { dialect: 'postgres', url: url.toString(), poolSize: 5 };
	const db = createDb(database);
	if (migrate) await migrateToLatest(db);
	return {
		db,
		dialect: 'postgres',
		database,
		async destroy() {
			await db.destroy();
			const client = new pg.Client({ connectionString: adminUrl });
			await client.connect();
			await client.query(`drop database if exists ${name} with (force)`);
			await client.end();
		}
	};
}
