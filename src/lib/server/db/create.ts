import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import {
	CompiledQuery,
	Kysely,
	PostgresDialect,
	SqliteDialect,
	SqliteDriver,
	type DatabaseConnection,
	type KyselyConfig,
	type SqliteDatabase,
	type SqliteDialectConfig
} from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config';
import { logError } from '../log';
import type { Database } from './types';

export type DB = Kysely<Database>;

/**
 * The driver under a DB, for a library that brings its own SQL and needs the driver itself (the rate
 * limits of rate-limiter-flexible): the pg pool, or the better-sqlite3 handle. `exclusive` runs work on
 * that handle while no Kysely query or transaction is using it: Kysely keeps the one SQLite connection
 * for a whole transaction across awaits, and a statement run on the handle meanwhile would become part
 * of that transaction (and be undone with it). So never call it from inside a transaction.
 */
export type Driver =
	| { dialect: 'postgres'; pool: pg.Pool }
	| { dialect: 'sqlite'; database: SQLite.Database; exclusive<T>(work: () => Promise<T>): Promise<T> };

const drivers = new WeakMap<DB, Driver>();

/** The driver of a DB made by createDb. */
export function driverOf(db: DB): Driver {
	const driver = drivers.get(db);
	if (!driver) throw new Error('driverOf: this DB was not made by createDb');
	return driver;
}

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
		const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), ...options });
		// Kysely ends the pool only if it ran a query itself; the rate limits may have used it alone.
		const destroy = db.destroy.bind(db);
		db.destroy = async () => {
			await destroy();
			if (!pool.ending && !pool.ended) await pool.end();
		};
		drivers.set(db, { dialect: 'postgres', pool });
		return db;
	}
	if (database.path !== ':memory:') mkdirSync(dirname(database.path), { recursive: true });
	const sqlite = new SQLite(database.path);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	sqlite.pragma('synchronous = NORMAL');
	const db = new Kysely<Database>({
		dialect: new ImmediateSqliteDialect({ database: reusingStatements(sqlite) }),
		...options
	});
	// Kysely's SQLite driver hands its one connection to one query or transaction at a time; holding it
	// through db.connection() keeps work on the handle out of someone else's open transaction.
	const exclusive = <T>(work: () => Promise<T>) => db.connection().execute(() => work());
	drivers.set(db, { dialect: 'sqlite', database: sqlite, exclusive });
	return db;
}

/**
 * better-sqlite3 compiles a statement anew for every prepare(), and Kysely prepares every query it runs:
 * about a tenth of a logged-in page's server time went there (docs/benchmark.md). The same SQL text gets
 * its compiled statement back, up to `max` texts (oldest out first). A statement still being iterated
 * (a streamed query) is busy and cannot run twice at once, so that case gets a fresh one.
 */
export function reusingStatements(sqlite: SQLite.Database, max = 1000): SqliteDatabase {
	const statements = new Map<string, SQLite.Statement>();
	return {
		close: () => sqlite.close(),
		prepare(sql: string) {
			const kept = statements.get(sql);
			if (kept && !kept.busy) return kept;
			if (kept) return sqlite.prepare(sql);
			const statement = sqlite.prepare(sql);
			if (statements.size >= max) statements.delete(statements.keys().next().value!);
			statements.set(sql, statement);
			return statement;
		}
	};
}

/**
 * Kysely's SQLite transactions start with a plain BEGIN, which takes the write lock only at the first
 * write. With several processes on one file (npm start runs one per core), two such transactions can
 * both read, then both want to write: one of them fails at once with SQLITE_BUSY, whatever busy_timeout
 * says, since waiting could not help. BEGIN IMMEDIATE takes the write lock at the start, so a second
 * writer waits its turn (busy_timeout) instead. Reads outside transactions never wait (WAL).
 */
class ImmediateSqliteDriver extends SqliteDriver {
	override async beginTransaction(connection: DatabaseConnection): Promise<void> {
		await connection.executeQuery(CompiledQuery.raw('begin immediate'));
	}
}

class ImmediateSqliteDialect extends SqliteDialect {
	constructor(private readonly settings: SqliteDialectConfig) {
		super(settings);
	}

	override createDriver(): SqliteDriver {
		return new ImmediateSqliteDriver(this.settings);
	}
}

export function isPostgres(db: { getExecutor(): { adapter: object } }): boolean {
	return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}
