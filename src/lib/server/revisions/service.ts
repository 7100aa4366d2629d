import { requireAllowed } from '../auth/require';
import type { MaybeActor } from '../auth/actor';
import { cleanText } from '../../text/clean';
import type { DB } from '../db/create';
import type { TextHistory, TextRevision, VoteOnEarlierText } from '../../views';
import { DomainError, IssueCollector, notFound } from '../errors';
import { findThreadRef } from '../recommendations/service';
import { textChange } from './diff';
import { canRevise } from './policy';
import * as notifications from '../notifications/repository';
import { queueMail } from '../outbox/queue';
import * as repository from './repository';

export { textChange };
export const revisionKinds = ['change', 'correction'] as const;
export type RevisionChoice = (typeof revisionKinds)[number];
export const TITLE_MAX = 200;
export const TEXT_MAX = 20_000;
export const REASON_MAX = 200;

/**
 * The revisions of a recommendation's text, each with what changed from the one before: one query, none
 * while the text was never revised.
 */
export async function getTextHistory(
	db: DB,
	recommendation: { id: number; textVersion: number }
): Promise<TextHistory> {
	if (recommendation.textVersion <= 1) return { version: 1, current: null, earlier: [] };
	const rows = await repository.listRevisions(db, recommendation.id);
	const revisions: TextRevision[] = rows.map((r, i) => ({
		version: r.text_version,
		kind: r.kind,
		reason: r.reason,
		shortTitle: r.short_title,
		officialText: r.official_text,
		createdAt: r.created_at,
		change: i > 0 ? textChange(rows[i - 1].official_text, r.official_text) : null
	}));
	const current = revisions.pop() ?? null;
	return { version: recommendation.textVersion, current, earlier: revisions.reverse() };
}

/**
 * Whether a reader's vote is on a text that has changed since (a correction does not count): then what
 * changed, from the text they voted on to the current one. Null when their vote is on the current text.
 */
export function voteOnEarlierText(
	history: TextHistory,
	lastChangeVersion: number,
	votedOn: number | null
): VoteOnEarlierText | null {
	if (votedOn === null || votedOn >= lastChangeVersion || !history.current) return null;
	const then = history.earlier.find((r) => r.version === votedOn);
	if (!then) return null;
	return {
		votedOn,
		version: history.version,
		change: textChange(then.officialText, history.current.officialText)
	};
}

/**
 * The page where staff revise a recommendation's text: its current text and revision, the history, and
 * how many votes are on the current text. Raises loginRequired, forbidden and notFound.
 */
export async function getRevisionEditor(db: DB, actor: MaybeActor, input: { slug: string; number: number }) {
	requireAllowed(actor, canRevise(actor));
	const thread = await findThreadRef(db, input.slug, input.number);
	const row = await repository.findCurrent(db, thread.id);
	if (!row) throw notFound('recommendation');
	const [history, votes] = await Promise.all([
		getTextHistory(db, { id: row.id, textVersion: row.text_version }),
		repository.countVotesByText(db, row.id, row.last_change_version)
	]);
	return {
		thread,
		form: {
			shortTitle: row.short_title,
			officialText: row.official_text,
			kind: 'change',
			reason: '',
			version: String(row.text_version)
		},
		history,
		votes
	};
}

function validate(input: { shortTitle: string; officialText: string; kind: string; reason?: string }) {
	const issues = new IssueCollector();
	const shortTitle = cleanText(input.shortTitle ?? '').replace(/\s+/g, ' ');
	if (!shortTitle) issues.add('shortTitle', 'revisions:error.title');
	else issues.atMost('shortTitle', shortTitle, TITLE_MAX, 'summary:error.tooLong');
	const officialText = cleanText(input.officialText ?? '');
	if (!officialText) issues.add('officialText', 'revisions:error.text');
	else issues.atMost('officialText', officialText, TEXT_MAX, 'summary:error.tooLong');
	const kind = issues.oneOf('kind', input.kind, revisionKinds, 'revisions:error.kind');
	// One line, as readers see it next to the text.
	const reason = cleanText(input.reason ?? '').replace(/\s+/g, ' ');
	issues.atMost('reason', reason, REASON_MAX, 'summary:error.tooLong');
	issues.throwIfAny();
	return { shortTitle, officialText, kind: kind!, reason };
}

/**
 * Saves a new revision of a published recommendation's official text and short title. Votes and comments
 * stay, each on the revision it was made on. A 'change' asks earlier voters to confirm their vote, and
 * tells them (a notification, and a mail for those who want mail: kick the outbox); a 'correction' does
 * neither. `version` is the revision the editor started from. Raises loginRequired, forbidden, notFound,
 * revisions:error.draft (409), revisions:error.stale (409, someone saved in between), and the form's field
 * errors (revisions:error.*, among them unchanged).
 */
export async function reviseRecommendation(
	db: DB,
	actor: MaybeActor,
	input: {
		slug: string;
		number: number;
		shortTitle: string;
		officialText: string;
		kind: string;
		reason?: string;
		version: string;
	},
	now = new Date()
): Promise<{ version: number; notified: number; mailed: number }> {
	requireAllowed(actor, canRevise(actor));
	const thread = await findThreadRef(db, input.slug, input.number);
	if (thread.phase === 'draft') throw new DomainError('revisions:error.draft', 409);
	const revision = validate(input);
	const row = await repository.findCurrent(db, thread.id);
	if (!row) throw notFound('recommendation');
	if (String(row.text_version) !== String(input.version).trim()) throw new DomainError('revisions:error.stale', 409);
	if (row.official_text === revision.officialText && row.short_title === revision.shortTitle) {
		const issues = new IssueCollector();
		issues.add('officialText', 'revisions:error.unchanged');
		issues.throwIfAny();
	}
	const at = now.toISOString();
	const next = row.text_version + 1;
	const told = await db.transaction().execute(async (trx) => {
		// The text as first published becomes revision 1 when it is first revised.
		if (row.text_version === 1)
			await repository.insertRevision(trx, {
				recommendationId: row.id,
				version: 1,
				shortTitle: row.short_title,
				officialText: row.official_text,
				kind: 'original',
				reason: '',
				authorId: null,
				at: row.created_at
			});
		const moved = await repository.advance(trx, {
			recommendationId: row.id,
			from: row.text_version,
			to: next,
			lastChange: revision.kind === 'change' ? next : row.last_change_version,
			shortTitle: revision.shortTitle,
			officialText: revision.officialText,
			at
		});
		if (!moved) throw new DomainError('revisions:error.stale', 409);
		await repository.insertRevision(trx, {
			recommendationId: row.id,
			version: next,
			shortTitle: revision.shortTitle,
			officialText: revision.officialText,
			kind: revision.kind,
			reason: revision.reason,
			authorId: actor.id,
			at
		});
		// A change asks earlier voters to confirm: a notice (and a mail for those who want mail) brings
		// them back to the thread, where they see what changed. A correction asks nothing, so it tells no one.
		if (revision.kind !== 'change') return { notified: 0, mailed: 0 };
		const recipients = repository.votersBefore(trx, row.id, next, actor.id);
		const notified = await notifications.notifyEach(trx, {
			kind: 'revision',
			recommendationId: row.id,
			detail: String(next),
			recipients,
			now: at
		});
		return {
			notified,
			mailed: await queueMail(trx, { kind: 'revision', recommendationId: row.id, recipients, now: at })
		};
	});
	return { version: next, ...told };
}
