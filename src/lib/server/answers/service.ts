import { requireAllowed } from '../auth/require';
import type { AnswerVersion } from '../../views';
import type { MaybeActor } from '../auth/actor';
import * as audit from '../audit/repository';
import { cleanText } from '../../text/clean';
import type { DB } from '../db/create';
import { answerStatuses } from '../../domain';
import type { AnswerStatus } from '../db/types';
import { IssueCollector } from '../errors';
import { getOverview } from '../consultations/service';
import { findThreadRef } from '../recommendations/service';
import { notifyAndMail } from '../outbox/queue';
import { getPublishedSummary, listPublishedSummaries, showSections, summaryTexts } from '../summaries/service';
import * as translations from '../translations/service';
import type { SourceText } from '../translations/service';
import { tallies, withoutSmallGroups } from '../votes/service';
import { canAnswer } from './policy';
import { queueTranslationsOf } from '../translators/service';
import * as repository from './repository';

export { answerStatuses };
export type { AnswerVersion };
export const EXPLANATION_MAX = 6000;
export const COMMITMENT_MAX = 1000;

/**
 * Every published version of a thread's answer, newest first: the first is the answer, the rest its
 * history; for a reader, in their language where current translations exist (one query more).
 */
export async function getAnswers(
	db: DB,
	recommendationId: number,
	reader?: translations.Reader
): Promise<AnswerVersion[]> {
	const versions = (await listAnswers(db, [recommendationId])).get(recommendationId) ?? [];
	if (!reader || versions.length === 0) return versions;
	const sources = answerTexts(versions, reader.written);
	return showAnswers(versions, sources, await translations.localiser(db, sources, reader.language));
}

/**
 * A thread's published summary and answer for a reader, in their language where current translations
 * exist: four queries (the summary and its sources, the answers, and one for all their translations).
 */
export async function getOutcome(db: DB, recommendationId: number, reader: translations.Reader) {
	const [summaries, versions] = await Promise.all([
		listPublishedSummaries(db, [recommendationId]),
		listAnswers(db, [recommendationId]).then((all) => all.get(recommendationId) ?? [])
	]);
	const found = summaries.get(recommendationId);
	const summarySources = found ? summaryTexts(found, reader.written) : [];
	const answerSources = answerTexts(versions, reader.written);
	const localise = await translations.localiser(db, [...summarySources, ...answerSources], reader.language);
	return {
		summary: found
			? {
					sections: showSections(found.sections, summarySources, localise),
					sources: found.sources,
					publishedAt: found.publishedAt
				}
			: null,
		answers: showAnswers(versions, answerSources, localise)
	};
}

/** The explanation and commitment of each version, written in `written`, as sources to look translations up for. */
function answerTexts(versions: readonly AnswerVersion[], written: string): SourceText[] {
	const text = translations.sourcesOf(0, written);
	return versions.flatMap((v) => [
		text('answer', v.id, 'explanation', v.text),
		text('answer', v.id, 'commitment', v.commitment)
	]);
}

/** The versions as shown: the explanation parsed from its translation where there is one. */
function showAnswers(
	versions: AnswerVersion[],
	sources: SourceText[],
	localise: translations.Localise
): AnswerVersion[] {
	return versions.map((v, i) => {
		const explanationShown = localise(sources[2 * i]);
		const commitmentShown = localise(sources[2 * i + 1]);
		return {
			...v,
			explanation: translations.shownMarked(explanationShown, v.explanation),
			explanationShown,
			commitmentShown
		};
	});
}

/** Every published answer version of many recommendations, newest first per recommendation: one query. */
export async function listAnswers(db: DB, recommendationIds: number[]): Promise<Map<number, AnswerVersion[]>> {
	return repository.listPublished(db, recommendationIds);
}

export type AnswerFilter = AnswerStatus | 'none';
export const answerFilters: readonly AnswerFilter[] = [...answerStatuses, 'none'];

/**
 * "You said, we did" for a whole consultation, for everyone: per theme, each recommendation with its
 * current answer (and how many earlier versions it has), the number per status, and optionally only
 * one status ('none': not answered yet). An unknown filter shows everything. Six queries, whatever the
 * size. Raises common:error.notFound.consultation for a draft or unknown consultation.
 */
export async function getAnswerOverview(db: DB, slug: string, input: { status?: string | null; locale?: string } = {}) {
	// First the consultation (it may not be visible), then its answers: nothing is left running on a refusal.
	const { consultation, themes } = await getOverview(db, slug, input.locale ?? 'nl');
	const rows = await repository.listPublishedInConsultation(db, slug);
	// Newest first: the first row of a recommendation is its answer, the others its history.
	const current = new Map<number, { answer: AnswerVersion; earlier: number }>();
	for (const r of rows) {
		const seen = current.get(r.number);
		if (seen) {
			seen.earlier++;
			continue;
		}
		current.set(r.number, { answer: r.version, earlier: 0 });
	}
	// The current answers in the reader's language where current translations exist: one query.
	const answers = [...current.values()].map((c) => c.answer);
	const sources = answerTexts(answers, consultation.language);
	const shownAnswers = showAnswers(answers, sources, await translations.localiser(db, sources, input.locale ?? 'nl'));
	[...current.values()].forEach((c, i) => (c.answer = shownAnswers[i]));
	const counts = Object.fromEntries(answerFilters.map((f) => [f, 0])) as Record<AnswerFilter, number>;
	const filter = answerFilters.includes(input.status as AnswerFilter) ? (input.status as AnswerFilter) : null;
	const shown = themes
		.map((theme) => ({
			numeral: theme.numeral,
			title: theme.title,
			recommendations: theme.recommendations
				.map((rec) => {
					const found = current.get(rec.number);
					counts[found?.answer.status ?? 'none']++;
					return {
						number: rec.number,
						shortTitle: rec.shortTitle,
						answer: found?.answer ?? null,
						earlier: found?.earlier ?? 0
					};
				})
				.filter((rec) => !filter || (rec.answer?.status ?? 'none') === filter)
		}))
		.filter((theme) => theme.recommendations.length > 0);
	return { consultation, counts, filter, themes: shown, answered: current.size };
}

/**
 * The answer writing page: the draft (or the current answer to start from), the history, the published
 * summary (its cited comments also in the consultation's language) and the tallies, so staff answer
 * what people said. Raises loginRequired, forbidden, notFound.*.
 */
export async function getAnswerEditor(db: DB, actor: MaybeActor, input: { slug: string; number: number }) {
	requireAllowed(actor, canAnswer(actor));
	const thread = await findThreadRef(db, input.slug, input.number);
	const [draft, history, summary, counts] = await Promise.all([
		repository.findDraft(db, thread.id),
		getAnswers(db, thread.id),
		getPublishedSummary(db, thread.id),
		tallies(db, thread.id)
	]);
	const start = draft ?? history[0];
	const cited = (summary?.sources ?? []).flatMap((s) =>
		s.body === null ? [] : [{ ...translations.commentBody({ ...s, body: s.body }), into: thread.consultationLanguage }]
	);
	const staffShown = await translations.forStaff(db, cited);
	return {
		thread,
		form: {
			status: start?.status ?? '',
			explanation: start?.text ?? '',
			commitment: start?.commitment ?? '',
			commitmentDue: start?.commitmentDue ?? ''
		},
		hasDraft: !!draft,
		draftSavedAt: draft?.updatedAt ?? null,
		history: history.map((h) => ({
			status: h.status,
			explanation: h.explanation,
			commitment: h.commitment,
			commitmentDue: h.commitmentDue,
			publishedAt: h.publishedAt
		})),
		// Each cited comment also in the consultation's language, next to its original.
		summary: summary && {
			...summary,
			sources: summary.sources.map((s) => {
				const source = cited.find((c) => c.itemId === s.id);
				return { ...s, staffShown: source ? staffShown(source) : null };
			})
		},
		tallies: withoutSmallGroups(counts)
	};
}

function validate(input: { status: string; explanation: string; commitment?: string; commitmentDue?: string }) {
	const issues = new IssueCollector();
	const status = issues.oneOf('status', input.status, answerStatuses, 'summary:answer.error.status');
	const explanation = cleanText(input.explanation ?? '');
	if (!explanation) issues.add('explanation', 'summary:answer.error.explanation');
	else issues.atMost('explanation', explanation, EXPLANATION_MAX, 'summary:error.tooLong');
	const commitment = cleanText(input.commitment ?? '');
	issues.atMost('commitment', commitment, COMMITMENT_MAX, 'summary:error.tooLong');
	const due = (input.commitmentDue ?? '').trim();
	let commitmentDue: string | null = null;
	if (due) {
		const valid = /^\d{4}-\d{2}-\d{2}$/.test(due) && !Number.isNaN(Date.parse(`${due}T00:00:00Z`));
		if (!valid || new Date(`${due}T00:00:00Z`).toISOString().slice(0, 10) !== due)
			issues.add('commitmentDue', 'summary:answer.error.date');
		else if (!commitment) issues.add('commitment', 'summary:answer.error.dueWithoutCommitment');
		else commitmentDue = due;
	}
	issues.throwIfAny();
	return { status: status!, explanation, commitment, commitmentDue };
}

/**
 * Saves the draft answer to a recommendation, or publishes it. Publishing adds a version to the history
 * and notifies everyone who voted, commented on or followed the thread (one statement), and queues a
 * mail for those of them who asked for mail (see ../outbox), and queues its machine translations into
 * every other language (when machine translation is on: kick locals.translator). Raises
 * loginRequired, forbidden, common:error.notFound.*, ValidationError (status, explanation, commitment, commitmentDue).
 */
export async function saveAnswer(
	db: DB,
	actor: MaybeActor,
	input: {
		slug: string;
		number: number;
		status: string;
		explanation: string;
		commitment?: string;
		commitmentDue?: string;
		publish: boolean;
	},
	now = new Date()
): Promise<{ published: boolean; notified: number; mailed: number; translating: number }> {
	requireAllowed(actor, canAnswer(actor));
	const thread = await findThreadRef(db, input.slug, input.number);
	const answer = validate(input);
	const iso = now.toISOString();
	return db.transaction().execute(async (trx) => {
		const values = {
			status: answer.status,
			explanation: answer.explanation,
			commitment: answer.commitment,
			commitment_due: answer.commitmentDue,
			author_id: actor.id,
			updated_at: iso,
			published_at: input.publish ? iso : null
		};
		const draft = await repository.findDraft(trx, thread.id);
		// The draft becomes the published version; earlier versions stay untouched as history.
		let id = draft?.id;
		if (id) await repository.update(trx, id, values);
		else id = await repository.insert(trx, { ...values, recommendation_id: thread.id, created_at: iso });
		if (!input.publish) return { published: false, notified: 0, mailed: 0, translating: 0 };

		// Everyone who took part in the thread, once: voters, commenters and followers.
		const people = repository.participants(trx, thread.id, actor.id);
		const { notified, mailed } = await notifyAndMail(trx, {
			kind: 'response',
			recommendationId: thread.id,
			detail: answer.status,
			recipients: people,
			now: iso
		});
		await audit.record(trx, {
			actorId: actor.id,
			action: 'answer.publish',
			subjectType: 'recommendation',
			subjectId: thread.id,
			reason: answer.status,
			detail: answer.commitmentDue ? `commitment due ${answer.commitmentDue}` : '',
			now: iso
		});
		const translating = await queueTranslationsOf(trx, { itemType: 'answer', itemId: id }, iso);
		return { published: true, notified, mailed, translating };
	});
}
