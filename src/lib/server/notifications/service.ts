import { requireLogin } from '../auth/require';
import type { MaybeActor } from '../auth/actor';
import type { DB } from '../db/create';
import { pageNumber } from '../../paging';
import { findThreadRef } from '../recommendations/service';
import * as repository from './repository';

export const NOTIFICATIONS_PAGE = 30;

/** How many notifications I have not read: one indexed count. */
export async function unreadCount(db: DB, actor: MaybeActor): Promise<number> {
	if (!actor) return 0;
	return repository.countUnread(db, actor.id);
}

/** My notifications, newest first, with where they lead: one query. Raises loginRequired. */
export async function listNotifications(db: DB, actor: MaybeActor, page = 1) {
	requireLogin(actor);
	return repository.listFor(db, actor.id, {
		limit: NOTIFICATIONS_PAGE,
		offset: (pageNumber(page) - 1) * NOTIFICATIONS_PAGE
	});
}

/** Marks one of my notifications read, or all of them (id null). Raises loginRequired. */
export async function markRead(db: DB, actor: MaybeActor, id: number | null, now = new Date()): Promise<void> {
	requireLogin(actor);
	await repository.markRead(db, actor.id, id, now.toISOString());
}

export async function isFollowing(db: DB, actor: MaybeActor, recommendationId: number): Promise<boolean> {
	if (!actor) return false;
	return repository.isFollowing(db, recommendationId, actor.id);
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
	if (input.follow)
		await db.transaction().execute((trx) => repository.follow(trx, thread.id, actor.id, now.toISOString()));
	else await repository.unfollow(db, thread.id, actor.id);
}
