import { commentLanguages, reportReasons, stances, type ReportReason, type Stance } from '../../domain';
import { fetchPage } from '../../paging';
import { cleanText } from '../../text/clean';
import type { CommentView } from '../../views';
import * as audit from '../audit/repository';
import type { MaybeActor } from '../auth/actor';
import type { AuthLimits } from '../auth/limits';
import { requireLogin } from '../auth/require';
import type { DB } from '../db/create';
import type { HoldPolicy } from '../db/types';
import { DomainError, forbidden, IssueCollector, notFound, ValidationError } from '../errors';
import { findThreadRef } from '../recommendations/service';
import { queueForStaff } from '../translations/for-staff';
import * as translations from '../translations/service';
import * as notifications from '../notifications/repository';
import { requireParticipation } from '../votes/service';
import { suggestLanguage } from './language';
import { personalDetailKinds } from './personal-details';
import * as repository from './repository';
import type { ThreadCommentRow } from './repository';

export type { CommentView };

export const COMMENT_MAX = 2000;
export const EDIT_MINUTES = 15;
export const PAGE_SIZE = 20;

/**
 * The check before publishing: a text with personal details (an email address, a phone number, a street
 * address, an IBAN or a national number) comes back once with a warning (thread:comment.personal, the
 * kinds found); the writer may remove them, or confirm, and then the comment waits for a moderator.
 * Returns the kinds found, comma-separated ('' for none).
 */
function checkPersonalDetails(body: string, confirmed: boolean | undefined): string {
	const kinds = personalDetailKinds(body);
	if (kinds.length && !confirmed) {
		throw new ValidationError({ body: { code: 'thread:comment.personal', params: { kinds: kinds.join(',') } } });
	}
	return kinds.join(',');
}

function validate(input: { body: string; language: string; stance?: string | null }) {
	const issues = new IssueCollector();
	const body = cleanText(input.body ?? '');
	if (!body) issues.add('body', 'thread:comment.empty');
	else if ([...body].length > COMMENT_MAX)
		issues.add('body', 'thread:comment.tooLong', { max: COMMENT_MAX, count: [...body].length });
	const language = (commentLanguages as readonly string[]).includes(input.language) ? input.language : null;
	if (!language) issues.add('language', 'thread:comment.languageError');
	const stance = input.stance
		? stances.includes(input.stance as Stance)
			? (input.stance as Stance)
			: undefined
		: null;
	if (stance === undefined) issues.add('stance', 'thread:comment.stance');
	issues.throwIfAny();
	return { body, language: language!, stance: stance ?? null };
}

/**
 * Whether a comment waits for a moderator before others see it. Personal details always wait. Beyond
 * that, the consultation's hold policy decides: "all" holds everything, "new_accounts" holds what
 * accounts younger than its number of days write, "personal_details" nothing more.
 */
async function mustWait(
	db: DB,
	thread: { holdPolicy: HoldPolicy; holdNewAccountDays: number },
	authorId: number,
	personal: string,
	now: Date
): Promise<boolean> {
	if (personal) return true;
	if (thread.holdPolicy === 'all') return true;
	if (thread.holdPolicy !== 'new_accounts') return false;
	const since = new Date(now.getTime() - thread.holdNewAccountDays * 24 * 60 * 60 * 1000).toISOString();
	const createdAt = await repository.accountCreatedAt(db, authorId);
	return createdAt === null || createdAt > since;
}

/**
 * Posts a comment, or a reply to a top-level comment (one level deep). The form's one-time token makes
 * a double tap or a resent request one comment. Follows the thread; a reply notifies the parent's author.
 * Raises loginRequired, thread:error.closed, ValidationError (body, language, stance),
 * common:error.notFound.comment and auth:error.tooManyAttempts.
 */
export async function postComment(
	db: DB,
	actor: MaybeActor,
	limits: AuthLimits,
	input: {
		slug: string;
		number: number;
		body: string;
		language: string;
		stance?: string | null;
		parentId?: number | null;
		token?: string | null;
		/** The writer saw the warning about personal details and posts anyway. */
		confirmPersonal?: boolean;
	},
	now = new Date()
): Promise<{
	id: number;
	created: boolean;
	/** The comment waits for a moderator before others see it (personal details, or the hold policy). */
	held: boolean;
	suggestedLanguage: string | null;
}> {
	const thread = await findThreadRef(db, input.slug, input.number);
	requireParticipation(actor, thread);
	const { body, language, stance } = validate(input);
	const personal = checkPersonalDetails(body, input.confirmPersonal);
	const token = input.token && /^[A-Za-z0-9_-]{8,64}$/.test(input.token) ? input.token : null;

	const already = async () => {
		const existing = token ? await repository.findByToken(db, actor.id, token) : undefined;
		return existing ? { id: existing.id, created: false, held: false, suggestedLanguage: null } : null;
	};
	const earlier = await already();
	if (earlier) return earlier;

	const parent = input.parentId ? await repository.findParent(db, input.parentId, thread.id) : undefined;
	if (input.parentId && !parent) throw notFound('comment');
	await limits.consume('commentAccount', String(actor.id));
	const iso = now.toISOString();
	const held = await mustWait(db, thread, actor.id, personal, now);

	try {
		const id = await db.transaction().execute(async (trx) => {
			const id = await repository.insertComment(trx, {
				recommendation_id: thread.id,
				parent_id: parent?.id ?? null,
				author_id: actor.id,
				body,
				language,
				stance,
				client_token: token,
				created_at: iso,
				edited_at: null,
				deleted_at: null,
				held_for: held ? 'review' : null,
				hidden_reason: null,
				hidden_at: null,
				redacted_at: null,
				personal_details: personal,
				moderated_at: null,
				review_started_at: held ? iso : null
			});
			// A reply waiting for review is counted, and announced, once it is published.
			if (parent && !held)
				await repository.announceReply(
					trx,
					{ id, parentId: parent.id, authorId: actor.id, recommendationId: thread.id },
					iso
				);
			await notifications.follow(trx, thread.id, actor.id, iso);
			if (!held) await queueForStaff(trx, id, iso);
			return id;
		});
		// Outside the transaction: detection is pure work, and the comment is already saved.
		const suggestedLanguage = await suggestLanguage(body, language).catch(() => null);
		return { id, created: true, held, suggestedLanguage };
	} catch (e) {
		// The same token at the same moment (a double tap racing itself): the unique key kept one.
		const raced = await already();
		if (raced) return raced;
		throw e;
	}
}

async function ownComment(db: DB, actor: MaybeActor, commentId: number) {
	requireLogin(actor);
	const comment = await repository.findWithConsultation(db, commentId);
	if (!comment || comment.status !== 'visible') throw notFound('comment');
	if (comment.author_id !== actor.id) throw forbidden();
	return comment;
}

/**
 * Changes my comment's text within 15 minutes of posting; it is then marked "edited". The new text is
 * checked as a new comment would be: with personal details (confirmed) or under the hold policy it waits
 * for a moderator, also when it was public; a waiting comment whose details were taken out is published
 * at once. A comment held after reports stays held. Raises loginRequired, forbidden, notFound.comment,
 * thread:comment.editTooLate, thread:error.closed, ValidationError (body, language, stance).
 */
export async function editComment(
	db: DB,
	actor: MaybeActor,
	input: {
		commentId: number;
		body: string;
		language: string;
		stance?: string | null;
		confirmPersonal?: boolean;
	},
	now = new Date()
): Promise<{ held: boolean }> {
	const comment = await ownComment(db, actor, input.commentId);
	if (now.getTime() - new Date(comment.created_at).getTime() > EDIT_MINUTES * 60 * 1000)
		throw new DomainError('thread:comment.editTooLate', 409);
	if (comment.phase !== 'open') throw new DomainError('thread:error.closed', 409);
	const { body, language, stance } = validate(input);
	const personal = checkPersonalDetails(body, input.confirmPersonal);
	const iso = now.toISOString();
	const policy = { holdPolicy: comment.hold_policy, holdNewAccountDays: comment.hold_new_account_days };
	const wait = await mustWait(db, policy, comment.author_id!, personal, now);
	const heldFor = comment.held_for === 'reports' ? 'reports' : wait ? 'review' : null;
	const reply =
		comment.parent_id === null
			? null
			: {
					id: comment.id,
					parentId: comment.parent_id,
					authorId: comment.author_id,
					recommendationId: comment.recommendation_id
				};
	await db.transaction().execute(async (trx) => {
		await repository.update(trx, comment.id, {
			body,
			language,
			stance,
			personal_details: personal,
			moderated_at: null,
			edited_at: iso,
			held_for: heldFor,
			review_started_at: heldFor === 'review' ? (comment.held_for === 'review' ? comment.review_started_at : iso) : null
		});
		if (reply && comment.held_for === null && heldFor === 'review') await repository.withdrawReply(trx, reply);
		if (reply && comment.held_for === 'review' && heldFor === null) await repository.announceReply(trx, reply, iso);
		if (heldFor === null) await queueForStaff(trx, comment.id, iso);
	});
	return { held: heldFor !== null };
}

/** Marks my comment as written in another language (after a suggestion, or to correct a mistake). */
export async function setCommentLanguage(
	db: DB,
	actor: MaybeActor,
	input: { commentId: number; language: string }
): Promise<void> {
	const comment = await ownComment(db, actor, input.commentId);
	if (!(commentLanguages as readonly string[]).includes(input.language)) {
		throw new ValidationError({ language: { code: 'thread:comment.languageError' } });
	}
	await repository.update(db, comment.id, { language: input.language });
}

/** Deletes my comment: a tombstone stays, and its replies stay. */
export async function deleteComment(db: DB, actor: MaybeActor, commentId: number, now = new Date()): Promise<void> {
	const comment = await ownComment(db, actor, commentId);
	await repository.update(db, comment.id, { status: 'deleted', body: '', deleted_at: now.toISOString() });
}

/**
 * Reports a comment to the moderators, once per person. Enough open reports hold it for a check. Reports
 * count against the same per-minute limit as comments, so a flood of them is slowed down.
 * Raises loginRequired, notFound.comment, ValidationError, auth:error.tooManyAttempts.
 */
export async function reportComment(
	db: DB,
	actor: MaybeActor,
	limits: AuthLimits,
	input: { commentId: number; reason: string; note?: string },
	now = new Date()
): Promise<void> {
	requireLogin(actor);
	if (!reportReasons.includes(input.reason as ReportReason))
		throw new ValidationError({ reason: { code: 'thread:report.reasonMissing' } });
	const note = cleanText(input.note ?? '').slice(0, 500);
	const comment = await repository.findWithConsultation(db, input.commentId);
	if (!comment) throw notFound('comment');
	await limits.consume('commentAccount', String(actor.id));
	const iso = now.toISOString();
	await db.transaction().execute(async (trx) => {
		// The row lock first: a second report at the same moment waits, then counts both.
		await repository.lock(trx, comment.id);
		const reason = input.reason as ReportReason;
		if (!(await repository.addReport(trx, { commentId: comment.id, reporterId: actor.id, reason, note, now: iso })))
			return;
		// Enough open reports hold the comment until a moderator looks.
		if (await repository.holdWhenReported(trx, comment.id, comment.hold_after_reports)) {
			await audit.record(trx, {
				actorId: null,
				action: 'comment.hold',
				subjectType: 'comment',
				subjectId: comment.id,
				reason: 'reports',
				now: iso
			});
		}
	});
}

/** Marks a comment helpful, or takes that back: one per person, counted on the comment. */
export async function toggleHelpful(
	db: DB,
	actor: MaybeActor,
	commentId: number,
	now = new Date()
): Promise<{ helpful: boolean }> {
	requireLogin(actor);
	const comment = await repository.findStatus(db, commentId);
	if (!comment || comment.status !== 'visible') throw notFound('comment');
	const helpful = await db
		.transaction()
		.execute((trx) => repository.toggleReaction(trx, commentId, actor.id, now.toISOString()));
	return { helpful };
}

/**
 * One page of a thread's comments, newest or most helpful first, each with all its replies, and what
 * the viewer did with them. A fixed number of queries, however many comments there are.
 */
export async function listComments(
	db: DB,
	actor: MaybeActor,
	recommendationId: number,
	options: { sort: 'newest' | 'helpful'; page: number; language?: string },
	now = new Date()
): Promise<{ comments: CommentView[]; total: number; page: number; pages: number }> {
	const readerId = actor?.id ?? null;
	const { rows, total, page, pages } = await fetchPage(
		options.page,
		PAGE_SIZE,
		repository.topLevel(db, recommendationId, readerId, options.sort),
		repository.countTopLevel(db, recommendationId, readerId)
	);
	const replies = await repository.repliesTo(
		db,
		rows.map((r) => r.id),
		readerId
	);
	const marks = actor
		? await repository.marksBy(
				db,
				actor.id,
				[...rows, ...replies].map((r) => r.id)
			)
		: { helped: new Set<number>(), reported: new Set<number>() };
	// Every readable body of the page in the reader's language, where a current translation exists.
	const readable = (r: ThreadCommentRow, mine: boolean) => r.status === 'visible' && (r.held_for === null || mine);
	const source = translations.commentBody;
	const shownRows = [...rows, ...replies].filter((r) => readable(r, !!actor && r.author_id === actor.id));
	const reading = options.language
		? await translations.readerLocaliser(db, shownRows.map(source), options.language, readerId)
		: { shown: translations.asWritten, asked: () => false };

	const view = (r: ThreadCommentRow): CommentView => {
		const mine = !!actor && r.author_id === actor.id;
		const visible = r.status === 'visible';
		// A held comment is shown to its author only; others see that a moderator is checking it.
		const canRead = readable(r, mine);
		return {
			id: r.id,
			parentId: r.parent_id,
			body: canRead ? r.body : null,
			bodyShown: canRead ? reading.shown(source(r)) : null,
			translationAsked: canRead && reading.asked(source(r)),
			language: r.language,
			stance: r.stance,
			status: r.status,
			hiddenReason: r.status === 'hidden' ? r.hidden_reason : null,
			heldFor: visible ? r.held_for : null,
			waitsForDetails: mine && visible && r.held_for === 'review' && r.personal_details !== '',
			redacted: r.redacted_at !== null,
			author: {
				name: r.display_name,
				experienceExpert: r.experience_expert === 1,
				isDemo: r.is_demo === 1,
				isMe: mine
			},
			createdAt: r.created_at,
			textVersion: r.text_version,
			edited: r.edited_at !== null,
			helpfulCount: r.helpful_count,
			replyCount: r.reply_count,
			helpedByMe: marks.helped.has(r.id),
			reportedByMe: marks.reported.has(r.id),
			canEdit: mine && visible && now.getTime() - new Date(r.created_at).getTime() <= EDIT_MINUTES * 60 * 1000,
			canDelete: mine && visible,
			replies: []
		};
	};
	const byId = new Map<number, CommentView>();
	const comments = rows.map((r) => {
		const v = view(r);
		byId.set(v.id, v);
		return v;
	});
	for (const r of replies) byId.get(r.parent_id!)?.replies.push(view(r));
	return { comments, total, page, pages };
}
