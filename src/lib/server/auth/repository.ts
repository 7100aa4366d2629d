import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/create';
import type { Database, MembershipRole } from '../db/types';
import type { Actor } from './actor';

export async function findSessionWithUser(db: DB, sessionId: string) {
	return db
		.selectFrom('sessions as s')
		.innerJoin('users as u', 'u.id', 's.user_id')
		.select([
			's.id as session_id',
			's.expires_at',
			'u.id',
			'u.display_name',
			'u.site_role',
			'u.experience_expert',
			'u.locale',
			'u.is_demo',
			'u.deleted_at',
			'u.suspended_until'
		])
		.where('s.id', '=', sessionId)
		.executeTakeFirst();
}

export async function insertSession(db: DB, session: { id: string; userId: number; expiresAt: string; now: string }) {
	await db
		.insertInto('sessions')
		.values({ id: session.id, user_id: session.userId, expires_at: session.expiresAt, created_at: session.now })
		.execute();
}

export async function updateSessionExpiry(db: DB, sessionId: string, expiresAt: string) {
	await db.updateTable('sessions').set({ expires_at: expiresAt }).where('id', '=', sessionId).execute();
}

export async function deleteSession(db: DB, sessionId: string) {
	await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function deleteUserSessions(db: DB, userId: number, exceptSessionId?: string) {
	let query = db.deleteFrom('sessions').where('user_id', '=', userId);
	if (exceptSessionId) query = query.where('id', '!=', exceptSessionId);
	await query.execute();
}

export async function deleteExpiredSessions(db: DB, now: string) {
	await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}

/** Rate limit windows (rate-limiter-flexible's rows) that ended before `beforeMs`. */
export async function deleteEndedLimits(db: DB, beforeMs: number) {
	await db.deleteFrom('rate_limits').where('expire', '<', beforeMs).execute();
}

/** A person's sessions, for the export of their data. */
export async function listSessionsOf(db: DB, userId: number) {
	return db.selectFrom('sessions').select(['created_at', 'expires_at']).where('user_id', '=', userId).execute();
}

/**
 * A person's places in associations and the languages they translate into (the translator badge):
 * one query, as every request needs both.
 */
export async function listMembershipsAndLanguages(
	db: DB,
	userId: number
): Promise<Pick<Actor, 'memberships' | 'translates'>> {
	const rows = await db
		.selectFrom('memberships')
		.select(['organisation_id', 'role', sql<string | null>`null`.as('language')])
		.where('user_id', '=', userId)
		.unionAll(
			db
				.selectFrom('translator_languages')
				.select([sql<number>`null`.as('organisation_id'), sql<MembershipRole>`null`.as('role'), 'language'])
				.where('user_id', '=', userId)
		)
		.execute();
	return {
		memberships: rows
			.filter((r) => r.language === null)
			.map((r) => ({ organisationId: r.organisation_id, role: r.role })),
		translates: rows
			.map((r) => r.language)
			.filter((l): l is string => l !== null)
			.sort()
	};
}

/** The reset whose code or link token hashes to one of these, with the account it is for. */
export async function findResetByHashes(db: DB, codeHashes: string[]) {
	return db
		.selectFrom('password_resets as r')
		.innerJoin('users as u', 'u.id', 'r.user_id')
		.select(['r.id', 'r.user_id', 'r.expires_at', 'r.used_at', 'u.display_name', 'u.deleted_at'])
		.where('r.code_hash', 'in', codeHashes)
		.executeTakeFirst();
}

export async function insertReset(
	db: DB,
	reset: {
		userId: number;
		codeHash: string;
		kind: 'code' | 'email';
		createdBy: number | null;
		expiresAt: string;
		now: string;
	}
): Promise<void> {
	await db
		.insertInto('password_resets')
		.values({
			user_id: reset.userId,
			code_hash: reset.codeHash,
			kind: reset.kind,
			created_by: reset.createdBy,
			expires_at: reset.expiresAt,
			created_at: reset.now
		})
		.execute();
}

/**
 * Marks a reset used, only if it was not yet: true when this call did it. Conditional, so of two uses
 * of one code at once only one wins; run in the transaction that sets the new password.
 */
export async function claimReset(trx: Transaction<Database>, id: number, now: string): Promise<boolean> {
	const claimed = await trx
		.updateTable('password_resets')
		.set({ used_at: now })
		.where('id', '=', id)
		.where('used_at', 'is', null)
		.executeTakeFirst();
	return Number(claimed.numUpdatedRows) === 1;
}

/** Every unused reset of a person stops working (when a new code is issued, in the same transaction). */
export async function retireResets(trx: Transaction<Database>, userId: number, now: string): Promise<void> {
	await trx
		.updateTable('password_resets')
		.set({ used_at: now })
		.where('user_id', '=', userId)
		.where('used_at', 'is', null)
		.execute();
}
