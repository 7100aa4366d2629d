import { requireLogin } from '../auth/require';
import type { MaybeActor } from '../auth/actor';
import type { DB } from '../db/create';
import { pageNumber } from '../../paging';
import { findThreadRef } from '../recommendations/service';
import { followThread } from '../votes/service';

export const NOTIFICATIONS_PAGE = 30;

/** How many notifications I have not read: one indexed count. */
export async function unreadCount(db: DB, actor: MaybeActor): Promise<number> {
	if (!actor) return 0;
	const row = await db
		.selectFrom('notifications')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('user_id', '=', actor.id)
		.where('read_at', 'is', null)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** My notifications, newest first, with where they lead: one query. Raises loginRequired. */
export async function listNotifications(db: DB, actor: MaybeActor, page = 1) {
	requireLogin(actor);
	const rows = await db
		.selectFrom('notifications as n')
		.leftJoin('recommendations as r', 'r.id', 'n.recommendation_id')
		.leftJoin('consultations as c', 'c.id', 'r.consultation_id')
		.select([
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
		.where('n.user_id', '=', actor.id)
		.orderBy('n.created_at', 'desc')
		.orderBy('n.id', 'desc')
		.limit(NOTIFICATIONS_PAGE)
		.offset((pageNumber(page) - 1) * NOTIFICATIONS_PAGE)
		.execute();
	return rows.map((r) => ({
		id: r.id,
		kind: r.kind,
		commentId: r.comment_id,
		actorName: r.actor_name,
		/** A moderation notice's reason, or an answer's status. */
		detail: r.detail,
		read: r.read_at !== null,
		createdAt: r.created_at,
		thread: r.slug && r.number ? { slug: r.slug, number: r.number, shortTitle: r.short_title ?? '' } : null
	}));
}

/** Marks one of my notifications read, or all of them (id null). Raises loginRequired. */
export async function markRead(db: DB, actor: MaybeActor, id: number | null, now = new Date()): Promise<void> {
	requireLogin(actor);
	let q = db
		.updateTable('notifications')
		.set({ read_at: now.toISOString() })
		.where('user_id', '=', actor.id)
		.where('read_at', 'is', null);
	if (id !== null) q = q.where('id', '=', id);
	await q.execute();
}

export async function isFollowing(db: DB, actor: MaybeActor, recommendationId: number): Promise<boolean> {
	if (!actor) return false;
	return !!(await db
		.selectFrom('follows')
		.select('user_id')
		.where('recommendation_id', '=', recommendationId)
		.where('user_id', '=', actor.id)
		.executeTakeFirst());
}

/** Follows or stops following a thread (following works in every phase: answers come later). */
export async function setFollowing(
	db: DB,
	actor: MaybeActor,
	input: { slug: string; number: number; follow: boolean },
	now = new Date()
): Promise<void> {
	requireLogin(actor);
	const thread = await findThreadRef(db, input.slug, input.number);
	if (input.follow) await followThread(db, thread.id, actor.id, now.toISOString());
	else
		await db.deleteFrom('follows').where('recommendation_id', '=', thread.id).where('user_id', '=', actor.id).execute();
}
