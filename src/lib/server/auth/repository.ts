import type { DB } from '../db/create';
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

export async function listMemberships(db: DB, userId: number): Promise<Actor['memberships']> {
	const rows = await db
		.selectFrom('memberships')
		.select(['organisation_id', 'role'])
		.where('user_id', '=', userId)
		.execute();
	return rows.map((r) => ({ organisationId: r.organisation_id, role: r.role }));
}
