import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/create';
import type { Database, ModerationReason } from '../db/types';

/*
 * Moderation's SQL: the queue (what waits for a decision, and what was hidden), a comment as a moderator
 * decides about it, reports closed with the outcome, the author's notice, and paused accounts. Changes
 * to a comment itself go through comments/repository.ts.
 */

/**
 * The comments of one queue view, as a paged query and its count. "open": everything waiting for a
 * decision, as a union of three small indexed sets (an OR over all comments would read every comment:
 * 186 ms a page at 200,000 comments, against 8 ms this way), personal details waiting for review first,
 * then the latest activity. "hidden": what moderators hid, newest first, so a decision can be undone.
 */
export function queue(db: DB, view: 'open' | 'hidden') {
	const hidden = view === 'hidden';
	const waiting = db
		.selectFrom('comments')
		.select('id')
		.where('held_for', 'is not', null)
		.union(db.selectFrom('comment_reports').select('comment_id as id').where('status', '=', 'open'))
		.union(
			db
				.selectFrom('comments')
				.select('id')
				.where('personal_details', '!=', '')
				.where('moderated_at', 'is', null)
				.where('status', '=', 'visible')
		);
	const base = hidden
		? db.selectFrom('comments as c').where('c.status', '=', 'hidden')
		: db.selectFrom('comments as c').where('c.id', 'in', waiting);
	const rows = base
		.innerJoin('recommendations as r', 'r.id', 'c.recommendation_id')
		.innerJoin('consultations as k', 'k.id', 'r.consultation_id')
		.leftJoin('users as u', 'u.id', 'c.author_id')
		.select((eb) => [
			'c.id',
			'c.body',
			'c.language',
			'c.status',
			'c.held_for',
			'c.hidden_reason',
			'c.personal_details',
			'c.redacted_at',
			'c.created_at',
			'c.parent_id',
			'c.author_id',
			'r.number',
			'r.short_title',
			'k.slug',
			'k.language as consultation_language',
			'u.display_name',
			'u.site_role',
			'u.suspended_until',
			// Personal details waiting for review come first: they are not public until someone decides.
			eb
				.case()
				.when(eb.and([eb('c.held_for', '=', 'review'), eb('c.personal_details', '!=', '')]))
				.then(1)
				.else(0)
				.end()
				.as('urgent'),
			// The latest open report, or the comment itself: what came in last is on top.
			eb.fn
				.coalesce(
					eb
						.selectFrom('comment_reports as l')
						.select((e) => e.fn.max('l.created_at').as('latest'))
						.whereRef('l.comment_id', '=', 'c.id')
						.where('l.status', '=', 'open'),
					'c.created_at'
				)
				.as('activity')
		])
		.$if(!hidden, (q) => q.orderBy('urgent', 'desc'))
		.orderBy(hidden ? 'c.hidden_at' : 'activity', 'desc')
		.orderBy('c.id', 'desc');
	const count = base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
	return { rows, count };
}

/** The open reports of these comments, newest first. */
export function openReports(db: DB, commentIds: number[]) {
	if (commentIds.length === 0) return Promise.resolve([]);
	return db
		.selectFrom('comment_reports')
		.select(['comment_id', 'reason', 'note', 'created_at'])
		.where('comment_id', 'in', commentIds)
		.where('status', '=', 'open')
		.orderBy('created_at', 'desc')
		.execute();
}

/** A comment as a moderator decides about it. */
export function findComment(db: DB, commentId: number) {
	return db
		.selectFrom('comments as c')
		.select(['c.id', 'c.recommendation_id', 'c.parent_id', 'c.author_id', 'c.body', 'c.status', 'c.held_for'])
		.where('c.id', '=', commentId)
		.executeTakeFirst();
}

export type Outcome = 'hidden' | 'restored' | 'redacted' | 'dismissed';

/** Closes the comment's open reports with what the moderator decided. */
export async function closeReports(
	trx: Transaction<Database>,
	commentId: number,
	actorId: number,
	outcome: Outcome,
	now: string
): Promise<void> {
	await trx
		.updateTable('comment_reports')
		.set({ status: 'handled', outcome, handled_by: actorId, handled_at: now })
		.where('comment_id', '=', commentId)
		.where('status', '=', 'open')
		.execute();
}

/** Tells the author what a moderator did ("approved", "redacted" or a reason), read in their own language. */
export async function notifyAuthor(
	trx: Transaction<Database>,
	comment: { id: number; recommendation_id: number; author_id: number | null },
	detail: string,
	now: string
): Promise<void> {
	if (comment.author_id === null) return;
	await trx
		.insertInto('notifications')
		.values({
			user_id: comment.author_id,
			kind: 'moderation',
			recommendation_id: comment.recommendation_id,
			comment_id: comment.id,
			actor_name: null,
			detail,
			read_at: null,
			created_at: now
		})
		.execute();
}

/** Ends a hold after reports (a hold for review stays), and marks the comment as looked at. */
export async function releaseReportHold(trx: Transaction<Database>, commentId: number, now: string): Promise<void> {
	await trx
		.updateTable('comments')
		.set((eb) => ({
			moderated_at: now,
			held_for: eb.case().when('held_for', '=', 'reports').then(null).else(eb.ref('held_for')).end()
		}))
		.where('id', '=', commentId)
		.execute();
}

/** An account a moderator may pause: its role, and whether it was deleted. */
export function findAccount(db: DB, userId: number) {
	return db.selectFrom('users').select(['id', 'site_role', 'deleted_at']).where('id', '=', userId).executeTakeFirst();
}

/** Pauses an account until then (null: lifts the pause). */
export async function setSuspension(
	db: DB,
	userId: number,
	until: string | null,
	reason: ModerationReason | null
): Promise<void> {
	await db
		.updateTable('users')
		.set({ suspended_until: until, suspension_reason: reason })
		.where('id', '=', userId)
		.execute();
}

const month = sql<string>`substr(created_at, 1, 7)`;

/** Reports per month (YYYY-MM) and reason, since then. */
export function reportsPerMonth(db: DB, since: string) {
	return db
		.selectFrom('comment_reports')
		.select((eb) => [month.as('month'), 'reason', eb.fn.countAll<number>().as('n')])
		.where('created_at', '>=', since)
		.groupBy([month, 'reason'])
		.execute();
}

/** These audit log actions per month (YYYY-MM) and reason, since then. */
export function actionsPerMonth(db: DB, since: string, actions: string[]) {
	return db
		.selectFrom('audit_log')
		.select((eb) => [month.as('month'), 'action', 'reason', eb.fn.countAll<number>().as('n')])
		.where('action', 'in', actions)
		.where('created_at', '>=', since)
		.groupBy([month, 'action', 'reason'])
		.execute();
}
