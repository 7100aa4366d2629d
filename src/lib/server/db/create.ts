import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type KyselyConfig } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config';
import { logError } from '../log';
import type { Database } from './types';

export type DB = Kysely<Database>;

// PostgreSQL returns int8 (count(*), bigint sums) as strings by default; our counts fit in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number.parseInt(value, 10));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value: string) => Number.parseFloat(value));

/** Opens a database: an SQLite file (or `:memory:`) through better-sqlite3, or PostgreSQL through pg. */
export function createDb(database: DatabaseConfig, options: Pick<KyselyConfig, 'log'> = {}): DB {
	if (database.dialect === 'postgres') {
		const pool = new pg.Pool({ connectionString: database.url, max: database.poolSize });
		// An idle connection the server closes (a restart, a dropped database, a network blip) is reported
		// on the pool. Unheard, that event would stop the whole process; logged, the pool opens a new one.
		pool.on('error', (e) => logError(e, { what: 'idle database connection' }));
		return new Kysely<Database>({ dialect: new PostgresDialect({ pool }), ...options });
	}
	if (database.path !== ':memory:') mkdirSync(dirname(database.path), { recursive: true });
	const sqlite = new SQLite(database.path);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	sqlite.pragma('synchronous = NORMAL');
	return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }), ...options });
}

export function isPostgres(db: { getExecutor(): { adapter: object } }): boolean {
	return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}
