// Test infrastructure shared by the server tests and the end-to-end tests.
import pg from 'pg';

/**
 * Drops a throw-away PostgreSQL database, connections and all. An autovacuum worker (run by the server,
 * not by the test role) may still be busy in it, which FORCE may not stop (42501); it finishes in
 * moments, so the drop is tried again. Used by the server tests (src/lib/server/db/test-db.ts) and the
 * e2e tests (tests/e2e/database.mjs).
 * @param {string} adminUrl @param {string} name
 */
export async function dropDatabase(adminUrl, name) {
	const client = new pg.Client({ connectionString: adminUrl });
	await client.connect();
	try {
		for (let attempt = 1; ; attempt++) {
			try {
				await client.query(`drop database if exists ${name} with (force)`);
				return;
			} catch (e) {
				if (/** @type {{ code?: string }} */ (e).code !== '42501' || attempt === 40) throw e;
				await new Promise((r) => setTimeout(r, 250));
			}
		}
	} finally {
		await client.end();
	}
}
