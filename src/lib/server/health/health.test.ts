import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDb, type TestDb } from '../db/test-db';
import { checkHealth } from './service';

/** The health check says "ok" only while the database answers, and names the newest migration it found. */
describe(`health check (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite'})`, () => {
	let t: TestDb;
	beforeAll(async () => {
		t = await createTestDb();
	});
	afterAll(async () => t.destroy());

	it('is ok on a migrated database, with the newest migration', async () => {
		const health = await checkHealth(t.db);
		expect(health.status).toBe('ok');
		expect(health.database.ok).toBe(true);
		const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name desc`.execute(t.db);
		expect(health.database.migration).toBe(rows[0].name);
	});

	it('is unavailable, with an error id and no error text, when the database cannot be reached', async () => {
		const broken = await createTestDb({ migrate: false });
		await broken.destroy();
		const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
		const health = await checkHealth(broken.db);
		log.mockRestore();
		expect(health.status).toBe('unavailable');
		expect(health.database.errorId).toMatch(/^[0-9a-f]{10}$/);
		// The reason (here: a destroyed pool or a closed file) is in the log under that id, not in the answer.
		expect(JSON.stringify(health)).not.toMatch(/closed|destroyed|driver|pool|stack/i);
	});

	it('gives up on a database that does not answer within the time allowed', async () => {
		const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
		// A plugin that holds every result back for two seconds stands in for a database that hangs.
		const slow = t.db.withPlugin({
			transformQuery: (args) => args.node,
			transformResult: (args) => new Promise((resolve) => setTimeout(() => resolve(args.result), 2000))
		});
		const started = Date.now();
		const health = await checkHealth(slow, { timeoutMs: 100 });
		log.mockRestore();
		expect(health.status).toBe('unavailable');
		expect(Date.now() - started).toBeGreaterThanOrEqual(95);
		expect(Date.now() - started).toBeLessThan(1500);
	});
});
