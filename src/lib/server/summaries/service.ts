import { requireAllowed } from '../auth/require';
import { citedIds, citedMeetings, citedPositionIds, parseMarked, pointsWithoutCitation } from '../../text/marked';
import { citableOnThread, citablePositions } from '../positions/service';
import * as meetingRecords from '../meetings/repository';
import { stances } from '../../domain';
import { summarySections, type CitedSource, type PublishedSummary, type SummarySection } from '../../views';
export { summarySections, type CitedSource, type PublishedSummary, type SummarySection };
import type { MaybeActor } from '../auth/actor';
import * as audit from '../audit/repository';
import { cleanText } from '../../text/clean';
import type { DB } from '../db/create';
import type { ParticipantGroup, Stance } from '../db/types';
import { IssueCollector } from '../errors';
import { notifyAndMail } from '../outbox/queue';
import { findThreadRef, type ThreadRef } from '../recommendations/service';
import { tallies, withoutSmallGroups } from '../votes/service';
import * as notifications from '../notifications/repository';
import { canWriteSummary } from './policy';
import * as translations from '../translations/service';
import type { SourceText } from '../translations/service';
import { queueTranslationsOf } from '../translators/service';
import * as repository from './repository';
import type { SummaryTexts } from './repository';

export const SECTION_MAX = 6000;
export const EDITOR_PAGE = 30;

export type { SummaryTexts };

/**
 * The published summary of a thread, with its sources numbered in order of first citation, each section
 * in the reader's `language` where a current translation exists (it keeps the citations of its source):
 * three queries. Null when there is none yet.
 */
export async function getPublishedSummary(
	db: DB,
	recommendationId: number,
	reader?: translations.Reader
): Promise<PublishedSummary | null> {
	const found = (await listPublishedSummaries(db, [recommendationId])).get(recommendationId);
	if (!found) return null;
	// The marked-up texts are for exports; pages need only the parsed sections.
	const summary = {
		sections: found.sections,
		sources: found.sources,
		positions: found.positions,
		publishedAt: found.publishedAt
	};
	if (!reader) return summary;
	const sources = summaryTexts(found, reader.written);
	const localise = await translations.localiser(db, sources, reader.language);
	return { ...summary, sections: showSections(found.sections, sources, localise) };
}

/** Where each section of a published summary is stored, as a text to translate. */
const sectionField = { mainPoints: 'main_points', disagreements: 'disagreements', voices: 'voices' } as const;

/**
 * The texts of a published summary's sections, written in `written` (the consultation's language), as
 * sources to look translations up for. (The consultation's id is not needed for that.)
 */
export function summaryTexts(summary: { id: number; texts: SummaryTexts }, written: string): SourceText[] {
	const text = translations.sourcesOf(0, written);
	return summarySections.map((key) => text('summary', summary.id, sectionField[key], summary.texts[key]));
}

/** The sections as shown, parsed from the translated text where there is one (it keeps the citation markers). */
export function showSections(
	sections: PublishedSummary['sections'],
	sources: SourceText[],
	localise: translations.Localise
): PublishedSummary['sections'] {
	return sections.map((section) => {
		const shown = localise(sources[summarySections.indexOf(section.key)]);
		return { ...section, blocks: translations.shownMarked(shown, section.blocks), shown };
	});
}

/**
 * The published summaries of many recommendations at once, with their sources: two queries whatever
 * the number (for the dashboard and the exports). Keyed by recommendation id.
 */
export async function listPublishedSummaries(
	db: DB,
	recommendationIds: number[]
): Promise<Map<number, PublishedSummary & { id: number; texts: SummaryTexts }>> {
	if (!recommendationIds.length) return new Map();
	const rows = await repository.listPublished(db, recommendationIds);
	const allText = (texts: SummaryTexts) => summarySections.map((k) => texts[k]).join('\n');
	const allIds = [...new Set(rows.flatMap((r) => citedIds(allText(r.texts))))];
	const positionIds = [...new Set(rows.flatMap((r) => citedPositionIds(allText(r.texts))))];
	// The cited associations' positions: one query more, only when a summary cites one.
	const [found, positions] = await Promise.all([repository.findSources(db, allIds), citablePositions(db, positionIds)]);
	return new Map(
		rows.map(({ id: summaryId, recommendationId, texts, publishedAt }) => {
			const ids = citedIds(summarySections.map((k) => texts[k]).join('\n'));
			return [
				recommendationId,
				{
					id: summaryId,
					texts,
					sections: summarySections
						.map((key) => ({ key, blocks: parseMarked(texts[key]) }))
						.filter((section) => section.blocks.length > 0),
					sources: ids.map((id, i) => {
						const source = found.get(id);
						return {
							id,
							number: i + 1,
							body: source?.body ?? null,
							language: source?.language ?? 'und',
							authorName: source?.authorName ?? null,
							experienceExpert: source?.experienceExpert ?? false,
							isDemo: source?.isDemo ?? false,
							createdAt: source?.createdAt ?? ''
						};
					}),
					positions: citedPositionIds(allText(texts)).flatMap((id) => {
						const position = positions.get(id);
						return position ? [{ id, organisation: position.organisation }] : [];
					}),
					publishedAt
				}
			];
		})
	);
}

export interface EditorFilters {
	stance?: string;
	group?: string;
	uncited?: boolean;
	sort?: 'helpful' | 'newest';
	page?: number;
}

const stanceKeys: readonly (Stance | 'none')[] = [...stances, 'none'];
const groupKeys: readonly (ParticipantGroup | 'none')[] = [
	'resident',
	'poverty_association',
	'migrant_organisation',
	'experience_expert',
	'professional',
	'unsaid',
	'none'
];

/**
 * Everything the summary writing page shows: the working text, what is published, the tallies, the
 * comments counted by stance and by participant group, and a page of comments to cite, filtered by
 * stance, group, or "not cited yet" (so nothing is overlooked), most helpful first, each also in the
 * consultation's language. A fixed number of queries. Raises loginRequired, forbidden, common:error.notFound.*.
 */
export async function getSummaryEditor(
	db: DB,
	actor: MaybeActor,
	input: { slug: string; number: number },
	filters: EditorFilters = {}
) {
	requireAllowed(actor, canWriteSummary(actor));
	const thread = await findThreadRef(db, input.slug, input.number);
	const summary = await repository.findFor(db, thread.id);
	const texts: SummaryTexts = summary?.texts ?? { mainPoints: '', disagreements: '', voices: '' };
	const cited = citedIds(summarySections.map((k) => texts[k]).join('\n'));
	const stance = stanceKeys.includes(filters.stance as Stance) ? (filters.stance as Stance | 'none') : null;
	const group = groupKeys.includes(filters.group as ParticipantGroup)
		? (filters.group as ParticipantGroup | 'none')
		: null;
	const sort = filters.sort === 'newest' ? 'newest' : 'helpful';

	const [records, counts, citable, { rows, total, page, pages }, positions] = await Promise.all([
		meetingRecords.publishedRows(db, { recommendationIds: [thread.id] }),
		tallies(db, thread.id),
		repository.countCitable(db, thread.id, cited),
		repository.pageCitable(
			db,
			thread.id,
			{ stance, group, except: filters.uncited ? cited : [], sort },
			{ page: filters.page, size: EDITOR_PAGE }
		),
		citableOnThread(db, thread.id)
	]);
	const citedSet = new Set(cited);
	const staffShown = await translations.forStaff(
		db,
		rows.map((r) => ({ ...translations.commentBody(r), into: thread.consultationLanguage }))
	);
	return {
		thread,
		texts,
		published: summary?.publishedAt ?? null,
		changedSincePublished:
			!!summary?.publishedAt && summarySections.some((k) => summary.published[k] !== summary.texts[k]),
		uncitedPoints: summarySections.reduce((n, k) => n + pointsWithoutCitation(texts[k]), 0),
		tallies: withoutSmallGroups(counts),
		byStance: stanceKeys.map((key) => ({ key, count: citable.byStance.get(key) ?? 0 })),
		byGroup: groupKeys.map((key) => ({ key, count: citable.byGroup.get(key) ?? 0 })),
		citedCount: cited.length,
		uncitedCount: citable.uncited,
		filters: { stance, group, uncited: !!filters.uncited, sort },
		comments: rows.map((r) => ({
			...r,
			cited: citedSet.has(r.id),
			staffShown: staffShown({ ...translations.commentBody(r), into: thread.consultationLanguage })
		})),
		page,
		pages,
		total,
		/** The associations' positions on this thread, to cite as [#p12]. */
		positions,
		/** Group meetings' records on this recommendation, citable as [#m<id>] (issue 13). */
		meetings: records.map((r) => ({
			id: r.meeting_id,
			organisation: r.organisation_name,
			heldOn: r.held_on,
			participants: r.participants ?? 0,
			agree: Number(r.agree),
			disagree: Number(r.disagree),
			notSure: Number(r.not_sure),
			isDemo: r.is_demo === 1
		}))
	};
}

/**
 * Checks what a summary cites: every marker must name a published comment of this thread. Hidden,
 * deleted, held or unknown ones are refused per section (summary:error.citation, with the numbers).
 */
async function checkCitations(db: DB, thread: ThreadRef, texts: SummaryTexts, issues: IssueCollector) {
	const all = citedIds(summarySections.map((k) => texts[k]).join('\n'));
	const allPositions = citedPositionIds(summarySections.map((k) => texts[k]).join('\n'));
	const [found, positions] = await Promise.all([repository.findSources(db, all), citablePositions(db, allPositions)]);
	for (const key of summarySections) {
		const bad = citedIds(texts[key]).filter((id) => {
			const source = found.get(id);
			return !source || source.thread !== thread.id || source.body === null;
		});
		// An association's position: public (published or withdrawn, not hidden) and on this thread.
		const badPositions = citedPositionIds(texts[key]).filter((id) => positions.get(id)?.recommendationId !== thread.id);
		const named = [...bad.map((id) => `#${id}`), ...badPositions.map((id) => `#p${id}`)];
		if (named.length) issues.add(key, 'summary:error.citation', { ids: named.join(', ') });
	}
	return { comments: all, positions: allPositions };
}

/**
 * Checks the group meeting records a summary cites ([#m4]): each must be a published record that
 * discussed this recommendation (summary:error.citation, with the markers). Returns their ids.
 */
async function checkMeetingCitations(db: DB, thread: ThreadRef, texts: SummaryTexts, issues: IssueCollector) {
	const citable = new Set(
		(await meetingRecords.publishedRows(db, { recommendationIds: [thread.id] })).map((r) => r.meeting_id)
	);
	for (const key of summarySections) {
		const bad = citedMeetings(texts[key]).filter((id) => !citable.has(id));
		if (bad.length && !issues.has(key))
			issues.add(key, 'summary:error.citation', { ids: bad.map((id) => `#m${id}`).join(', ') });
	}
	return citedMeetings(summarySections.map((k) => texts[k]).join('\n'));
}

/**
 * Saves the working text of a thread's summary and, when asked, publishes it: readers then see it,
 * its citations are recorded, and everyone who follows the thread is notified (one statement), and
 * mailed if they asked for mail (see ../outbox); its machine translations into every other language are
 * queued (when machine translation is on: kick locals.translator).
 * Raises loginRequired, forbidden, common:error.notFound.*, ValidationError (a section too long, a
 * citation of a comment that cannot be cited, nothing to publish).
 */
export async function saveSummary(
	db: DB,
	actor: MaybeActor,
	input: { slug: string; number: number; publish: boolean } & SummaryTexts,
	now = new Date()
): Promise<{ published: boolean; notified: number; mailed: number; translating: number }> {
	requireAllowed(actor, canWriteSummary(actor));
	const thread = await findThreadRef(db, input.slug, input.number);
	const issues = new IssueCollector();
	const texts = Object.fromEntries(summarySections.map((k) => [k, cleanText(input[k] ?? '')])) as SummaryTexts;
	for (const key of summarySections) {
		issues.atMost(key, texts[key], SECTION_MAX, 'summary:error.tooLong');
	}
	const cited = await checkCitations(db, thread, texts, issues);
	const citedRecords = await checkMeetingCitations(db, thread, texts, issues);
	if (input.publish && summarySections.every((k) => !texts[k])) issues.add('mainPoints', 'summary:error.empty');
	issues.throwIfAny();

	const iso = now.toISOString();
	return db.transaction().execute(async (trx) => {
		const id = await repository.save(trx, thread.id, texts, { userId: actor.id, now: iso, publish: input.publish });
		if (!input.publish) return { published: false, notified: 0, mailed: 0, translating: 0 };

		await repository.replaceCitations(trx, id, cited.comments, cited.positions, citedRecords);
		const followers = notifications.followers(trx, thread.id, actor.id);
		const { notified, mailed } = await notifyAndMail(trx, {
			kind: 'summary',
			recommendationId: thread.id,
			recipients: followers,
			now: iso
		});
		await audit.record(trx, {
			actorId: actor.id,
			action: 'summary.publish',
			subjectType: 'recommendation',
			subjectId: thread.id,
			detail: JSON.stringify({
				cited: cited.comments,
				...(cited.positions.length ? { positions: cited.positions } : {})
			}),
			now: iso
		});
		const translating = await queueTranslationsOf(trx, { itemType: 'summary', itemId: id }, iso);
		return { published: true, notified, mailed, translating };
	});
}
