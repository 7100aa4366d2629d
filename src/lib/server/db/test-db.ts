import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDb, type DB } from './create';
import { migrateToLatest } from './migrate';

export interface TestDb {
	db: DB;
	dialect: 'sqlite' | 'postgres';
	destroy(): Promise<void>;
}

/**
 * A fresh, empty database for one test file: in-memory SQLite, or, when TEST_DATABASE_URL names a
 * PostgreSQL server, a throw-away database created on it and dropped afterwards.
 */
export async function createTestDb(options: { migrate?: boolean } = {}): Promise<TestDb> {
	const migrate = options.migrate ?? true;
	const adminUrl = process.env.TEST_DATABASE_URL;
	if (!adminUrl) {
		const db = createDb({ dialect: 'sqlite', path: ':memory:' });
		if (migrate) await migrateToLatest(db);
		return { db, dialect: 'sqlite', destroy: () => db.destroy() };
	}

	const name = `samenspraak_test_${randomBytes(6).toString('hex')}`;
	const admin = new pg.Client({ connectionString: adminUrl });
	await admin.connect();
	await admin.query(`create database ${name}`);
	await admin.end();

	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	const db = createDb({ dialect: 'postgres', url: url.toString(), poolSize: 5 });
	if (migrate) await migrateToLatest(db);
	return {
		db,
		dialect: 'postgres',
		async destroy() {
			await db.destroy();
			const client = new pg.Client({ connectionString: adminUrl });
			await client.connect();
			await client.query(`drop database if exists ${name} with (force)`);
			await client.end();
		}
	};
}
