import { sql, type ExpressionBuilder, type ReferenceExpression, type SelectQueryBuilder } from 'kysely';
import { isPublished } from '../comments/repository';
import type { DB } from '../db/create';
import * as recommendations from '../recommendations/repository';
import type { Database, VoteChoice } from '../db/types';
import type { GroupKey } from './filters';

/*
 * The named queries behind a consultation's results. Each reads within one scope: a set of
 * recommendations, a time window and (optionally) the self-declared group of the person who acted.
 * Counts come back grouped; the service assembles them (assemble.ts).
 */

export interface Scope {
	recommendationIds: number[];
	/** From this time (inclusive) to that one (exclusive), ISO; null for no bound. */
	from: string | null;
	to: string | null;
	group: GroupKey | null;
	/** Only votes on the current text of their recommendation (see ResultFilters.votes). */
	currentText?: boolean;
}

/** Only rows whose person is in the scope's group (the query must join the person as "u"). */
export function inGroup<Q extends SelectQueryBuilder<Database & { u: Database['users'] }, 'u', object>>(
	q: Q,
	group: GroupKey | null
): Q {
	if (group === 'none') return q.where('u.participant_group', 'is', null) as Q;
	if (group) return q.where('u.participant_group', '=', group) as Q;
	return q;
}

/** Rows whose time (the column) falls in the scope's window. */
function inWindow<D, T extends keyof D, O>(
	q: SelectQueryBuilder<D, T, O>,
	column: ReferenceExpression<D, T>,
	s: Scope
) {
	return q
		.$if(s.from !== null, (w) => w.where(column, '>=', s.from!))
		.$if(s.to !== null, (w) => w.where(column, '<', s.to!));
}

export function themesOf(db: DB, consultationId: number) {
	return db
		.selectFrom('themes')
		.select(['id', 'numeral', 'title', 'short_title'])
		.where('consultation_id', '=', consultationId)
		.orderBy('position')
		.execute();
}

export function recommendationsOf(db: DB, consultationId: number, theme: string | null) {
	return recommendations
		.withTheme(db)
		.select([...recommendations.textColumns, 't.numeral', 'r.text_version'])
		.where('r.consultation_id', '=', consultationId)
		.$if(theme !== null, (q) => q.where('t.numeral', '=', theme!))
		.orderBy('r.position')
		.execute();
}
export type RecommendationRow = Awaited<ReturnType<typeof recommendationsOf>>[number];

/** A vote is on its recommendation's current text when cast or confirmed on its newest revision that was not a correction. */
function onCurrentText(eb: ExpressionBuilder<Database & { v: Database['votes'] }, 'v'>) {
	return eb(
		'v.text_version',
		'>=',
		eb
			.selectFrom('recommendations as rv')
			.select('rv.last_change_version')
			.whereRef('rv.id', '=', 'v.recommendation_id')
	);
}

function votes(db: DB, s: Scope) {
	let q = db.selectFrom('votes as v').where('v.recommendation_id', 'in', s.recommendationIds);
	if (s.currentText) q = q.where(onCurrentText);
	// Votes carry the voter's group (kept in step with the profile), so no join is needed.
	if (s.group === 'none') q = q.where('v.participant_group', 'is', null);
	else if (s.group) q = q.where('v.participant_group', '=', s.group);
	if (s.from) q = q.where('v.created_at', '>=', s.from);
	if (s.to) q = q.where('v.created_at', '<', s.to);
	return q;
}

/** Published comments in the scope. The author's group is read only when asked for: the join costs a lookup per comment. */
function comments(db: DB, s: Scope) {
	const base = s.group
		? inGroup(db.selectFrom('comments as c').innerJoin('users as u', 'u.id', 'c.author_id'), s.group)
		: db.selectFrom('comments as c');
	return base
		.where('c.recommendation_id', 'in', s.recommendationIds)
		.where(isPublished)
		.$call((q) => inWindow(q, 'c.created_at', s));
}

const day = (column: string) => sql<string>`substr(${sql.ref(column)}, 1, 10)`;

/** Votes per recommendation, choice and group. */
export function voteCounts(db: DB, s: Scope) {
	return votes(db, s)
		.select((eb) => ['v.recommendation_id', 'v.choice', 'v.participant_group', eb.fn.countAll<number>().as('n')])
		.groupBy(['v.recommendation_id', 'v.choice', 'v.participant_group'])
		.execute() as Promise<
		{ recommendation_id: number; choice: VoteChoice; participant_group: string | null; n: number }[]
	>;
}

/** Published comments per recommendation and language. */
export function commentCounts(db: DB, s: Scope) {
	return comments(db, s)
		.select((eb) => ['c.recommendation_id', 'c.language', eb.fn.countAll<number>().as('n')])
		.groupBy(['c.recommendation_id', 'c.language'])
		.execute();
}

/** Published comments per author group. */
export function commentCountsByGroup(db: DB, s: Scope) {
	return inGroup(db.selectFrom('comments as c').innerJoin('users as u', 'u.id', 'c.author_id'), s.group)
		.where('c.recommendation_id', 'in', s.recommendationIds)
		.where(isPublished)
		.$call((q) => inWindow(q, 'c.created_at', s))
		.select((eb) => ['u.participant_group', eb.fn.countAll<number>().as('n')])
		.groupBy('u.participant_group')
		.execute();
}

/** Reports about any comment of the scope (also those hidden since), by when they were made. */
export function reportCounts(db: DB, s: Scope) {
	return inGroup(
		db
			.selectFrom('comment_reports as p')
			.innerJoin('comments as c', 'c.id', 'p.comment_id')
			.leftJoin('users as u', 'u.id', 'c.author_id')
			.where('c.recommendation_id', 'in', s.recommendationIds),
		s.group
	)
		.$call((q) => inWindow(q, 'p.created_at', s))
		.select((eb) => ['c.recommendation_id', eb.fn.countAll<number>().as('n')])
		.groupBy('c.recommendation_id')
		.execute();
}

/**
 * Different people per group: participants (a vote or a published comment in the scope) and, among them,
 * voters, and demo accounts among the participants. Read per person (one indexed look each), not per vote: a million votes cost no more.
 */
export function peopleCounts(db: DB, s: Scope) {
	type Person = ExpressionBuilder<Database & { u: Database['users'] }, 'u'>;
	const voted = (eb: Person) =>
		eb.exists(
			eb
				.selectFrom('votes as v')
				.select(sql.lit(1).as('one'))
				.whereRef('v.user_id', '=', 'u.id')
				.where('v.recommendation_id', 'in', s.recommendationIds)
				.$if(!!s.currentText, (q) => q.where(onCurrentText))
				.$call((q) => inWindow(q, 'v.created_at', s))
		);
	const commented = (eb: Person) =>
		eb.exists(
			eb
				.selectFrom('comments as c')
				.select(sql.lit(1).as('one'))
				.whereRef('c.author_id', '=', 'u.id')
				.where('c.recommendation_id', 'in', s.recommendationIds)
				.where(isPublished)
				.$call((q) => inWindow(q, 'c.created_at', s))
		);
	return inGroup(db.selectFrom('users as u'), s.group)
		.where((eb) => eb.or([voted(eb), commented(eb)]))
		.select((eb) => [
			'u.participant_group as grp',
			eb.fn.countAll<number>().as('participants'),
			eb.fn.sum<number>(eb.case().when(voted(eb)).then(1).else(0).end()).as('voters'),
			eb.fn.sum<number>(eb.case().when('u.is_demo', '=', 1).then(1).else(0).end()).as('demo')
		])
		.groupBy('u.participant_group')
		.execute();
}

/** Votes per day (YYYY-MM-DD). */
export function votesPerDay(db: DB, s: Scope) {
	return votes(db, s)
		.select((eb) => [day('v.created_at').as('day'), eb.fn.countAll<number>().as('n')])
		.groupBy(day('v.created_at'))
		.execute();
}

/** Published comments per day (YYYY-MM-DD). */
export function commentsPerDay(db: DB, s: Scope) {
	return comments(db, s)
		.select((eb) => [day('c.created_at').as('day'), eb.fn.countAll<number>().as('n')])
		.groupBy(day('c.created_at'))
		.execute();
}
