import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDb, reusingStatements, type DB } from './create';
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

describe('SQLite: transactions and statements', () => {
	let dir: string;
	let db: DB;
	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'samenspraak-create-'));
		db = createDb({ dialect: 'sqlite', path: join(dir, 'one.db') });
		await sql`create table t (id integer primary key, n integer not null)`.execute(db);
	});
	afterAll(async () => {
		await db.destroy();
		rmSync(dir, { recursive: true, force: true });
	});

	it('takes the write lock when a transaction begins, so a second process waits instead of failing halfway', async () => {
		// Another process on the same file, here a second handle that never waits (busy_timeout 0).
		const other = new SQLite(join(dir, 'one.db'));
		other.pragma('busy_timeout = 0');
		try {
			await db.transaction().execute(async (trx) => {
				// Only a read so far: with a plain BEGIN the other handle could still write now.
				await trx
					.selectFrom('t' as never)
					.selectAll()
					.execute();
				expect(() => other.prepare('insert into t (n) values (1)').run()).toThrow(/SQLITE_BUSY|database is locked/);
			});
			expect(other.prepare('insert into t (n) values (2)').run().changes).toBe(1);
		} finally {
			other.close();
		}
	});

	it('reuses a compiled statement for the same SQL, and a fresh one while that one is still being read', async () => {
		const sqlite = new SQLite(':memory:');
		const statements = reusingStatements(sqlite);
		sqlite.exec('create table t (n integer); insert into t values (1), (2)');
		const first = statements.prepare('select n from t');
		expect(statements.prepare('select n from t')).toBe(first);
		const rows = first.iterate([]);
		rows.next();
		// Streaming through `first`: the same SQL must not get the busy statement back.
		const second = statements.prepare('select n from t');
		expect(second).not.toBe(first);
		expect(second.all([])).toEqual([{ n: 1 }, { n: 2 }]);
		rows.return?.();
		sqlite.close();
	});
});
