import { requireAllowed } from '../auth/require';
import { citedIds, parseMarked, pointsWithoutCitation } from '../../text/marked';
import { stances } from '../../domain';
import { summarySections, type CitedSource, type PublishedSummary, type SummarySection } from '../../views';
export { summarySections, type CitedSource, type PublishedSummary, type SummarySection };
import type { MaybeActor } from '../auth/actor';
import * as audit from '../audit/repository';
import { cleanText } from '../../text/clean';
import type { DB } from '../db/create';
import type { ParticipantGroup, Stance } from '../db/types';
import { IssueCollector } from '../errors';
import { queueMail } from '../outbox/queue';
import { fetchPage } from '../../paging';
import { findThreadRef, type ThreadRef } from '../recommendations/service';
import { tallies, withoutSmallGroups } from '../votes/service';
import { canWriteSummary } from './policy';

export const SECTION_MAX = 6000;
export const EDITOR_PAGE = 30;

export type SummaryTexts = Record<SummarySection, string>;

function requireWriter(actor: MaybeActor): asserts actor is NonNullable<MaybeActor> {
	requireAllowed(actor, canWriteSummary(actor));
}

const columns = {
	mainPoints: 'main_points',
	disagreements: 'disagreements',
	voices: 'voices'
} as const;
const publishedColumns = {
	mainPoints: 'published_main_points',
	disagreements: 'published_disagreements',
	voices: 'published_voices'
} as const;

/**
 * The comments behind citation markers, whatever thread they are in; one query. A comment that was
 * hidden or deleted since it was cited comes back without its text, so readers see "removed".
 */
async function loadSources(db: DB, ids: number[]): Promise<Map<number, CitedSource & { thread: number }>> {
	if (!ids.length) return new Map();
	const rows = await db
		.selectFrom('comments as c')
		.leftJoin('users as u', 'u.id', 'c.author_id')
		.select([
			'c.id',
			'c.recommendation_id',
			'c.body',
			'c.language',
			'c.status',
			'c.held_for',
			'c.created_at',
			'u.display_name',
			'u.experience_expert'
		])
		.where('c.id', 'in', ids)
		.execute();
	return new Map(
		rows.map((r) => [
			r.id,
			{
				id: r.id,
				number: 0,
				thread: r.recommendation_id,
				body: r.status === 'visible' && r.held_for === null ? r.body : null,
				language: r.language,
				authorName: r.status === 'visible' ? r.display_name : null,
				experienceExpert: r.experience_expert === 1,
				createdAt: r.created_at
			}
		])
	);
}

/**
 * The published summary of a thread, with its sources numbered in order of first citation: two queries.
 * Null when there is none yet.
 */
export async function getPublishedSummary(db: DB, recommendationId: number): Promise<PublishedSummary | null> {
	const found = (await listPublishedSummaries(db, [recommendationId])).get(recommendationId);
	if (!found) return null;
	// The marked-up texts are for exports; pages need only the parsed sections.
	return { sections: found.sections, sources: found.sources, publishedAt: found.publishedAt };
}

/**
 * The published summaries of many recommendations at once, with their sources: two queries whatever
 * the number (for the dashboard and the exports). Keyed by recommendation id.
 */
export async function listPublishedSummaries(
	db: DB,
	recommendationIds: number[]
): Promise<Map<number, PublishedSummary & { texts: SummaryTexts }>> {
	if (!recommendationIds.length) return new Map();
	const rows = await db
		.selectFrom('summaries')
		.select([
			'recommendation_id',
			'published_main_points',
			'published_disagreements',
			'published_voices',
			'published_at'
		])
		.where('recommendation_id', 'in', recommendationIds)
		.where('published_at', 'is not', null)
		.execute();
	const textsOf = (r: (typeof rows)[number]): SummaryTexts => ({
		mainPoints: r.published_main_points ?? '',
		disagreements: r.published_disagreements ?? '',
		voices: r.published_voices ?? ''
	});
	const allIds = [...new Set(rows.flatMap((r) => citedIds(summarySections.map((k) => textsOf(r)[k]).join('\n'))))];
	const found = await loadSources(db, allIds);
	return new Map(
		rows.map((r) => {
			const texts = textsOf(r);
			const ids = citedIds(summarySections.map((k) => texts[k]).join('\n'));
			return [
				r.recommendation_id,
				{
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
							createdAt: source?.createdAt ?? ''
						};
					}),
					publishedAt: r.published_at!
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
 * stance, group, or "not cited yet" (so nothing is overlooked), most helpful first. A fixed number of
 * queries. Raises loginRequired, forbidden, common:error.notFound.*.
 */
export async function getSummaryEditor(
	db: DB,
	actor: MaybeActor,
	input: { slug: string; number: number },
	filters: EditorFilters = {}
) {
	requireWriter(actor);
	const thread = await findThreadRef(db, input.slug, input.number);
	const summary = await db
		.selectFrom('summaries')
		.selectAll()
		.where('recommendation_id', '=', thread.id)
		.executeTakeFirst();
	const texts: SummaryTexts = {
		mainPoints: summary?.main_points ?? '',
		disagreements: summary?.disagreements ?? '',
		voices: summary?.voices ?? ''
	};
	const cited = citedIds(summarySections.map((k) => texts[k]).join('\n'));
	const stance = stanceKeys.includes(filters.stance as Stance) ? (filters.stance as Stance | 'none') : null;
	const group = groupKeys.includes(filters.group as ParticipantGroup)
		? (filters.group as ParticipantGroup | 'none')
		: null;

	// Visible, published comments of this thread (top-level and replies): what a summary may draw on.
	const usable = db
		.selectFrom('comments as c')
		.leftJoin('users as u', 'u.id', 'c.author_id')
		.where('c.recommendation_id', '=', thread.id)
		.where('c.status', '=', 'visible')
		.where('c.held_for', 'is', null);
	let filtered = usable;
	if (stance === 'none') filtered = filtered.where('c.stance', 'is', null);
	else if (stance) filtered = filtered.where('c.stance', '=', stance);
	if (group === 'none') filtered = filtered.where('u.participant_group', 'is', null);
	else if (group) filtered = filtered.where('u.participant_group', '=', group);
	if (filters.uncited && cited.length) filtered = filtered.where('c.id', 'not in', cited);
	const ordered =
		filters.sort === 'newest'
			? filtered.orderBy('c.created_at', 'desc')
			: filtered.orderBy('c.helpful_count', 'desc').orderBy('c.created_at', 'desc');

	const [counts, byStance, byGroup, { rows, total, page, pages }, uncited] = await Promise.all([
		tallies(db, thread.id),
		usable
			.select((eb) => ['c.stance', eb.fn.countAll<number>().as('n')])
			.groupBy('c.stance')
			.execute(),
		usable
			.select((eb) => ['u.participant_group', eb.fn.countAll<number>().as('n')])
			.groupBy('u.participant_group')
			.execute(),
		fetchPage(
			filters.page,
			EDITOR_PAGE,
			ordered
				.select([
					'c.id',
					'c.parent_id',
					'c.body',
					'c.language',
					'c.stance',
					'c.helpful_count',
					'c.created_at',
					'u.display_name',
					'u.experience_expert',
					'u.participant_group'
				])
				.orderBy('c.id', 'desc'),
			filtered.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
		),
		(cited.length ? usable.where('c.id', 'not in', cited) : usable)
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow()
	]);
	const citedSet = new Set(cited);
	const stanceCount = new Map(byStance.map((r) => [r.stance ?? 'none', Number(r.n)]));
	const groupCount = new Map(byGroup.map((r) => [r.participant_group ?? 'none', Number(r.n)]));
	return {
		thread,
		texts,
		published: summary?.published_at ?? null,
		changedSincePublished:
			!!summary?.published_at &&
			summarySections.some((k) => (summary[publishedColumns[k]] ?? '') !== summary[columns[k]]),
		uncitedPoints: summarySections.reduce((n, k) => n + pointsWithoutCitation(texts[k]), 0),
		tallies: withoutSmallGroups(counts),
		byStance: stanceKeys.map((key) => ({ key, count: stanceCount.get(key) ?? 0 })),
		byGroup: groupKeys.map((key) => ({ key, count: groupCount.get(key) ?? 0 })),
		citedCount: cited.length,
		uncitedCount: Number(uncited.n),
		filters: { stance, group, uncited: !!filters.uncited, sort: filters.sort === 'newest' ? 'newest' : 'helpful' },
		comments: rows.map((r) => ({
			id: r.id,
			isReply: r.parent_id !== null,
			body: r.body,
			language: r.language,
			stance: r.stance,
			helpfulCount: r.helpful_count,
			createdAt: r.created_at,
			authorName: r.display_name,
			experienceExpert: r.experience_expert === 1,
			group: r.participant_group,
			cited: citedSet.has(r.id)
		})),
		page,
		pages,
		total
	};
}

/**
 * Checks what a summary cites: every marker must name a published comment of this thread. Hidden,
 * deleted, held or unknown ones are refused per section (summary:error.citation, with the numbers).
 */
async function checkCitations(db: DB, thread: ThreadRef, texts: SummaryTexts, issues: IssueCollector) {
	const all = citedIds(summarySections.map((k) => texts[k]).join('\n'));
	const found = await loadSources(db, all);
	for (const key of summarySections) {
		const bad = citedIds(texts[key]).filter((id) => {
			const source = found.get(id);
			return !source || source.thread !== thread.id || source.body === null;
		});
		if (bad.length) issues.add(key, 'summary:error.citation', { ids: bad.map((id) => `#${id}`).join(', ') });
	}
	return all;
}

/**
 * Saves the working text of a thread's summary and, when asked, publishes it: readers then see it,
 * its citations are recorded, and everyone who follows the thread is notified (one statement), and
 * mailed if they asked for mail (see ../outbox).
 * Raises loginRequired, forbidden, common:error.notFound.*, ValidationError (a section too long, a
 * citation of a comment that cannot be cited, nothing to publish).
 */
export async function saveSummary(
	db: DB,
	actor: MaybeActor,
	input: { slug: string; number: number; publish: boolean } & SummaryTexts,
	now = new Date()
): Promise<{ published: boolean; notified: number; mailed: number }> {
	requireWriter(actor);
	const thread = await findThreadRef(db, input.slug, input.number);
	const issues = new IssueCollector();
	const texts = Object.fromEntries(summarySections.map((k) => [k, cleanText(input[k] ?? '')])) as SummaryTexts;
	for (const key of summarySections) {
		if ([...texts[key]].length > SECTION_MAX) issues.add(key, 'summary:error.tooLong', { max: SECTION_MAX });
	}
	const cited = await checkCitations(db, thread, texts, issues);
	if (input.publish && summarySections.every((k) => !texts[k])) issues.add('mainPoints', 'summary:error.empty');
	issues.throwIfAny();

	const iso = now.toISOString();
	return db.transaction().execute(async (trx) => {
		const values = {
			main_points: texts.mainPoints,
			disagreements: texts.disagreements,
			voices: texts.voices,
			updated_by: actor.id,
			updated_at: iso
		};
		const published = input.publish
			? {
					published_main_points: texts.mainPoints,
					published_disagreements: texts.disagreements,
					published_voices: texts.voices,
					published_by: actor.id,
					published_at: iso
				}
			: {};
		const { id } = await trx
			.insertInto('summaries')
			.values({ recommendation_id: thread.id, created_at: iso, ...values, ...published })
			.onConflict((oc) => oc.column('recommendation_id').doUpdateSet({ ...values, ...published }))
			.returning('id')
			.executeTakeFirstOrThrow();
		if (!input.publish) return { published: false, notified: 0, mailed: 0 };

		await trx.deleteFrom('summary_citations').where('summary_id', '=', id).execute();
		if (cited.length) {
			await trx
				.insertInto('summary_citations')
				.values(cited.map((source_id) => ({ summary_id: id, source_type: 'comment' as const, source_id })))
				.execute();
		}
		const notified = await trx
			.insertInto('notifications')
			.columns(['user_id', 'kind', 'recommendation_id', 'created_at'])
			.expression((eb) =>
				eb
					.selectFrom('follows as f')
					.innerJoin('users as u', 'u.id', 'f.user_id')
					.select((e) => ['f.user_id', e.val('summary').as('kind'), 'f.recommendation_id', e.val(iso).as('created_at')])
					.where('f.recommendation_id', '=', thread.id)
					.where('f.user_id', '!=', actor.id)
					.where('u.deleted_at', 'is', null)
			)
			.executeTakeFirst();
		const mailed = await queueMail(trx, {
			kind: 'summary',
			recommendationId: thread.id,
			recipients: trx
				.selectFrom('follows')
				.select('user_id')
				.where('recommendation_id', '=', thread.id)
				.where('user_id', '!=', actor.id),
			now: iso
		});
		await audit.record(trx, {
			actorId: actor.id,
			action: 'summary.publish',
			subjectType: 'recommendation',
			subjectId: thread.id,
			detail: JSON.stringify({ cited }),
			now: iso
		});
		return { published: true, notified: Number(notified.numInsertedOrUpdatedRows ?? 0), mailed };
	});
}
