import type { DB } from '../db/create';

/*
 * What a person wrote and did, for "download my data": their votes, comments, helpful marks, reports and
 * follows, each with the recommendation it is about (consultation and number). One query per kind,
 * whatever the number of rows.
 */

/** The recommendations with their consultation, as `r` and `k`, to say what each row is about. */
const about = ['k.slug as consultation', 'r.number as recommendation'] as const;

export async function myContributions(db: DB, userId: number) {
	const threads = db
		.selectFrom('recommendations as r')
		.innerJoin('consultations as k', 'k.id', 'r.consultation_id')
		.select(about);
	const [votes, comments, helpful, reports, follows] = await Promise.all([
		threads
			.innerJoin('votes as v', 'v.recommendation_id', 'r.id')
			.select(['v.choice', 'v.participant_group', 'v.text_version', 'v.created_at', 'v.updated_at'])
			.where('v.user_id', '=', userId)
			.orderBy('v.created_at')
			.execute(),
		threads
			.innerJoin('comments as c', 'c.recommendation_id', 'r.id')
			.select([
				'c.id',
				'c.parent_id',
				'c.body',
				'c.language',
				'c.stance',
				'c.status',
				'c.hidden_reason',
				'c.text_version',
				'c.created_at',
				'c.edited_at',
				'c.redacted_at'
			])
			.where('c.author_id', '=', userId)
			.orderBy('c.id')
			.execute(),
		threads
			.innerJoin('comments as c', 'c.recommendation_id', 'r.id')
			.innerJoin('comment_reactions as h', 'h.comment_id', 'c.id')
			.select(['h.comment_id', 'h.created_at'])
			.where('h.user_id', '=', userId)
			.orderBy('h.created_at')
			.execute(),
		threads
			.innerJoin('comments as c', 'c.recommendation_id', 'r.id')
			.innerJoin('comment_reports as p', 'p.comment_id', 'c.id')
			.select(['p.comment_id', 'p.reason', 'p.note', 'p.status', 'p.outcome', 'p.created_at'])
			.where('p.reporter_id', '=', userId)
			.orderBy('p.created_at')
			.execute(),
		threads
			.innerJoin('follows as f', 'f.recommendation_id', 'r.id')
			.select(['f.created_at'])
			.where('f.user_id', '=', userId)
			.orderBy('f.created_at')
			.execute()
	]);
	return { votes, comments, helpful, reports, follows };
}
