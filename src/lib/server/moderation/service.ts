import { reportReasons, type ModerationReason, type ReportReason, type SiteRole } from '../../domain';
import { fetchPage } from '../../paging';
import { cleanText } from '../../text/clean';
import * as audit from '../audit/repository';
import type { MaybeActor } from '../auth/actor';
import { requireAllowed, requireLogin } from '../auth/require';
import { invalidateUserSessions } from '../auth/session';
import * as comments from '../comments/repository';
import { COMMENT_MAX } from '../comments/service';
import type { DB } from '../db/create';
import { DomainError, forbidden, IssueCollector, notFound } from '../errors';
import { canModerate, canSuspend } from './policy';
import * as repository from './repository';

export const QUEUE_PAGE = 20;
export const NOTE_MAX = 500;
/** Suspensions a moderator can choose, in days. */
export const suspensionDays = [1, 3, 7, 30] as const;

export interface QueueItem {
	comment: {
		id: number;
		body: string;
		language: string;
		status: 'visible' | 'deleted' | 'hidden';
		heldFor: 'reports' | 'review' | null;
		hiddenReason: ModerationReason | null;
		personalDetails: string[];
		redacted: boolean;
		createdAt: string;
		isReply: boolean;
	};
	thread: { slug: string; number: number; shortTitle: string };
	author: { id: number | null; name: string | null; siteRole: SiteRole | null; suspendedUntil: string | null };
	reports: { reason: ReportReason; note: string; createdAt: string }[];
}

function requireModerator(actor: MaybeActor): asserts actor is NonNullable<MaybeActor> {
	requireAllowed(actor, canModerate(actor));
}

/**
 * The moderation queue: comments with personal details waiting for review first, then the rest newest
 * first: comments with open reports, comments held (after reports, or for review before publication),
 * and comments flagged for possible personal details that nobody has looked at yet. Two queries for a page, however long the queue. Raises loginRequired, forbidden.
 */
export async function listQueue(
	db: DB,
	actor: MaybeActor,
	options: { page?: number; view?: 'open' | 'hidden' } = {}
): Promise<{ items: QueueItem[]; total: number; page: number; pages: number }> {
	requireModerator(actor);
	const { rows: query, count } = repository.queue(db, options.view === 'hidden' ? 'hidden' : 'open');
	const { rows, total, page, pages } = await fetchPage(options.page, QUEUE_PAGE, query, count);
	const reports = await repository.openReports(
		db,
		rows.map((r) => r.id)
	);
	const now = new Date().toISOString();
	const items = rows.map((r): QueueItem => ({
		comment: {
			id: r.id,
			body: r.body,
			language: r.language,
			status: r.status,
			heldFor: r.held_for,
			hiddenReason: r.hidden_reason,
			personalDetails: r.personal_details ? r.personal_details.split(',') : [],
			redacted: r.redacted_at !== null,
			createdAt: r.created_at,
			isReply: r.parent_id !== null
		},
		thread: { slug: r.slug, number: r.number, shortTitle: r.short_title },
		author: {
			id: r.author_id,
			name: r.display_name,
			siteRole: r.site_role,
			suspendedUntil: r.suspended_until && r.suspended_until > now ? r.suspended_until : null
		},
		reports: reports
			.filter((p) => p.comment_id === r.id)
			.map((p) => ({ reason: p.reason, note: p.note, createdAt: p.created_at }))
	}));
	return { items, total, page, pages };
}

function readReason(issues: IssueCollector, reason: string | null | undefined): ModerationReason | null {
	if (reportReasons.includes(reason as ModerationReason)) return reason as ModerationReason;
	issues.add('reason', 'moderation:error.reason');
	return null;
}

function readNote(issues: IssueCollector, note: string | null | undefined): string {
	const clean = cleanText(note ?? '');
	if ([...clean].length > NOTE_MAX) issues.add('note', 'moderation:error.noteTooLong', { max: NOTE_MAX });
	return clean;
}

async function findComment(db: DB, commentId: number) {
	const comment = await repository.findComment(db, commentId);
	if (!comment || comment.status === 'deleted') throw notFound('comment');
	return comment;
}

const replyOf = (comment: {
	id: number;
	parent_id: number | null;
	author_id: number | null;
	recommendation_id: number;
}) => ({
	id: comment.id,
	parentId: comment.parent_id!,
	authorId: comment.author_id,
	recommendationId: comment.recommendation_id
});

/**
 * Hides a comment with a plain reason and an optional note. A placeholder with the reason stays in its
 * place, the reports are closed, the author is told why, and the audit log records it.
 * Raises loginRequired, forbidden, notFound.comment, ValidationError (reason, note).
 */
export async function hideComment(
	db: DB,
	actor: MaybeActor,
	input: { commentId: number; reason: string; note?: string },
	now = new Date()
): Promise<void> {
	requireModerator(actor);
	const issues = new IssueCollector();
	const reason = readReason(issues, input.reason);
	const note = readNote(issues, input.note);
	issues.throwIfAny();
	const comment = await findComment(db, input.commentId);
	const iso = now.toISOString();
	await db.transaction().execute(async (trx) => {
		await comments.update(trx, comment.id, {
			status: 'hidden',
			hidden_reason: reason,
			hidden_at: iso,
			held_for: null,
			moderated_at: iso
		});
		// A reply held for review was never counted on its parent, so there is nothing to take back.
		await repository.closeReports(trx, comment.id, actor.id, 'hidden', iso);
		await repository.notifyAuthor(trx, comment, reason!, iso);
		await audit.record(trx, {
			actorId: actor.id,
			action: 'comment.hide',
			subjectType: 'comment',
			subjectId: comment.id,
			reason,
			detail: note,
			now: iso
		});
	});
}

/**
 * Publishes a comment again: one that was hidden, held after reports, or waiting for review under
 * pre-moderation (approval). Closes its reports as "restored". Raises loginRequired, forbidden,
 * notFound.comment, moderation:error.nothingToRestore (409).
 */
export async function restoreComment(
	db: DB,
	actor: MaybeActor,
	input: { commentId: number; note?: string },
	now = new Date()
): Promise<void> {
	requireModerator(actor);
	const issues = new IssueCollector();
	const note = readNote(issues, input.note);
	issues.throwIfAny();
	const comment = await findComment(db, input.commentId);
	if (comment.status === 'visible' && comment.held_for === null)
		throw new DomainError('moderation:error.nothingToRestore', 409);
	const iso = now.toISOString();
	const approving = comment.held_for === 'review';
	await db.transaction().execute(async (trx) => {
		await comments.update(trx, comment.id, {
			status: 'visible',
			hidden_reason: null,
			hidden_at: null,
			held_for: null,
			moderated_at: iso
		});
		// An approved reply now counts on its parent, and its author hears of it, as with any reply.
		if (approving && comment.parent_id !== null) await comments.announceReply(trx, replyOf(comment), iso);
		if (approving) await repository.notifyAuthor(trx, comment, 'approved', iso);
		await repository.closeReports(trx, comment.id, actor.id, 'restored', iso);
		await audit.record(trx, {
			actorId: actor.id,
			action: approving ? 'comment.approve' : 'comment.restore',
			subjectType: 'comment',
			subjectId: comment.id,
			detail: note,
			now: iso
		});
	});
}

/**
 * Edits personal details (names, phone numbers, addresses, case numbers) out of a comment. The comment
 * is published with the new text and marked as edited by a moderator, also when it was waiting for review
 * or held after reports; the original is kept in the audit log only. Raises loginRequired, forbidden,
 * notFound.comment, ValidationError (body, note).
 */
export async function redactComment(
	db: DB,
	actor: MaybeActor,
	input: { commentId: number; body: string; note?: string },
	now = new Date()
): Promise<void> {
	requireModerator(actor);
	const issues = new IssueCollector();
	const body = cleanText(input.body ?? '');
	const note = readNote(issues, input.note);
	if (!body) issues.add('body', 'moderation:error.bodyEmpty');
	else if ([...body].length > COMMENT_MAX)
		issues.add('body', 'thread:comment.tooLong', { max: COMMENT_MAX, count: [...body].length });
	const comment = await findComment(db, input.commentId);
	if (body && body === comment.body) issues.add('body', 'moderation:error.bodyUnchanged');
	issues.throwIfAny();
	const iso = now.toISOString();
	await db.transaction().execute(async (trx) => {
		await comments.update(trx, comment.id, {
			body,
			redacted_at: iso,
			moderated_at: iso,
			personal_details: '',
			held_for: null
		});
		if (comment.held_for === 'review' && comment.parent_id !== null)
			await comments.announceReply(trx, replyOf(comment), iso);
		await repository.closeReports(trx, comment.id, actor.id, 'redacted', iso);
		await repository.notifyAuthor(trx, comment, 'redacted', iso);
		await audit.record(trx, {
			actorId: actor.id,
			action: 'comment.redact',
			subjectType: 'comment',
			subjectId: comment.id,
			reason: 'personal',
			detail: JSON.stringify({ note, original: comment.body }),
			now: iso
		});
	});
}

/**
 * Marks a comment's reports as handled without action. A comment held after reports is published
 * again; a flag for personal details is cleared. Raises loginRequired, forbidden, notFound.comment.
 */
export async function dismissReports(
	db: DB,
	actor: MaybeActor,
	input: { commentId: number; note?: string },
	now = new Date()
): Promise<void> {
	requireModerator(actor);
	const issues = new IssueCollector();
	const note = readNote(issues, input.note);
	issues.throwIfAny();
	const comment = await findComment(db, input.commentId);
	const iso = now.toISOString();
	await db.transaction().execute(async (trx) => {
		await repository.releaseReportHold(trx, comment.id, iso);
		await repository.closeReports(trx, comment.id, actor.id, 'dismissed', iso);
		await audit.record(trx, {
			actorId: actor.id,
			action: 'report.dismiss',
			subjectType: 'comment',
			subjectId: comment.id,
			detail: note,
			now: iso
		});
	});
}

/**
 * Pauses an account for a number of days: it can still log in and read, not vote or comment. Its
 * sessions end, so the pause applies at once. Raises loginRequired, forbidden, notFound.user,
 * ValidationError (days, reason, note).
 */
export async function suspendAccount(
	db: DB,
	actor: MaybeActor,
	input: { userId: number; days: number; reason: string; note?: string },
	now = new Date()
): Promise<{ until: string }> {
	requireLogin(actor);
	const target = await repository.findAccount(db, input.userId);
	if (!canModerate(actor)) throw forbidden();
	if (!target || target.deleted_at !== null) throw notFound('user');
	if (!canSuspend(actor, { id: target.id, siteRole: target.site_role })) throw forbidden();
	const issues = new IssueCollector();
	const reason = readReason(issues, input.reason);
	const note = readNote(issues, input.note);
	if (!(suspensionDays as readonly number[]).includes(input.days)) issues.add('days', 'moderation:error.days');
	issues.throwIfAny();
	const iso = now.toISOString();
	const until = new Date(now.getTime() + input.days * 24 * 60 * 60 * 1000).toISOString();
	await db.transaction().execute(async (trx) => {
		await repository.setSuspension(trx, target.id, until, reason);
		await audit.record(trx, {
			actorId: actor.id,
			action: 'user.suspend',
			subjectType: 'user',
			subjectId: target.id,
			reason,
			detail: JSON.stringify({ days: input.days, note }),
			now: iso
		});
	});
	// The person logs in again and then sees the pause and its end date.
	await invalidateUserSessions(db, target.id);
	return { until };
}

/** Ends a pause early. Raises loginRequired, forbidden, notFound.user. */
export async function liftSuspension(db: DB, actor: MaybeActor, userId: number, now = new Date()): Promise<void> {
	requireLogin(actor);
	if (!canModerate(actor)) throw forbidden();
	const target = await repository.findAccount(db, userId);
	if (!target || target.deleted_at !== null) throw notFound('user');
	if (!canSuspend(actor, { id: target.id, siteRole: target.site_role })) throw forbidden();
	const iso = now.toISOString();
	await db.transaction().execute(async (trx) => {
		await repository.setSuspension(trx, target.id, null, null);
		await audit.record(trx, {
			actorId: actor.id,
			action: 'user.unsuspend',
			subjectType: 'user',
			subjectId: target.id,
			now: iso
		});
	});
}
