import type { Transaction } from 'kysely';
import type { CitedSource, SummarySection } from '../../views';
import { isPublished, publishedRow } from '../comments/repository';
import type { DB } from '../db/create';
import type { Database, ParticipantGroup, Stance } from '../db/types';
import { fetchPage, mapRows } from '../../paging';

/*
 * Summaries' SQL: a thread's summary (its working text and what was last published), its citations,
 * and the comments a summary may cite.
 */

export type SummaryTexts = Record<SummarySection, string>;

const workingTexts = (r: { main_points: string; disagreements: string; voices: string }): SummaryTexts => ({
	mainPoints: r.main_points,
	disagreements: r.disagreements,
	voices: r.voices
});

const publishedTexts = (r: {
	published_main_points: string | null;
	published_disagreements: string | null;
	published_voices: string | null;
}): SummaryTexts => ({
	mainPoints: r.published_main_points ?? '',
	disagreements: r.published_disagreements ?? '',
	voices: r.published_voices ?? ''
});

/** The published texts of these recommendations' summaries: one query. */
export async function listPublished(
	db: DB,
	recommendationIds: number[]
): Promise<{ id: number; recommendationId: number; texts: SummaryTexts; publishedAt: string }[]> {
	const rows = await db
		.selectFrom('summaries')
		.select([
			'id',
			'recommendation_id',
			'published_main_points',
			'published_disagreements',
			'published_voices',
			'published_at'
		])
		.where('recommendation_id', 'in', recommendationIds)
		.where('published_at', 'is not', null)
		.execute();
	return rows.map((r) => ({
		id: r.id,
		recommendationId: r.recommendation_id,
		texts: publishedTexts(r),
		publishedAt: r.published_at!
	}));
}

/** A thread's summary: its working text and, when it was published, what readers see. */
export async function findFor(db: DB, recommendationId: number) {
	const row = await db
		.selectFrom('summaries')
		.selectAll()
		.where('recommendation_id', '=', recommendationId)
		.executeTakeFirst();
	return row && { texts: workingTexts(row), published: publishedTexts(row), publishedAt: row.published_at };
}

/**
 * The comments behind citation markers, whatever thread they are in; one query. A comment that is not
 * published (hidden, deleted or held since it was cited) comes back without its text, so readers see
 * "removed"; a hidden or deleted one also without its author.
 */
export async function findSources(db: DB, ids: number[]): Promise<Map<number, CitedSource & { thread: number }>> {
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
			'u.experience_expert',
			'u.is_demo'
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
				body: publishedRow(r) ? r.body : null,
				language: r.language,
				authorName: r.status === 'visible' ? r.display_name : null,
				experienceExpert: r.experience_expert === 1,
				isDemo: r.is_demo === 1,
				createdAt: r.created_at
			}
		])
	);
}

/** Published comments of a thread (top-level and replies), with their authors as "u": what a summary may cite. */
function citable(db: DB, recommendationId: number) {
	return db
		.selectFrom('comments as c')
		.leftJoin('users as u', 'u.id', 'c.author_id')
		.where('c.recommendation_id', '=', recommendationId)
		.where(isPublished);
}

/** A thread's citable comments counted by stance, by author group, and those not among `cited`: three queries at once. */
export async function countCitable(db: DB, recommendationId: number, cited: number[]) {
	const all = citable(db, recommendationId);
	const [byStance, byGroup, uncited] = await Promise.all([
		all
			.select((eb) => ['c.stance', eb.fn.countAll<number>().as('n')])
			.groupBy('c.stance')
			.execute(),
		all
			.select((eb) => ['u.participant_group', eb.fn.countAll<number>().as('n')])
			.groupBy('u.participant_group')
			.execute(),
		(cited.length ? all.where('c.id', 'not in', cited) : all)
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow()
	]);
	return {
		byStance: new Map(byStance.map((r) => [r.stance ?? 'none', Number(r.n)])),
		byGroup: new Map(byGroup.map((r) => [r.participant_group ?? 'none', Number(r.n)])),
		uncited: Number(uncited.n)
	};
}

export interface CitableFilter {
	stance: Stance | 'none' | null;
	group: ParticipantGroup | 'none' | null;
	/** Leave these out (the comments cited already), when not empty. */
	except: number[];
	sort: 'helpful' | 'newest';
}

/** A page of a thread's citable comments within the filter, most helpful (or newest) first. */
export async function pageCitable(
	db: DB,
	recommendationId: number,
	filter: CitableFilter,
	page: { page: unknown; size: number }
) {
	let filtered = citable(db, recommendationId);
	if (filter.stance === 'none') filtered = filtered.where('c.stance', 'is', null);
	else if (filter.stance) filtered = filtered.where('c.stance', '=', filter.stance);
	if (filter.group === 'none') filtered = filtered.where('u.participant_group', 'is', null);
	else if (filter.group) filtered = filtered.where('u.participant_group', '=', filter.group);
	if (filter.except.length) filtered = filtered.where('c.id', 'not in', filter.except);
	const ordered =
		filter.sort === 'newest'
			? filtered.orderBy('c.created_at', 'desc')
			: filtered.orderBy('c.helpful_count', 'desc').orderBy('c.created_at', 'desc');
	return mapRows(
		await fetchPage(
			page.page,
			page.size,
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
					'u.is_demo',
					'u.participant_group'
				])
				.orderBy('c.id', 'desc'),
			filtered.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
		),
		(r) => ({
			id: r.id,
			isReply: r.parent_id !== null,
			body: r.body,
			language: r.language,
			stance: r.stance,
			helpfulCount: r.helpful_count,
			createdAt: r.created_at,
			authorName: r.display_name,
			experienceExpert: r.experience_expert === 1,
			isDemo: r.is_demo === 1,
			group: r.participant_group
		})
	);
}

/**
 * Saves a thread's working text, and when `published` is given also what readers see: one upsert on
 * the thread. Returns the summary's id.
 */
export async function save(
	trx: Transaction<Database>,
	recommendationId: number,
	texts: SummaryTexts,
	by: { userId: number; now: string; publish: boolean }
): Promise<number> {
	const values = {
		main_points: texts.mainPoints,
		disagreements: texts.disagreements,
		voices: texts.voices,
		updated_by: by.userId,
		updated_at: by.now
	};
	const published = by.publish
		? {
				published_main_points: texts.mainPoints,
				published_disagreements: texts.disagreements,
				published_voices: texts.voices,
				published_by: by.userId,
				published_at: by.now
			}
		: {};
	const { id } = await trx
		.insertInto('summaries')
		.values({ recommendation_id: recommendationId, created_at: by.now, ...values, ...published })
		.onConflict((oc) => oc.column('recommendation_id').doUpdateSet({ ...values, ...published }))
		.returning('id')
		.executeTakeFirstOrThrow();
	return id;
}

/** What a published summary cites, replaced as a whole (in the publishing transaction). */
export async function replaceCitations(
	trx: Transaction<Database>,
	summaryId: number,
	cited: number[],
	positions: number[] = [],
	meetings: number[] = []
): Promise<void> {
	await trx.deleteFrom('summary_citations').where('summary_id', '=', summaryId).execute();
	const rows = [
		...cited.map((source_id) => ({ summary_id: summaryId, source_type: 'comment' as const, source_id })),
		...positions.map((source_id) => ({ summary_id: summaryId, source_type: 'position' as const, source_id })),
		...meetings.map((source_id) => ({ summary_id: summaryId, source_type: 'meeting_record' as const, source_id }))
	];
	if (!rows.length) return;
	await trx.insertInto('summary_citations').values(rows).execute();
}
