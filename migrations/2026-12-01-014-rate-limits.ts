import { sql, type Kysely } from 'kysely';
import { isPostgres } from './dialect';

/*
 * Rate limits in the database, so that every app server on it counts together (issue 16). The table is
 * the one rate-limiter-flexible's RateLimiterPostgres and RateLimiterSQLite would create themselves
 * (same columns, same types); it is made here so that the app never runs DDL while serving. One row per
 * limited key: the key (a limit's prefix and an HMAC, never an address or a name), the points used in the
 * current window and when that window ends (epoch milliseconds). Rows whose window ended are deleted by
 * the hourly housekeeping (src/lib/server/auth/limits.ts, forgetExpiredLimits).
 */

export async function up(db: Kysely<any>): Promise<void> {
	if (isPostgres(db)) {
		await sql`create table rate_limits (
			key varchar(255) primary key,
			points integer not null default 0,
			expire bigint
		)`.execute(db);
	} else {
		await sql`create table rate_limits (
			key text primary key,
			points integer not null default 0,
			expire integer
		)`.execute(db);
	}
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('rate_limits').execute();
}
