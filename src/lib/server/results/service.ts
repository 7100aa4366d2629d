import { sql, type SelectQueryBuilder } from 'kysely';
import { participantGroups, type AnswerStatus, type ParticipantGroup } from '../../domain';
import { listAnswers, type AnswerVersion } from '../answers/service';
import type { MaybeActor } from '../auth/actor';
import * as consultations from '../consultations/repository';
import type { DB } from '../db/create';
import type { ConsultationRow, Database, VoteChoice } from '../db/types';
import { forbidden, loginRequired, notFound } from '../errors';
import { listPublishedSummaries, type PublishedSummary, type SummaryTexts } from '../summaries/service';
import { SMALL_GROUP, withoutSmallGroups, type Tallies, type Tally } from '../votes/service';
import { canSeeResults } from './policy';

/*
 * The results of a consultation as policy staff see them: on the dashboard and in every export. Both
 * read them here, with the same filters, so every count in a file equals the count on the screen.
 */

export type GroupKey = ParticipantGroup | 'none';
export const groupKeys: readonly GroupKey[] = [...participantGroups, 'none'];

export interface ResultFilters {
	/** A theme's numeral (i, ii …, as the themes store it). */
	theme: string | null;
	/** Only what people of this self-declared group did ("none": people who chose no group). */
	group: GroupKey | null;
	/** From and to this day (YYYY-MM-DD, inclusive, UTC). */
	from: string | null;
	to: string | null;
}

export const noFilters: ResultFilters = { theme: null, group: null, from: null, to: null };

/** The filters' days as times: from the start of the first day, up to the start of the day after the last. */
export function timeWindow(filters: ResultFilters): { from: string | null; to: string | null } {
	return {
		from: filters.from ? `${filters.from}T00:00:00.000Z` : null,
		to: filters.to ? new Date(Date.parse(`${filters.to}T00:00:00Z`) + 86_400_000).toISOString() : null
	};
}

/** Only comments whose author is in the filter's group (the query must join the author as "u"). */
export function authorGroup<Q extends SelectQueryBuilder<Database & { u: Database['users'] }, 'u', object>>(
	q: Q,
	filters: ResultFilters
): Q {
	if (filters.group === 'none') return q.where('u.participant_group', 'is', null) as Q;
	if (filters.group) return q.where('u.participant_group', '=', filters.group) as Q;
	return q;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const validDay = (value: unknown): string | null =>
	typeof value === 'string' &&
	DAY.test(value) &&
	!Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
	new Date(`${value}T00:00:00Z`).toISOString().startsWith(value)
		? value
		: null;

/** Filters from a query string or stored JSON; anything unknown is ignored rather than refused. */
export function readFilters(input: Record<string, unknown>): ResultFilters {
	const theme =
		typeof input.theme === 'string' && /^[ivxlc]{1,6}$/i.test(input.theme) ? input.theme.toLowerCase() : null;
	const group = groupKeys.includes(input.group as GroupKey) ? (input.group as GroupKey) : null;
	let from = validDay(input.from);
	let to = validDay(input.to);
	if (from && to && from > to) [from, to] = [to, from];
	return { theme, group, from, to };
}

/** Share of "agree" a group must reach in every group for broad agreement, and the gap that divides. */
export const BROAD_AGREEMENT = 0.6;
export const DIVIDING_GAP = 0.3;

export interface GroupShare {
	group: GroupKey | 'smaller';
	voters: number;
	/** Agree divided by all votes of the group; null when the group has fewer than five voters. */
	agreeShare: number | null;
}

export interface RecommendationResult {
	id: number;
	number: number;
	themeNumeral: string;
	shortTitle: string;
	officialText: string;
	plainText: string;
	tag: string | null;
	language: string;
	/** All votes, and per group as stored (raw: exports fold small groups themselves). */
	tallies: Tallies;
	comments: number;
	commentsByLanguage: Record<string, number>;
	reports: number;
	agreement: { shares: GroupShare[]; kind: 'broad' | 'divided' | 'mixed' | 'unknown'; gap: number | null };
	summary: (PublishedSummary & { texts: SummaryTexts }) | null;
	answers: AnswerVersion[];
	answerStatus: AnswerStatus | null;
}

export interface Results {
	consultation: ConsultationRow;
	filters: ResultFilters;
	/** The themes within the filter, and all of them (for the filter's list). */
	themes: { numeral: string; title: string; shortTitle: string }[];
	allThemes: { numeral: string; title: string; shortTitle: string }[];
	recommendations: RecommendationResult[];
	totals: {
		votes: Tally;
		comments: number;
		reports: number;
		/** Different people who voted or commented (within the filters). */
		participants: number;
		byGroup: { group: GroupKey; participants: number; votes: Tally | null; comments: number }[];
		byLanguage: { language: string; comments: number }[];
	};
	overTime: { day: string; votes: number; comments: number }[];
}

const emptyTally = (): Tally => ({ agree: 0, disagree: 0, unsure: 0, total: 0 });

/** Where a recommendation's groups stand: broad agreement, divided, in between, or too few people to say. */
export function agreementOf(tallies: Tallies, min = SMALL_GROUP): RecommendationResult['agreement'] {
	const shares: GroupShare[] = tallies.byGroup
		.filter((g) => g.total > 0)
		.map((g) => ({ group: g.group, voters: g.total, agreeShare: g.total >= min ? g.agree / g.total : null }));
	const known = shares.map((s) => s.agreeShare).filter((s): s is number => s !== null);
	if (known.length < 2) return { shares, kind: 'unknown', gap: null };
	const gap = Math.max(...known) - Math.min(...known);
	const kind = known.every((s) => s >= BROAD_AGREEMENT) ? 'broad' : gap >= DIVIDING_GAP ? 'divided' : 'mixed';
	return { shares, kind, gap };
}

export function requireResultsReader(actor: MaybeActor): asserts actor is NonNullable<MaybeActor> {
	if (!canSeeResults(actor)) throw actor ? forbidden() : loginRequired();
}

/**
 * A consultation's results within the filters: tallies, comments, reports, participants, breakdowns,
 * agreement across groups, summaries and answers. A fixed number of queries, whatever the size.
 * Hidden, held and deleted comments are not counted. Raises notFound.consultation.
 */
export async function loadResults(db: DB, slug: string, filters: ResultFilters = noFilters): Promise<Results> {
	const consultation = await consultations.findBySlug(db, slug);
	if (!consultation) throw notFound('consultation');
	const [themes, recs] = await Promise.all([
		db
			.selectFrom('themes')
			.select(['id', 'numeral', 'title', 'short_title'])
			.where('consultation_id', '=', consultation.id)
			.orderBy('position')
			.execute(),
		db
			.selectFrom('recommendations as r')
			.innerJoin('themes as t', 't.id', 'r.theme_id')
			.select([
				'r.id',
				'r.number',
				'r.short_title',
				'r.official_text',
				'r.plain_text',
				'r.tag',
				'r.language',
				't.numeral'
			])
			.where('r.consultation_id', '=', consultation.id)
			.$if(filters.theme !== null, (q) => q.where('t.numeral', '=', filters.theme!))
			.orderBy('r.position')
			.execute()
	]);
	const ids = recs.map((r) => r.id);
	const { from, to } = timeWindow(filters);
	const none = ids.length === 0;

	const votes = () => {
		let q = db.selectFrom('votes as v').where('v.recommendation_id', 'in', ids);
		if (filters.group === 'none') q = q.where('v.participant_group', 'is', null);
		else if (filters.group) q = q.where('v.participant_group', '=', filters.group);
		if (from) q = q.where('v.created_at', '>=', from);
		if (to) q = q.where('v.created_at', '<', to);
		return q;
	};
	// Published comments only: not hidden, not deleted, not waiting for a moderator.
	const published = <Q extends SelectQueryBuilder<Database & { c: Database['comments'] }, 'c', object>>(q: Q): Q => {
		let r = q.where('c.recommendation_id', 'in', ids).where('c.status', '=', 'visible').where('c.held_for', 'is', null);
		if (from) r = r.where('c.created_at', '>=', from);
		if (to) r = r.where('c.created_at', '<', to);
		return r as Q;
	};
	const byGroup = <Q extends SelectQueryBuilder<Database & { u: Database['users'] }, 'u', object>>(q: Q): Q =>
		authorGroup(q, filters);
	// The author's group is read only when it is asked for: the join costs a lookup per comment.
	const comments = () =>
		filters.group
			? byGroup(published(db.selectFrom('comments as c').innerJoin('users as u', 'u.id', 'c.author_id')))
			: published(db.selectFrom('comments as c'));
	const day = (column: string) => sql<string>`substr(${sql.ref(column)}, 1, 10)`;

	const [voteRows, commentRows, reportRows, participantRows, voteDays, commentDays, summaries, answers] = none
		? [[], [], [], [], [], [], new Map(), new Map()]
		: await Promise.all([
				votes()
					.select((eb) => ['v.recommendation_id', 'v.choice', 'v.participant_group', eb.fn.countAll<number>().as('n')])
					.groupBy(['v.recommendation_id', 'v.choice', 'v.participant_group'])
					.execute(),
				comments()
					.select((eb) => ['c.recommendation_id', 'c.language', eb.fn.countAll<number>().as('n')])
					.groupBy(['c.recommendation_id', 'c.language'])
					.execute(),
				// Reports about any comment of these recommendations (also those hidden since), by when they were made.
				(() => {
					let q = db
						.selectFrom('comment_reports as p')
						.innerJoin('comments as c', 'c.id', 'p.comment_id')
						.leftJoin('users as u', 'u.id', 'c.author_id')
						.where('c.recommendation_id', 'in', ids);
					q = byGroup(q);
					if (from) q = q.where('p.created_at', '>=', from);
					if (to) q = q.where('p.created_at', '<', to);
					return q
						.select((eb) => ['c.recommendation_id', eb.fn.countAll<number>().as('n')])
						.groupBy('c.recommendation_id')
						.execute();
				})(),
				// Different people per group: everyone with a vote or a published comment within the filters.
				// Read per person (one indexed look each), not per vote: a million votes cost no more.
				byGroup(db.selectFrom('users as u'))
					.where((eb) =>
						eb.or([
							eb.exists(
								eb
									.selectFrom('votes as v')
									.select(sql.lit(1).as('one'))
									.whereRef('v.user_id', '=', 'u.id')
									.where('v.recommendation_id', 'in', ids)
									.$if(from !== null, (q) => q.where('v.created_at', '>=', from!))
									.$if(to !== null, (q) => q.where('v.created_at', '<', to!))
							),
							eb.exists(
								eb
									.selectFrom('comments as c')
									.select(sql.lit(1).as('one'))
									.whereRef('c.author_id', '=', 'u.id')
									.where('c.recommendation_id', 'in', ids)
									.where('c.status', '=', 'visible')
									.where('c.held_for', 'is', null)
									.$if(from !== null, (q) => q.where('c.created_at', '>=', from!))
									.$if(to !== null, (q) => q.where('c.created_at', '<', to!))
							)
						])
					)
					.select((eb) => ['u.participant_group as grp', eb.fn.countAll<number>().as('n')])
					.groupBy('u.participant_group')
					.execute(),
				votes()
					.select((eb) => [day('v.created_at').as('day'), eb.fn.countAll<number>().as('n')])
					.groupBy(day('v.created_at'))
					.execute(),
				comments()
					.select((eb) => [day('c.created_at').as('day'), eb.fn.countAll<number>().as('n')])
					.groupBy(day('c.created_at'))
					.execute(),
				listPublishedSummaries(db, ids),
				listAnswers(db, ids)
			]);

	const byRec = new Map(
		recs.map((r) => [
			r.id,
			{
				tallies: {
					...emptyTally(),
					byGroup: groupKeys.map((group) => ({ group, ...emptyTally() }))
				} as Tallies,
				comments: 0,
				commentsByLanguage: {} as Record<string, number>,
				reports: 0
			}
		])
	);
	const totals = { votes: emptyTally(), comments: 0, reports: 0 };
	const groupVotes = new Map(groupKeys.map((g) => [g, emptyTally()]));
	const groupComments = new Map(groupKeys.map((g) => [g, 0]));
	for (const v of voteRows) {
		const n = Number(v.n);
		const rec = byRec.get(v.recommendation_id)!;
		const key = (v.participant_group ?? 'none') as GroupKey;
		const g = rec.tallies.byGroup.find((x) => x.group === key)!;
		for (const t of [rec.tallies, g, totals.votes, groupVotes.get(key)!]) {
			t[v.choice as VoteChoice] += n;
			t.total += n;
		}
	}
	const languages = new Map<string, number>();
	for (const c of commentRows) {
		const n = Number(c.n);
		const rec = byRec.get(c.recommendation_id)!;
		rec.comments += n;
		rec.commentsByLanguage[c.language] = (rec.commentsByLanguage[c.language] ?? 0) + n;
		totals.comments += n;
		languages.set(c.language, (languages.get(c.language) ?? 0) + n);
	}
	for (const p of reportRows) {
		byRec.get(p.recommendation_id)!.reports = Number(p.n);
		totals.reports += Number(p.n);
	}
	// Comments per group come from the same filtered set, counted once more per group.
	const perGroupComments = none
		? []
		: await byGroup(published(db.selectFrom('comments as c').innerJoin('users as u', 'u.id', 'c.author_id')))
				.select((eb) => ['u.participant_group', eb.fn.countAll<number>().as('n')])
				.groupBy('u.participant_group')
				.execute();
	for (const r of perGroupComments) groupComments.set((r.participant_group ?? 'none') as GroupKey, Number(r.n));
	const participantsByGroup = new Map(participantRows.map((r) => [(r.grp ?? 'none') as GroupKey, Number(r.n)]));

	const days = new Map<string, { day: string; votes: number; comments: number }>();
	for (const d of voteDays) days.set(d.day, { day: d.day, votes: Number(d.n), comments: 0 });
	for (const d of commentDays) {
		const entry = days.get(d.day) ?? { day: d.day, votes: 0, comments: 0 };
		entry.comments = Number(d.n);
		days.set(d.day, entry);
	}

	return {
		consultation,
		filters,
		themes: themes
			.filter((t) => filters.theme === null || t.numeral === filters.theme)
			.map((t) => ({ numeral: t.numeral, title: t.title, shortTitle: t.short_title })),
		allThemes: themes.map((t) => ({ numeral: t.numeral, title: t.title, shortTitle: t.short_title })),
		recommendations: recs.map((r) => {
			const data = byRec.get(r.id)!;
			const versions = (answers as Map<number, AnswerVersion[]>).get(r.id) ?? [];
			return {
				id: r.id,
				number: r.number,
				themeNumeral: r.numeral,
				shortTitle: r.short_title,
				officialText: r.official_text,
				plainText: r.plain_text,
				tag: r.tag,
				language: r.language,
				tallies: data.tallies,
				comments: data.comments,
				commentsByLanguage: data.commentsByLanguage,
				reports: data.reports,
				agreement: agreementOf(data.tallies),
				summary: (summaries as Awaited<ReturnType<typeof listPublishedSummaries>>).get(r.id) ?? null,
				answers: versions,
				answerStatus: versions[0]?.status ?? null
			};
		}),
		totals: {
			...totals,
			participants: [...participantsByGroup.values()].reduce((a, b) => a + b, 0),
			byGroup: groupKeys.map((group) => {
				const people = participantsByGroup.get(group) ?? 0;
				const voters = groupVotes.get(group)!;
				return {
					group,
					participants: people,
					// A group's votes are shown only when at least five people in it voted.
					votes: voters.total > 0 && people >= SMALL_GROUP ? voters : null,
					comments: groupComments.get(group) ?? 0
				};
			}),
			byLanguage: [...languages.entries()]
				.map(([language, n]) => ({ language, comments: n }))
				.sort((a, b) => b.comments - a.comments)
		},
		overTime: [...days.values()].sort((a, b) => a.day.localeCompare(b.day))
	};
}

/** The dashboard: the results within the filters, for policy staff and administrators. */
export async function getDashboard(db: DB, actor: MaybeActor, slug: string, filters: ResultFilters = noFilters) {
	requireResultsReader(actor);
	const results = await loadResults(db, slug, filters);
	return {
		...results,
		recommendations: results.recommendations.map((r) => ({ ...r, shown: withoutSmallGroups(r.tallies) }))
	};
}
