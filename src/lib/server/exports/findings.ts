import type { TFunction } from 'i18next';
import type { Tally } from '../../views';
import type { PositionRow } from '../positions/service';
import { BROAD_AGREEMENT, DIVIDING_GAP, type GroupShare, type Results } from '../results/service';
import { SMALL_GROUP } from '../votes/service';
import { numberRanges, type FindingTexts } from '../../report';
import { meetingLine } from '../../i18n/meeting-line';

export { numberRanges, type FindingTexts };

/*
 * The facts the report states (issue 14), computed in one place from the results, so the Word report
 * and the print view say the same and every sentence can be checked against the data (findings.test.ts).
 *
 * Definitions, here and nowhere else:
 *
 * - Broadest agreement: among the recommendations with broad support (assemble.ts, agreementOf: at
 *   least two groups with SMALL_GROUP or more voters, and in each of them at least BROAD_AGREEMENT
 *   agree), the ones whose least agreeing group agrees most. Ranked by that lowest share, highest first;
 *   a tie goes to the recommendation with more voters, then to the lower number.
 * - Deepest division: among the recommendations that divide the groups (agreementOf: the shares of
 *   "agree" of the most and the least agreeing group, each of SMALL_GROUP or more voters, lie
 *   DIVIDING_GAP or more apart), the ones with the largest gap. Ranked by the gap, largest first; ties
 *   as above.
 * - Responded to: a recommendation with at least one vote, published comment, association position
 *   or group meeting record. The others are listed together in one table.
 * - Answered: a recommendation with a published answer.
 *
 * The key findings show at most TOP_FINDINGS recommendations of each kind.
 */

export const TOP_FINDINGS = 3;

export interface RankedRecommendation {
	number: number;
	shortTitle: string;
	language: string;
	/** The groups that count (SMALL_GROUP or more voters), with their share of "agree". */
	shares: { group: GroupShare['group']; agreeShare: number }[];
	/** Lowest share of "agree" among those groups (broadest agreement). */
	lowest: number;
	/** Highest minus lowest share (deepest division). */
	gap: number;
	voters: number;
}

export interface LanguageAvailability {
	/** The language the recommendations were written in. */
	written: string[];
	/** Per language, how many of the report's recommendations had a current translation of their plain text. */
	translated: { language: string; recommendations: number }[];
}

export interface ReportFacts {
	recommendations: number;
	participants: number;
	/** How many of the participants are demo accounts. */
	demoParticipants: number;
	votes: Tally;
	comments: number;
	/** The groups people chose, with their votes only where the small-group rule allows (null otherwise). */
	byGroup: Results['totals']['byGroup'];
	/** Recommendations whose groups can be compared (two or more groups with enough voters). */
	comparable: number;
	broadCount: number;
	dividedCount: number;
	broadest: RankedRecommendation[];
	deepest: RankedRecommendation[];
	positions: { positions: number; organisations: number; recommendations: number; byStance: [string, number][] };
	meetings: { meetings: number; people: number; recommendations: number };
	summarised: number;
	answered: number;
	unanswered: number[];
	/** Recommendations nobody responded to, in order. */
	silent: { number: number; themeNumeral: string; shortTitle: string; language: string; answered: boolean }[];
	languages: LanguageAvailability;
	/** What else was said on a recommendation: its published positions and its group meetings' counts. */
	alsoOn: Map<
		number,
		{
			positions: number;
			meetings: { meetings: number; people: number; agree: number; disagree: number; notSure: number } | null;
		}
	>;
}

function ranked(r: Results['recommendations'][number]): RankedRecommendation {
	const shares = r.agreement.shares
		.filter((s): s is GroupShare & { agreeShare: number } => s.agreeShare !== null)
		.map((s) => ({ group: s.group, agreeShare: s.agreeShare }));
	const values = shares.map((s) => s.agreeShare);
	return {
		number: r.number,
		shortTitle: r.shortTitle,
		language: r.language,
		shares,
		lowest: values.length ? Math.min(...values) : 0,
		gap: r.agreement.gap ?? 0,
		voters: r.tallies.total
	};
}

/** Shares rounded to a millionth, so that 0.8 − 0.2 and 1 − 0.4 are the same gap (a tie), as they are. */
const exact = (x: number) => Math.round(x * 1e6);

/** The recommendations of one kind, ranked by `key` (highest first), then by voters and number. */
function rank(results: Results, kind: 'broad' | 'divided', key: 'lowest' | 'gap', top: number): RankedRecommendation[] {
	return results.recommendations
		.filter((r) => r.agreement.kind === kind)
		.map(ranked)
		.sort((a, b) => exact(b[key]) - exact(a[key]) || b.voters - a.voters || a.number - b.number)
		.slice(0, top);
}

/** The recommendations with the broadest agreement across groups, best first (see the definition above). */
export const broadestAgreement = (results: Results, top = TOP_FINDINGS) => rank(results, 'broad', 'lowest', top);

/** The recommendations that divide the groups most, deepest first (see the definition above). */
export const deepestDivision = (results: Results, top = TOP_FINDINGS) => rank(results, 'divided', 'gap', top);

/** Everything the report states as fact, from the results, the positions and the translations found. */
export function reportFacts(results: Results, positions: PositionRow[], languages: LanguageAvailability): ReportFacts {
	const recs = results.recommendations;
	const published = positions.filter((p) => p.status === 'published');
	const withPosition = new Set(positions.map((p) => p.recommendation));
	const stances = new Map<string, number>();
	for (const p of published) stances.set(p.stance, (stances.get(p.stance) ?? 0) + 1);
	const responded = (r: (typeof recs)[number]) =>
		r.tallies.total > 0 ||
		r.comments > 0 ||
		withPosition.has(r.number) ||
		results.meetings.byRecommendation.has(r.number);
	return {
		recommendations: recs.length,
		participants: results.totals.participants,
		demoParticipants: results.totals.demoParticipants,
		votes: results.totals.votes,
		comments: results.totals.comments,
		byGroup: results.totals.byGroup,
		comparable: recs.filter((r) => r.agreement.kind !== 'unknown').length,
		broadCount: recs.filter((r) => r.agreement.kind === 'broad').length,
		dividedCount: recs.filter((r) => r.agreement.kind === 'divided').length,
		broadest: broadestAgreement(results),
		deepest: deepestDivision(results),
		positions: {
			positions: published.length,
			organisations: new Set(published.map((p) => p.organisationSlug)).size,
			recommendations: new Set(published.map((p) => p.recommendation)).size,
			byStance: [...stances.entries()]
		},
		meetings: {
			meetings: results.meetings.totals.meetings,
			people: results.meetings.totals.people,
			recommendations: results.meetings.byRecommendation.size
		},
		summarised: recs.filter((r) => r.summary).length,
		answered: recs.filter((r) => r.answers.length > 0).length,
		unanswered: recs.filter((r) => r.answers.length === 0).map((r) => r.number),
		silent: recs
			.filter((r) => !responded(r))
			.map((r) => ({
				number: r.number,
				themeNumeral: r.themeNumeral,
				shortTitle: r.shortTitle,
				language: r.language,
				answered: r.answers.length > 0
			})),
		languages,
		alsoOn: new Map(
			recs
				.filter((r) => withPosition.has(r.number) || results.meetings.byRecommendation.has(r.number))
				.map((r) => [
					r.number,
					{
						positions: published.filter((p) => p.recommendation === r.number).length,
						meetings: results.meetings.byRecommendation.get(r.number) ?? null
					}
				])
		)
	};
}

export interface Formatters {
	n: (x: number) => string;
	percent: (share: number) => string;
}

const percentPoints = (gap: number) => Math.round(gap * 100);

export function findingTexts(facts: ReportFacts, t: TFunction, f: Formatters): FindingTexts {
	const { n } = f;
	const shares = (r: RankedRecommendation) =>
		r.shares
			.map((s) => t('results:findings.share', { group: t(`results:group.${s.group}`), share: f.percent(s.agreeShare) }))
			.join('; ');
	/** A number, not formatted text: the messages nest it as the count of common:unit.recommendations. */
	const total = facts.recommendations;
	/** A number with its noun, in the plural form the number needs ("1 stem", "12 stemmen"). */
	const counted = (key: string, x: number) => t(`results:findings.${key}`, { count: x, n: n(x) });
	const noComparison = facts.comparable === 0 ? t('results:findings.noComparison', { min: SMALL_GROUP }) : null;
	return {
		participation:
			facts.participants === 0
				? t('results:findings.nobody')
				: t('results:findings.participation', {
						people: counted('people', facts.participants),
						votes: counted('votes', facts.votes.total),
						comments: counted('comments', facts.comments)
					}),
		demoParticipants: facts.demoParticipants
			? t('results:findings.demoParticipants', { count: facts.demoParticipants, n: n(facts.demoParticipants) })
			: null,
		groupsNote: t('results:findings.groupsNote', { min: SMALL_GROUP }),
		groups: {
			caption: t('results:dashboard.byGroup'),
			header: [
				t('results:report.group'),
				t('results:report.people'),
				t('results:report.votes'),
				t('results:report.comments')
			],
			rows: facts.byGroup
				.filter((g) => g.participants > 0)
				.map((g) => [
					t(`results:group.${g.group}`),
					n(g.participants),
					g.votes ? n(g.votes.total) : t('results:tooFew'),
					n(g.comments)
				])
		},
		broadestDefinition: t('results:findings.broadestDefinition', {
			min: SMALL_GROUP,
			broad: Math.round(BROAD_AGREEMENT * 100)
		}),
		broadest: facts.broadest.map((r) =>
			t('results:findings.broadestItem', {
				number: r.number,
				title: r.shortTitle,
				lowest: f.percent(r.lowest),
				shares: shares(r)
			})
		),
		broadestNone: facts.broadest.length ? null : (noComparison ?? counted('broadestNone', facts.comparable)),
		deepestDefinition: t('results:findings.deepestDefinition', {
			min: SMALL_GROUP,
			gap: percentPoints(DIVIDING_GAP)
		}),
		deepest: facts.deepest.map((r) =>
			t('results:findings.deepestItem', {
				number: r.number,
				title: r.shortTitle,
				gap: percentPoints(r.gap),
				shares: shares(r)
			})
		),
		deepestNone: facts.deepest.length ? null : (noComparison ?? counted('deepestNone', facts.comparable)),
		positions:
			facts.positions.positions === 0
				? t('results:findings.positionsNone')
				: t('results:findings.positionsLine', {
						positions: counted('positionCount', facts.positions.positions),
						organisations: counted('organisationCount', facts.positions.organisations),
						recommendations: counted('recommendationCount', facts.positions.recommendations),
						stances: facts.positions.byStance
							.map(([stance, count]) => `${t(`positions:stance.${stance}`)}: ${n(count)}`)
							.join('; ')
					}),
		meetings:
			facts.meetings.meetings === 0
				? t('results:findings.meetingsNone')
				: t('results:findings.meetingsLine', {
						meetings: counted('meetingCount', facts.meetings.meetings),
						people: counted('people', facts.meetings.people),
						recommendations: counted('recommendationCount', facts.meetings.recommendations)
					}),
		summaries: t('results:findings.summaries', { count: facts.summarised, n: n(facts.summarised), total }),
		answers: t('results:findings.answers', { count: facts.answered, n: n(facts.answered), total }),
		unanswered: facts.unanswered.length
			? t('results:findings.unanswered', { numbers: numberRanges(facts.unanswered, n) })
			: null,
		silent: t('results:findings.silent', { count: facts.silent.length, n: n(facts.silent.length), total }),
		alsoOn: Object.fromEntries(
			[...facts.alsoOn].map(([number, also]) => [
				number,
				[
					...(also.positions
						? [
								t('results:report.positionsOn', {
									positions: counted('positionCount', also.positions),
									section: t('positions:heading')
								})
							]
						: []),
					...(also.meetings ? [`${meetingLine(t, also.meetings, n)}.`] : [])
				]
			])
		)
	};
}

/** The method section: how people took part (true by construction) and which languages texts were in (computed). */
export function methodTexts(
	t: TFunction,
	languages: LanguageAvailability,
	n: (x: number) => string,
	results: Pick<Results, 'recommendations' | 'filters'>
): string[] {
	const name = (l: string) => t(`results:language.${l}`, { defaultValue: l });
	const recommendations = results.recommendations.length;
	// Recommendations whose text was revised during the consultation, and which votes the counts hold.
	const revised = results.recommendations.filter((r) => r.revision > 1).length;
	const revisions =
		revised > 0
			? [
					t('results:method.revised', { count: revised }),
					t(results.filters.votes === 'current' ? 'results:method.currentVotes' : 'results:method.allVotes')
				]
			: [];
	return [
		t('results:method.howPeople'),
		t('results:method.written', { languages: languages.written.map(name).join(', ') }),
		languages.translated.length
			? t('results:method.translated', {
					list: languages.translated
						.map((l) =>
							t('results:method.translatedItem', {
								language: name(l.language),
								n: n(l.recommendations),
								total: recommendations
							})
						)
						.join('; ')
				})
			: t('results:method.notTranslated'),
		t('results:method.whatCounts'),
		...revisions,
		t('results:method.groups', { min: SMALL_GROUP }),
		t('results:method.privacy'),
		t('results:method.hidden'),
		t('results:method.summaries')
	];
}
