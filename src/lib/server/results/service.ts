import { requireAllowed } from '../auth/require';
import { listAnswers } from '../answers/service';
import type { MaybeActor } from '../auth/actor';
import * as consultations from '../consultations/repository';
import type { DB } from '../db/create';
import { notFound } from '../errors';
import { meetingResults, type MeetingResults } from '../meetings/service';
import { listPublishedSummaries } from '../summaries/service';
import { withoutSmallGroups } from '../votes/service';
import { assembleResults, emptyCounts, type ResultCounts, type Results as Assembled } from './assemble';
import { noFilters, timeWindow, type ResultFilters } from './filters';
import { canSeeResults } from './policy';
import * as repository from './repository';
import type { Scope } from './repository';

/*
 * The results of a consultation as policy staff see them: on the dashboard and in every export. Both
 * read them here, with the same filters, so every count in a file equals the count on the screen.
 */

export { groupKeys, noFilters, readFilters, timeWindow, type GroupKey, type ResultFilters } from './filters';
export { agreementOf, BROAD_AGREEMENT, DIVIDING_GAP, type GroupShare, type RecommendationResult } from './assemble';

/** The results, with group meetings' counts beside them, never added to the votes (issue 13). */
export type Results = Assembled & { meetings: MeetingResults };

export function requireResultsReader(actor: MaybeActor): asserts actor is NonNullable<MaybeActor> {
	requireAllowed(actor, canSeeResults(actor));
}

/**
 * A consultation's results within the filters: tallies, comments, reports, participants, breakdowns,
 * agreement across groups, summaries and answers. Eleven queries, whatever the size (named in
 * repository.ts), put together by assembleResults. Hidden, held and deleted comments are not counted.
 * Raises notFound.consultation.
 */
export async function loadResults(db: DB, slug: string, filters: ResultFilters = noFilters): Promise<Results> {
	const consultation = await consultations.findBySlug(db, slug);
	if (!consultation) throw notFound('consultation');
	const [themes, recommendations] = await Promise.all([
		repository.themesOf(db, consultation.id),
		repository.recommendationsOf(db, consultation.id, filters.theme)
	]);
	const scope: Scope = {
		recommendationIds: recommendations.map((r) => r.id),
		...timeWindow(filters),
		group: filters.group,
		currentText: filters.votes === 'current'
	};
	const counts: ResultCounts =
		scope.recommendationIds.length === 0
			? emptyCounts()
			: await Promise.all([
					repository.voteCounts(db, scope),
					repository.commentCounts(db, scope),
					repository.commentCountsByGroup(db, scope),
					repository.reportCounts(db, scope),
					repository.peopleCounts(db, scope),
					repository.votesPerDay(db, scope),
					repository.commentsPerDay(db, scope),
					listPublishedSummaries(db, scope.recommendationIds),
					listAnswers(db, scope.recommendationIds)
				]).then(([votes, comments, commentsByGroup, reports, people, voteDays, commentDays, summaries, answers]) => ({
					votes,
					comments,
					commentsByGroup,
					reports,
					people,
					voteDays,
					commentDays,
					summaries,
					answers
				}));
	// Group meetings' counts come with the results, apart from the votes (issue 13).
	const meetings = await meetingResults(db, { ...scope, from: filters.from, to: filters.to });
	return { ...assembleResults({ consultation, filters, themes, recommendations, counts }), meetings };
}

export type { MeetingResults };

/** The dashboard: the results within the filters, for policy staff and administrators. */
export async function getDashboard(db: DB, actor: MaybeActor, slug: string, filters: ResultFilters = noFilters) {
	requireResultsReader(actor);
	const results = await loadResults(db, slug, filters);
	return {
		...results,
		recommendations: results.recommendations.map((r) => ({ ...r, shown: withoutSmallGroups(r.tallies) }))
	};
}
