// A throw-away database for one app server under test: a fresh SQLite file, or, when TEST_DATABASE_URL
// names a PostgreSQL server, a fresh database on it. `cleanup` removes it again.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { dropDatabase } from '../drop-database.mjs';

/**
 * The env also holds a RATE_LIMIT_SECRET (required with PostgreSQL): every server started with the same
 * env shares the rate limits, as servers of one deployment do.
 * @returns {Promise<{ env: Record<string, string>, label: string, cleanup: () => Promise<void> }>}
 */
export async function createTestDatabase() {
	const secret = randomBytes(32).toString('base64');
	if (process.env.TEST_DATABASE_URL) {
		const name = `samenspraak_e2e_${process.pid}_${Date.now().toString(36)}`;
		const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
		await admin.connect();
		await admin.query(`create database ${name}`);
		await admin.end();
		const url = new URL(process.env.TEST_DATABASE_URL);
		url.pathname = `/${name}`;
		return {
			env: { DATABASE_URL: url.toString(), RATE_LIMIT_SECRET: secret },
			label: `PostgreSQL database ${name}`,
			cleanup: async () => {
				await dropDatabase(/** @type {string} */ (process.env.TEST_DATABASE_URL), name);
			}
		};
	}
	const dir = mkdtempSync(join(tmpdir(), 'samenspraak-e2e-'));
	const path = join(dir, 'e2e.db');
	return {
		env: { DATABASE_URL: '', SQLITE_PATH: path, RATE_LIMIT_SECRET: secret },
		label: `SQLite file ${path}`,
		cleanup: async () => rmSync(dir, { recursive: true, force: true })
	};
}
