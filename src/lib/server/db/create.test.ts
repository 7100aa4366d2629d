import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDb, type TestDb } from './test-db';

/*
 * PostgreSQL only: when the server closes an idle pooled connection, pg reports it on the pool. With
 * nobody listening, that event is an uncaught exception and stops the process (and fails this run).
 */
describe.runIf(process.env.TEST_DATABASE_URL)('the PostgreSQL pool', () => {
	let t: TestDb;
	beforeAll(async () => {
		t = await createTestDb({ migrate: false });
	});
	afterAll(async () => t.destroy());

	it('logs a connection the server closed and carries on with a new one', async () => {
		const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(t.db);
		const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
		const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
		await admin.connect();
		await admin.query('select pg_terminate_backend($1)', [rows[0].pid]);
		await admin.end();
		await vi.waitFor(() => expect(log.mock.calls.flat().join(' ')).toContain('idle database connection'));
		log.mockRestore();
		const again = await sql<{ one: number }>`select 1 as one`.execute(t.db);
		expect(again.rows[0].one).toBe(1);
	});
});
