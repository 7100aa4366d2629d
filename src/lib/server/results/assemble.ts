import type { AnswerStatus } from '../../domain';
import type { AnswerVersion, PublishedSummary, Tallies, Tally } from '../../views';
import type { ConsultationRow } from '../db/types';
import type { SummaryTexts } from '../summaries/service';
import { SMALL_GROUP } from '../votes/service';
import { groupKeys, type GroupKey, type ResultFilters } from './filters';
import type { RecommendationRow } from './repository';

/*
 * Putting a consultation's results together from the counts the queries return: pure, so each rule is
 * tested on its own (assemble.test.ts) without a database.
 *
 * The privacy rule for small groups, in one place: the votes of a self-declared group are shown only
 * when at least SMALL_GROUP (five) different people of that group VOTED. People who only commented do
 * not count towards it: with one voter and four commenters, the one vote could be read off the table.
 */

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
	/** The number of the current revision of the official text. */
	revision: number;
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
		/** How many of those participants are demo accounts (users.is_demo), counted in the same query. */
		demoParticipants: number;
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

/** Whether a group's votes may be shown: at least SMALL_GROUP different people of the group voted. */
export const showsGroupVotes = (voters: number, min = SMALL_GROUP): boolean => voters >= min;

type Count = number | string | bigint;

/** What the queries of repository.ts return for one scope. */
export interface ResultCounts {
	votes: {
		recommendation_id: number;
		choice: keyof Omit<Tally, 'total'>;
		participant_group: string | null;
		n: Count;
	}[];
	comments: { recommendation_id: number; language: string; n: Count }[];
	commentsByGroup: { participant_group: string | null; n: Count }[];
	reports: { recommendation_id: number; n: Count }[];
	people: { grp: string | null; participants: Count; voters: Count | null; demo?: Count | null }[];
	voteDays: { day: string; n: Count }[];
	commentDays: { day: string; n: Count }[];
	summaries: Map<number, PublishedSummary & { texts: SummaryTexts }>;
	answers: Map<number, AnswerVersion[]>;
}

export const emptyCounts = (): ResultCounts => ({
	votes: [],
	comments: [],
	commentsByGroup: [],
	reports: [],
	people: [],
	voteDays: [],
	commentDays: [],
	summaries: new Map(),
	answers: new Map()
});

const groupOf = (value: string | null): GroupKey => (value ?? 'none') as GroupKey;

/** The results as the dashboard and every export show them. */
export function assembleResults(input: {
	consultation: ConsultationRow;
	filters: ResultFilters;
	themes: { numeral: string; title: string; short_title: string }[];
	recommendations: RecommendationRow[];
	counts: ResultCounts;
}): Results {
	const { consultation, filters, themes, recommendations, counts } = input;
	const byRec = new Map(
		recommendations.map((r) => [
			r.id,
			{
				tallies: { ...emptyTally(), byGroup: groupKeys.map((group) => ({ group, ...emptyTally() })) } as Tallies,
				comments: 0,
				commentsByLanguage: {} as Record<string, number>,
				reports: 0
			}
		])
	);
	const totals = { votes: emptyTally(), comments: 0, reports: 0 };
	const groupVotes = new Map(groupKeys.map((g) => [g, emptyTally()]));
	for (const v of counts.votes) {
		const n = Number(v.n);
		const rec = byRec.get(v.recommendation_id)!;
		const key = groupOf(v.participant_group);
		const g = rec.tallies.byGroup.find((x) => x.group === key)!;
		for (const t of [rec.tallies, g, totals.votes, groupVotes.get(key)!]) {
			t[v.choice] += n;
			t.total += n;
		}
	}
	const languages = new Map<string, number>();
	for (const c of counts.comments) {
		const n = Number(c.n);
		const rec = byRec.get(c.recommendation_id)!;
		rec.comments += n;
		rec.commentsByLanguage[c.language] = (rec.commentsByLanguage[c.language] ?? 0) + n;
		totals.comments += n;
		languages.set(c.language, (languages.get(c.language) ?? 0) + n);
	}
	for (const p of counts.reports) {
		byRec.get(p.recommendation_id)!.reports = Number(p.n);
		totals.reports += Number(p.n);
	}
	const groupComments = new Map(counts.commentsByGroup.map((r) => [groupOf(r.participant_group), Number(r.n)]));
	const people = new Map(
		counts.people.map((r) => [groupOf(r.grp), { participants: Number(r.participants), voters: Number(r.voters ?? 0) }])
	);
	const days = new Map<string, { day: string; votes: number; comments: number }>();
	for (const d of counts.voteDays) days.set(d.day, { day: d.day, votes: Number(d.n), comments: 0 });
	for (const d of counts.commentDays) {
		const entry = days.get(d.day) ?? { day: d.day, votes: 0, comments: 0 };
		entry.comments = Number(d.n);
		days.set(d.day, entry);
	}
	const theme = (t: (typeof themes)[number]) => ({ numeral: t.numeral, title: t.title, shortTitle: t.short_title });

	return {
		consultation,
		filters,
		themes: themes.filter((t) => filters.theme === null || t.numeral === filters.theme).map(theme),
		allThemes: themes.map(theme),
		recommendations: recommendations.map((r) => {
			const data = byRec.get(r.id)!;
			const versions = counts.answers.get(r.id) ?? [];
			return {
				id: r.id,
				number: r.number,
				themeNumeral: r.numeral,
				shortTitle: r.short_title,
				officialText: r.official_text,
				plainText: r.plain_text,
				tag: r.tag,
				language: r.language,
				revision: r.text_version,
				tallies: data.tallies,
				comments: data.comments,
				commentsByLanguage: data.commentsByLanguage,
				reports: data.reports,
				agreement: agreementOf(data.tallies),
				summary: counts.summaries.get(r.id) ?? null,
				answers: versions,
				answerStatus: versions[0]?.status ?? null
			};
		}),
		totals: {
			...totals,
			participants: [...people.values()].reduce((sum, p) => sum + p.participants, 0),
			demoParticipants: counts.people.reduce((sum, p) => sum + Number(p.demo ?? 0), 0),
			byGroup: groupKeys.map((group) => {
				const p = people.get(group) ?? { participants: 0, voters: 0 };
				const votes = groupVotes.get(group)!;
				return {
					group,
					participants: p.participants,
					votes: votes.total > 0 && showsGroupVotes(p.voters) ? votes : null,
					comments: groupComments.get(group) ?? 0
				};
			}),
			byLanguage: [...languages.entries()]
				.map(([language, comments]) => ({ language, comments }))
				.sort((a, b) => b.comments - a.comments)
		},
		overTime: [...days.values()].sort((a, b) => a.day.localeCompare(b.day))
	};
}
