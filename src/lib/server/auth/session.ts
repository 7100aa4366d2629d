import type { DB } from '../db/create';
import type { Actor } from './actor';
import * as repository from './repository';
import { generateSessionToken, hashToken } from './tokens';

const DAY = 24 * 60 * 60 * 1000;
/** A session lasts 30 days and slides: used in its last 15 days, it is extended to 30 again. */
export const SESSION_DAYS = 30;
const RENEW_WITHIN_DAYS = 15;

export interface Session {
	id: string;
	userId: number;
	expiresAt: Date;
}

/** Starts a session; returns the token for the cookie. The database keeps only its sha256. */
export async function createSession(
	db: DB,
	userId: number,
	now = new Date()
): Promise<{ token: string; session: Session }> {
	const token = generateSessionToken();
	const session = { id: hashToken(token), userId, expiresAt: new Date(now.getTime() + SESSION_DAYS * DAY) };
	await repository.insertSession(db, {
		id: session.id,
		userId,
		expiresAt: session.expiresAt.toISOString(),
		now: now.toISOString()
	});
	return { token, session };
}

/**
 * The session and person behind a cookie's token, or nulls when it is unknown, expired, forged or
 * belongs to a deleted account. Expired sessions are deleted; recent ones slide forward.
 */
export async function validateSessionToken(
	db: DB,
	token: string,
	now = new Date()
): Promise<{ session: Session; actor: Actor } | { session: null; actor: null }> {
	if (!/^[a-z2-7]{32}$/.test(token)) return { session: null, actor: null };
	const sessionId = hashToken(token);
	const row = await repository.findSessionWithUser(db, sessionId);
	if (!row || row.deleted_at !== null || row.display_name === null) return { session: null, actor: null };

	let expiresAt = new Date(row.expires_at);
	if (now.getTime() >= expiresAt.getTime()) {
		await repository.deleteSession(db, sessionId);
		return { session: null, actor: null };
	}
	if (now.getTime() >= expiresAt.getTime() - RENEW_WITHIN_DAYS * DAY) {
		expiresAt = new Date(now.getTime() + SESSION_DAYS * DAY);
		await repository.updateSessionExpiry(db, sessionId, expiresAt.toISOString());
	}
	const { memberships, translates } = await repository.listMembershipsAndLanguages(db, row.id);
	return {
		session: { id: sessionId, userId: row.id, expiresAt },
		actor: {
			id: row.id,
			displayName: row.display_name,
			siteRole: row.site_role,
			experienceExpert: row.experience_expert === 1,
			locale: row.locale,
			isDemo: row.is_demo === 1,
			suspendedUntil: row.suspended_until && row.suspended_until > now.toISOString() ? row.suspended_until : null,
			memberships,
			translates
		}
	};
}

export async function invalidateSession(db: DB, sessionId: string): Promise<void> {
	await repository.deleteSession(db, sessionId);
}

/** Ends every session of a person, except the one they use now when given. */
export async function invalidateUserSessions(db: DB, userId: number, exceptSessionId?: string): Promise<void> {
	await repository.deleteUserSessions(db, userId, exceptSessionId);
}

/** Deletes every session that has expired. Run by the background pass (outbox/scheduler.ts). */
export async function deleteExpiredSessions(db: DB, now = new Date()): Promise<void> {
	await repository.deleteExpiredSessions(db, now.toISOString());
}
