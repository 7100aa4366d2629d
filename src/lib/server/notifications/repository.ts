import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/create';
import type { Database, NotificationKind } from '../db/types';
import * as users from '../users/repository';
import { countRows } from '../db/count';

/** How many notifications a person has not read: one indexed count. */
export async function countUnread(db: DB, userId: number): Promise<number> {
	return countRows(db.selectFrom('notifications').where('user_id', '=', userId).where('read_at', 'is', null));
}

/** A person's notifications, newest first, with the thread they lead to: one query. */
export async function listFor(db: DB, userId: number, page: { limit: number; offset: number }) {
	const rows = await db
		.selectFrom('notifications as n')
		.leftJoin('recommendations as r', 'r.id', 'n.recommendation_id')
		.leftJoin('consultations as c', 'c.id', 'r.consultation_id')
		// The person named in a notification wrote its comment (a reply): whether that is a demo account.
		.leftJoin('comments as w', 'w.id', 'n.comment_id')
		.leftJoin('users as a', 'a.id', 'w.author_id')
		.select([
			'a.is_demo',
			'n.id',
			'n.kind',
			'n.comment_id',
			'n.actor_name',
			'n.detail',
			'n.read_at',
			'n.created_at',
			'r.number',
			'r.short_title',
			'c.slug'
		])
		.where('n.user_id', '=', userId)
		.orderBy('n.created_at', 'desc')
		.orderBy('n.id', 'desc')
		.limit(page.limit)
		.offset(page.offset)
		.execute();
	return rows.map((r) => ({
		id: r.id,
		kind: r.kind,
		commentId: r.comment_id,
		actorName: r.actor_name,
		actorIsDemo: r.actor_name !== null && r.is_demo === 1,
		/** A moderation notice's reason, or an answer's status. */
		detail: r.detail,
		read: r.read_at !== null,
		createdAt: r.created_at,
		thread: r.slug && r.number ? { slug: r.slug, number: r.number, shortTitle: r.short_title ?? '' } : null
	}));
}

/** Marks one of a person's unread notifications read, or all of them (id null). */
export async function markRead(db: DB, userId: number, id: number | null, now: string): Promise<void> {
	let q = db
		.updateTable('notifications')
		.set({ read_at: now })
		.where('user_id', '=', userId)
		.where('read_at', 'is', null);
	if (id !== null) q = q.where('id', '=', id);
	await q.execute();
}

/**
 * Notifies each recipient who still has an account, once, about a thread: one INSERT … SELECT. Runs
 * inside the transaction of what they are told about.
 */
export async function notifyEach(
	trx: Transaction<Database>,
	notice: {
		kind: NotificationKind;
		recommendationId: number;
		detail?: string | null;
		recipients: users.UserIds;
		now: string;
	}
): Promise<number> {
	if (Array.isArray(notice.recipients) && notice.recipients.length === 0) return 0;
	const result = await trx
		.insertInto('notifications')
		.columns(['user_id', 'kind', 'recommendation_id', 'detail', 'created_at'])
		.expression(
			users.existingAmong(trx, notice.recipients).select((e) => [
				'u.id',
				e.val(notice.kind).as('kind'),
				// Typed here: PostgreSQL reads a bare parameter in a select list as text.
				sql<number>`cast(${notice.recommendationId} as integer)`.as('recommendation_id'),
				e.val(notice.detail ?? null).as('detail'),
				e.val(notice.now).as('created_at')
			])
		)
		.executeTakeFirst();
	return Number(result.numInsertedOrUpdatedRows ?? 0);
}

export async function isFollowing(db: DB, recommendationId: number, userId: number): Promise<boolean> {
	const row = await db
		.selectFrom('follows')
		.select('user_id')
		.where('recommendation_id', '=', recommendationId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	return !!row;
}

/**
 * A person follows a thread (nothing changes when they already do). Runs inside the transaction of what
 * made them follow it: a vote, a comment, or the follow button.
 */
export async function follow(trx: Transaction<Database>, recommendationId: number, userId: number, now: string) {
	await trx
		.insertInto('follows')
		.values({ recommendation_id: recommendationId, user_id: userId, created_at: now })
		.onConflict((oc) => oc.columns(['recommendation_id', 'user_id']).doNothing())
		.execute();
}

/** Who follows a thread, but one person (who wrote what they are told about), as a query of user ids. */
export function followers(db: DB, recommendationId: number, exceptUserId: number) {
	return db
		.selectFrom('follows')
		.select('user_id')
		.where('recommendation_id', '=', recommendationId)
		.where('user_id', '!=', exceptUserId);
}

export async function unfollow(db: DB, recommendationId: number, userId: number): Promise<void> {
	await db
		.deleteFrom('follows')
		.where('recommendation_id', '=', recommendationId)
		.where('user_id', '=', userId)
		.execute();
}
