import {
	type AuditAction,
	type AuditReason,
	type ModerationReason,
	type ReportReason,
	type SiteRole
} from '../../domain';
import { fetchPage } from '../../paging';
import { cleanText } from '../../text/clean';
import * as audit from '../audit/repository';
import type { MaybeActor } from '../auth/actor';
import { requireAllowed, requireLogin } from '../auth/require';
import { invalidateUserSessions } from '../auth/session';
import * as comments from '../comments/repository';
import { COMMENT_MAX } from '../comments/service';
import type { Transaction } from 'kysely';
import type { DB } from '../db/create';
import type { Database } from '../db/types';
import { DomainError, forbidden, IssueCollector, notFound } from '../errors';
import { readNote, readReason } from './input';
import { canModerate, canSuspend } from './policy';
import * as repository from './repository';
import { queueForStaff } from '../translations/for-staff';
import * as translations from '../translations/service';
import type { Shown } from '../../views';

export const QUEUE_PAGE = 20;
export { NOTE_MAX } from './input';
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
		/** The text in the consultation's language, for moderators who do not read its own; null when written in it. */
		staffShown: Shown | null;
	};
	thread: { slug: string; number: number; shortTitle: string; consultationLanguage: string };
	author: { id: number | null; name: string | null; siteRole: SiteRole | null; suspendedUntil: string | null };
	reports: { reason: ReportReason; note: string; createdAt: string }[];
}

function requireModerator(actor: MaybeActor): asserts actor is NonNullable<MaybeActor> {
	requireAllowed(actor, canModerate(actor));
}

/**
 * The moderation queue: comments with personal details waiting for review first, then the rest newest
 * first: comments with open reports, comments held (after reports, or for review before publication),
 * and comments flagged for possible personal details that nobody has looked at yet, each also in its
 * consultation's language. Three queries for a page, however long the queue. Raises loginRequired, forbidden.
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
	const sourcesOfRows = rows.map((r) => ({ ...translations.commentBody(r), into: r.consultation_language }));
	const staffShown = await translations.forStaff(db, sourcesOfRows);
	const items = rows.map((r, i): QueueItem => ({
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
			isReply: r.parent_id !== null,
			staffShown: r.status === 'deleted' ? null : staffShown(sourcesOfRows[i])
		},
		thread: {
			slug: r.slug,
			number: r.number,
			shortTitle: r.short_title,
			consultationLanguage: r.consultation_language
		},
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

type Comment = NonNullable<Awaited<ReturnType<typeof repository.findComment>>>;

/** What every moderator's decision about a comment is given: the comment, and an optional note for the log. */
export interface CommentDecision {
	commentId: number;
	note?: string;
}

/**
 * What every decision about a comment shares: the moderator's right, the input checked (the note, and
 * what `check` adds, which may look at the comment), then one transaction in which `change` changes the
 * comment, the open reports are closed with the outcome, the audit log records the decision, and a
 * comment published again is queued for machine translation into the consultation's language.
 */
async function decide(
	db: DB,
	actor: MaybeActor,
	input: CommentDecision,
	now: Date,
	decision: {
		/** Checks of the input alone, before the comment is read. */
		check?: (issues: IssueCollector) => void;
		/** Checks against the comment: add an issue, or throw a DomainError. */
		checkComment?: (issues: IssueCollector, comment: Comment) => void;
		change: (trx: Transaction<Database>, comment: Comment, iso: string) => Promise<void>;
		outcome: repository.Outcome;
		/** The audit log entry: its action, reason and detail (the note by default). */
		log: (comment: Comment, note: string) => { action: AuditAction; reason?: AuditReason | null; detail?: string };
	}
): Promise<void> {
	requireModerator(actor);
	const issues = new IssueCollector();
	const note = readNote(issues, input.note);
	decision.check?.(issues);
	issues.throwIfAny();
	const comment = await repository.findComment(db, input.commentId);
	if (!comment || comment.status === 'deleted') throw notFound('comment');
	decision.checkComment?.(issues, comment);
	issues.throwIfAny();
	const iso = now.toISOString();
	await db.transaction().execute(async (trx) => {
		await decision.change(trx, comment, iso);
		// Published again, perhaps with a new text: staff read it in the consultation's language.
		if (decision.outcome !== 'hidden') await queueForStaff(trx, comment.id, iso);
		await repository.closeReports(trx, comment.id, actor.id, decision.outcome, iso);
		const entry = decision.log(comment, note);
		await audit.record(trx, {
			actorId: actor.id,
			subjectType: 'comment',
			subjectId: comment.id,
			detail: note,
			now: iso,
			...entry
		});
	});
}

/**
 * Hides a comment with a plain reason and an optional note. A placeholder with the reason stays in its
 * place, the reports are closed, the author is told why, and the audit log records it.
 * Raises loginRequired, forbidden, notFound.comment, ValidationError (reason, note).
 */
export async function hideComment(
	db: DB,
	actor: MaybeActor,
	input: CommentDecision & { reason: string },
	now = new Date()
): Promise<void> {
	let reason: ModerationReason | null = null;
	await decide(db, actor, input, now, {
		check: (issues) => (reason = readReason(issues, input.reason)),
		outcome: 'hidden',
		change: async (trx, comment, iso) => {
			await comments.setVisibility(trx, comment.id, 'hidden', reason, iso);
			// A reply held for review was never counted on its parent, so there is nothing to take back.
			await repository.notifyAuthor(trx, comment, reason!, iso);
		},
		log: () => ({ action: 'comment.hide', reason })
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
	input: CommentDecision,
	now = new Date()
): Promise<void> {
	await decide(db, actor, input, now, {
		checkComment: (_, comment) => {
			if (comment.status === 'visible' && comment.held_for === null)
				throw new DomainError('moderation:error.nothingToRestore', 409);
		},
		outcome: 'restored',
		change: async (trx, comment, iso) => {
			await comments.setVisibility(trx, comment.id, 'visible', null, iso);
			if (comment.held_for !== 'review') return;
			// An approved reply now counts on its parent, and its author hears of it, as with any reply.
			if (comment.parent_id !== null) await comments.announceReply(trx, replyOf(comment), iso);
			await repository.notifyAuthor(trx, comment, 'approved', iso);
		},
		log: (comment) => ({ action: comment.held_for === 'review' ? 'comment.approve' : 'comment.restore' })
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
	input: CommentDecision & { body: string },
	now = new Date()
): Promise<void> {
	const body = cleanText(input.body ?? '');
	await decide(db, actor, input, now, {
		check: (issues) => {
			if (!body) issues.add('body', 'moderation:error.bodyEmpty');
			else if ([...body].length > COMMENT_MAX)
				issues.add('body', 'thread:comment.tooLong', { max: COMMENT_MAX, count: [...body].length });
		},
		checkComment: (issues, comment) => {
			if (body === comment.body) issues.add('body', 'moderation:error.bodyUnchanged');
		},
		outcome: 'redacted',
		change: async (trx, comment, iso) => {
			await comments.update(trx, comment.id, {
				body,
				redacted_at: iso,
				moderated_at: iso,
				personal_details: '',
				held_for: null
			});
			if (comment.held_for === 'review' && comment.parent_id !== null)
				await comments.announceReply(trx, replyOf(comment), iso);
			await repository.notifyAuthor(trx, comment, 'redacted', iso);
		},
		log: (comment, note) => ({
			action: 'comment.redact',
			reason: 'personal',
			detail: JSON.stringify({ note, original: comment.body })
		})
	});
}

/**
 * Marks a comment's reports as handled without action. A comment held after reports is published
 * again; a flag for personal details is cleared. Raises loginRequired, forbidden, notFound.comment.
 */
export async function dismissReports(
	db: DB,
	actor: MaybeActor,
	input: CommentDecision,
	now = new Date()
): Promise<void> {
	await decide(db, actor, input, now, {
		outcome: 'dismissed',
		change: (trx, comment, iso) => repository.releaseReportHold(trx, comment.id, iso),
		log: () => ({ action: 'report.dismiss' })
	});
}

/**
 * The account a moderator may pause or unpause (an active one, and not of someone they may not pause),
 * with the moderator. Raises loginRequired, forbidden, notFound.user.
 */
async function suspendable(db: DB, actor: MaybeActor, userId: number) {
	requireLogin(actor);
	if (!canModerate(actor)) throw forbidden();
	const target = await repository.findAccount(db, userId);
	if (!target || target.deleted_at !== null) throw notFound('user');
	if (!canSuspend(actor, { id: target.id, siteRole: target.site_role })) throw forbidden();
	return { moderator: actor, target };
}

/** Sets a pause (until a time) or ends it (null), and the audit log records it, in one transaction. */
async function changeSuspension(
	db: DB,
	moderatorId: number,
	targetId: number,
	change: { until: string | null; reason: ModerationReason | null; action: AuditAction; detail?: string },
	now: Date
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		await repository.setSuspension(trx, targetId, change.until, change.reason);
		await audit.record(trx, {
			actorId: moderatorId,
			action: change.action,
			subjectType: 'user',
			subjectId: targetId,
			reason: change.reason,
			detail: change.detail,
			now: now.toISOString()
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
	const { moderator, target } = await suspendable(db, actor, input.userId);
	const issues = new IssueCollector();
	const reason = readReason(issues, input.reason);
	const note = readNote(issues, input.note);
	if (!(suspensionDays as readonly number[]).includes(input.days)) issues.add('days', 'moderation:error.days');
	issues.throwIfAny();
	const until = new Date(now.getTime() + input.days * 24 * 60 * 60 * 1000).toISOString();
	const detail = JSON.stringify({ days: input.days, note });
	await changeSuspension(db, moderator.id, target.id, { until, reason, action: 'user.suspend', detail }, now);
	// The person logs in again and then sees the pause and its end date.
	await invalidateUserSessions(db, target.id);
	return { until };
}

/** Ends a pause early. Raises loginRequired, forbidden, notFound.user. */
export async function liftSuspension(db: DB, actor: MaybeActor, userId: number, now = new Date()): Promise<void> {
	const { moderator, target } = await suspendable(db, actor, userId);
	await changeSuspension(db, moderator.id, target.id, { until: null, reason: null, action: 'user.unsuspend' }, now);
}
