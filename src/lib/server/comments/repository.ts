import { sql, type ExpressionBuilder, type Insertable, type Transaction, type Updateable } from 'kysely';
import type { ReportReason } from '../../domain';
import type { DB } from '../db/create';
import type { CommentsTable, Database } from '../db/types';
import { queueMail } from '../outbox/queue';

/*
 * Comments' SQL, and the one home of what "published" means. Services keep the rules, the authorisation
 * and the transactions; moderation, summaries, results and exports read comments through here rather
 * than writing their own conditions. Functions take `db`, or `trx` where they must run inside the
 * caller's transaction.
 */

/** Tables as a query sees them with comments aliased "c". */
type WithC = Database & { c: Database['comments'] };

/**
 * Published: what every reader may read and every count counts. Not hidden, not deleted, not waiting
 * for a moderator (after reports, or for review). For a query on `comments as c`.
 */
export const isPublished = (eb: ExpressionBuilder<WithC, 'c'>) =>
	eb.and([eb('c.status', '=', 'visible'), eb('c.held_for', 'is', null)]);

/** The same, as a boolean on a row already read. */
export const publishedRow = (row: { status: string; held_for: string | null }): boolean =>
	row.status === 'visible' && row.held_for === null;

/**
 * What a thread shows a reader: everything but comments waiting for review (before publication), which
 * only their author sees. Held-after-reports, hidden and deleted comments keep their place as a notice.
 */
const shownTo = (readerId: number | null) => (eb: ExpressionBuilder<WithC, 'c'>) =>
	eb.or([
		eb('c.held_for', 'is', null),
		eb('c.held_for', '!=', 'review'),
		...(readerId === null ? [] : [eb('c.author_id', '=', readerId)])
	]);

/** The columns a thread reads for each comment, with its author. */
const threadSelect = (db: DB) =>
	db
		.selectFrom('comments as c')
		.leftJoin('users as u', 'u.id', 'c.author_id')
		.select([
			'c.id',
			'c.parent_id',
			'c.author_id',
			'c.body',
			'c.language',
			'c.stance',
			'c.status',
			'c.helpful_count',
			'c.reply_count',
			'c.created_at',
			'c.edited_at',
			'c.text_version',
			'c.held_for',
			'c.hidden_reason',
			'c.redacted_at',
			'c.personal_details',
			'u.display_name',
			'u.experience_expert',
			'u.is_demo'
		]);
export type ThreadCommentRow = Awaited<ReturnType<ReturnType<typeof threadSelect>['execute']>>[number];

/** A thread's top-level comments as one reader sees them, newest or most helpful first (paged by the caller). */
export function topLevel(db: DB, recommendationId: number, readerId: number | null, sort: 'newest' | 'helpful') {
	const q = threadSelect(db)
		.where('c.recommendation_id', '=', recommendationId)
		.where('c.parent_id', 'is', null)
		.where(shownTo(readerId));
	return (
		sort === 'helpful'
			? q.orderBy('c.helpful_count', 'desc').orderBy('c.created_at', 'desc')
			: q.orderBy('c.created_at', 'desc')
	).orderBy('c.id', 'desc');
}

/**
 * How many top-level comments one reader sees: all of them (read from the index alone), minus those
 * waiting for review that are not theirs (few, found through a partial index). A filter on every comment
 * would read each one: 1 ms rather than 0.07 ms for a thread of 3,333 comments.
 */
export function countTopLevel(db: DB, recommendationId: number, readerId: number | null) {
	return db
		.selectNoFrom((eb) => [
			eb(
				eb
					.selectFrom('comments')
					.select((e) => e.fn.countAll<number>().as('n'))
					.where('recommendation_id', '=', recommendationId)
					.where('parent_id', 'is', null),
				'-',
				eb
					.selectFrom('comments')
					.select((e) => e.fn.countAll<number>().as('n'))
					.where('recommendation_id', '=', recommendationId)
					.where('parent_id', 'is', null)
					// A literal, so the partial index comments_review_idx can serve it (a parameter could not).
					.where('held_for', '=', sql.lit('review'))
					.where((w) =>
						readerId === null ? w.lit(true) : w.or([w('author_id', 'is', null), w('author_id', '!=', readerId)])
					)
			).as('n')
		])
		.executeTakeFirstOrThrow();
}

/** The replies to these comments that a reader sees, oldest first. */
export function repliesTo(db: DB, parentIds: number[], readerId: number | null) {
	if (parentIds.length === 0) return Promise.resolve([] as ThreadCommentRow[]);
	return threadSelect(db)
		.where('c.parent_id', 'in', parentIds)
		.where(shownTo(readerId))
		.orderBy('c.created_at', 'asc')
		.orderBy('c.id', 'asc')
		.execute();
}

/** Which of these comments the reader marked helpful, and which they reported: two queries. */
export async function marksBy(db: DB, readerId: number, commentIds: number[]) {
	if (commentIds.length === 0) return { helped: new Set<number>(), reported: new Set<number>() };
	const [helped, reported] = await Promise.all([
		db
			.selectFrom('comment_reactions')
			.select('comment_id')
			.where('user_id', '=', readerId)
			.where('comment_id', 'in', commentIds)
			.execute(),
		db
			.selectFrom('comment_reports')
			.select('comment_id')
			.where('reporter_id', '=', readerId)
			.where('comment_id', 'in', commentIds)
			.execute()
	]);
	return { helped: new Set(helped.map((r) => r.comment_id)), reported: new Set(reported.map((r) => r.comment_id)) };
}

/** A comment by this author with this form token: the same form sent twice. */
export function findByToken(db: DB, authorId: number, token: string) {
	return db
		.selectFrom('comments')
		.select('id')
		.where('author_id', '=', authorId)
		.where('client_token', '=', token)
		.executeTakeFirst();
}

/** When an account was made (for the "new accounts" hold policy). */
export async function accountCreatedAt(db: DB, userId: number): Promise<string | null> {
	const row = await db.selectFrom('users').select('created_at').where('id', '=', userId).executeTakeFirst();
	return row?.created_at ?? null;
}

/** A top-level comment of this thread, which a reply may answer. */
export function findParent(db: DB, parentId: number, recommendationId: number) {
	return db
		.selectFrom('comments as c')
		.select(['c.id', 'c.author_id', 'c.status'])
		.where('c.id', '=', parentId)
		.where('c.recommendation_id', '=', recommendationId)
		.where('c.parent_id', 'is', null)
		.executeTakeFirst();
}

/** A new comment, bound to the revision of the text it was written on (read in the same statement). */
export async function insertComment(trx: Transaction<Database>, values: Insertable<CommentsTable>): Promise<number> {
	const { id } = await trx
		.insertInto('comments')
		.values((eb) => ({
			...values,
			text_version: eb
				.selectFrom('recommendations')
				.select('text_version')
				.where('id', '=', values.recommendation_id as number)
		}))
		.returning('id')
		.executeTakeFirstOrThrow();
	return id;
}

/** A comment with what its author may do with it: the thread's phase and hold policy. */
export function findWithConsultation(db: DB, commentId: number) {
	return db
		.selectFrom('comments as c')
		.innerJoin('recommendations as r', 'r.id', 'c.recommendation_id')
		.innerJoin('consultations as k', 'k.id', 'r.consultation_id')
		.select([
			'c.id',
			'c.author_id',
			'c.parent_id',
			'c.recommendation_id',
			'c.created_at',
			'c.status',
			'c.held_for',
			'c.review_started_at',
			'k.phase',
			'k.hold_policy',
			'k.hold_new_account_days',
			'k.hold_after_reports'
		])
		.where('c.id', '=', commentId)
		.executeTakeFirst();
}

/** Writes these fields of one comment. */
export async function update(db: DB, commentId: number, changes: Updateable<CommentsTable>): Promise<void> {
	await db.updateTable('comments').set(changes).where('id', '=', commentId).execute();
}

/** A moderator's decision about whether a comment shows: hidden with a reason, or visible again; any hold ends. */
export async function setVisibility(
	trx: Transaction<Database>,
	commentId: number,
	status: 'hidden' | 'visible',
	hiddenReason: ReportReason | null,
	now: string
): Promise<void> {
	await update(trx, commentId, {
		status,
		hidden_reason: status === 'hidden' ? hiddenReason : null,
		hidden_at: status === 'hidden' ? now : null,
		held_for: null,
		moderated_at: now
	});
}

/**
 * Takes the comment's row lock (a write that changes nothing), so a second report at the same moment
 * waits for this transaction. Otherwise, on PostgreSQL, each would count only its own report.
 */
export async function lock(trx: Transaction<Database>, commentId: number): Promise<void> {
	await trx
		.updateTable('comments')
		.set((eb) => ({ held_for: eb.ref('held_for') }))
		.where('id', '=', commentId)
		.execute();
}

/** Adds a report, once per person; false when this person had reported it already. */
export async function addReport(
	trx: Transaction<Database>,
	report: { commentId: number; reporterId: number; reason: ReportReason; note: string; now: string }
): Promise<boolean> {
	const added = await trx
		.insertInto('comment_reports')
		.values({
			comment_id: report.commentId,
			reporter_id: report.reporterId,
			reason: report.reason,
			note: report.note,
			created_at: report.now
		})
		.onConflict((oc) => oc.columns(['comment_id', 'reporter_id']).doNothing())
		.executeTakeFirst();
	return Number(added.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * Holds a published comment once it has this many open reports: one conditional update, so it is held
 * once. True when this call held it.
 */
export async function holdWhenReported(
	trx: Transaction<Database>,
	commentId: number,
	threshold: number
): Promise<boolean> {
	const held = await trx
		.updateTable('comments')
		.set({ held_for: 'reports' })
		.where('id', '=', commentId)
		.where('status', '=', 'visible')
		.where('held_for', 'is', null)
		.where(
			(eb) =>
				eb
					.selectFrom('comment_reports')
					.select((e) => e.fn.countAll<number>().as('n'))
					.where('comment_id', '=', commentId)
					.where('status', '=', 'open'),
			'>=',
			threshold
		)
		.executeTakeFirst();
	return Number(held.numUpdatedRows) > 0;
}

/** A comment's status, for a reaction to it. */
export function findStatus(db: DB, commentId: number) {
	return db.selectFrom('comments').select(['id', 'status']).where('id', '=', commentId).executeTakeFirst();
}

/**
 * Marks a comment helpful for one person, or takes that back, keeping the count on the comment in step.
 * Returns whether it is now marked.
 */
export async function toggleReaction(
	trx: Transaction<Database>,
	commentId: number,
	userId: number,
	now: string
): Promise<boolean> {
	const removed = await trx
		.deleteFrom('comment_reactions')
		.where('comment_id', '=', commentId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	const change = Number(removed.numDeletedRows) > 0 ? -1 : 0;
	if (change === 0) {
		const added = await trx
			.insertInto('comment_reactions')
			.values({ comment_id: commentId, user_id: userId, created_at: now })
			.onConflict((oc) => oc.columns(['comment_id', 'user_id']).doNothing())
			.executeTakeFirst();
		if (Number(added.numInsertedOrUpdatedRows ?? 0) === 0) return true;
	}
	await trx
		.updateTable('comments')
		.set((eb) => ({ helpful_count: eb('helpful_count', '+', change === 0 ? 1 : -1) }))
		.where('id', '=', commentId)
		.execute();
	return change === 0;
}

/** A reply and where it belongs. */
export interface ReplyRef {
	id: number;
	parentId: number;
	authorId: number | null;
	recommendationId: number;
}

/**
 * A reply becomes public: it counts on its parent, and the parent's author is told, once, in the app and
 * by mail if they asked for it (never the writer themselves, never a deleted account). The one place for
 * this step: a reply posted without a hold, a held reply that a moderator approves or edits, and a held
 * reply whose author removed the personal details all come here. Runs inside the publishing transaction.
 */
export async function announceReply(trx: Transaction<Database>, reply: ReplyRef, now: string): Promise<void> {
	await trx
		.updateTable('comments')
		.set((eb) => ({ reply_count: eb('reply_count', '+', 1) }))
		.where('id', '=', reply.parentId)
		.execute();
	// A reply that was public before (and went back to waiting after an edit) was announced already.
	const told = await trx
		.selectFrom('notifications')
		.select('id')
		.where('comment_id', '=', reply.id)
		.where('kind', '=', 'reply')
		.limit(1)
		.executeTakeFirst();
	if (told) return;
	const parentAuthor = (eb: Transaction<Database>) =>
		eb
			.selectFrom('comments as p')
			.innerJoin('users as u', 'u.id', 'p.author_id')
			.where('p.id', '=', reply.parentId)
			.where('p.author_id', '!=', reply.authorId ?? 0)
			.where('u.deleted_at', 'is', null);
	await trx
		.insertInto('notifications')
		.columns(['user_id', 'kind', 'recommendation_id', 'comment_id', 'actor_name', 'created_at'])
		.expression(
			parentAuthor(trx).select((e) => [
				'u.id',
				e.val('reply').as('kind'),
				'p.recommendation_id',
				sql<number>`cast(${reply.id} as integer)`.as('comment_id'),
				e
					.selectFrom('users as w')
					.select('w.display_name')
					.where('w.id', '=', reply.authorId ?? 0)
					.as('actor_name'),
				e.val(now).as('created_at')
			])
		)
		.execute();
	await queueMail(trx, {
		kind: 'reply',
		recommendationId: reply.recommendationId,
		commentId: reply.id,
		recipients: parentAuthor(trx).select('u.id'),
		now
	});
}

/** A public reply goes back to waiting for a moderator: it no longer counts on its parent. */
export async function withdrawReply(trx: Transaction<Database>, reply: Pick<ReplyRef, 'parentId'>): Promise<void> {
	await trx
		.updateTable('comments')
		.set((eb) => ({ reply_count: eb('reply_count', '-', 1) }))
		.where('id', '=', reply.parentId)
		.where('reply_count', '>', 0)
		.execute();
}

/**
 * When each comment that waited for review in the consultation of this recommendation began to wait and
 * was decided, over the decisions since `since`: the latest 200.
 */
export function reviewDecisions(db: DB, recommendationId: number, since: string) {
	return db
		.selectFrom('comments as c')
		.innerJoin('recommendations as r', 'r.id', 'c.recommendation_id')
		.select(['c.review_started_at', 'c.moderated_at'])
		.where('r.consultation_id', '=', (eb) =>
			eb.selectFrom('recommendations as o').select('o.consultation_id').where('o.id', '=', recommendationId)
		)
		.where('c.review_started_at', 'is not', null)
		.where('c.moderated_at', '>=', since)
		.where('c.held_for', 'is', null)
		.orderBy('c.moderated_at', 'desc')
		.limit(200)
		.execute();
}
