import { sql } from 'kysely';
import type { DB } from '../db/create';
import { authorGroup, timeWindow, type Results } from '../results/service';

/** How many comments are read at a time: memory stays flat however many there are. */
export const BATCH = 2000;

export interface CommentRow {
	id: number;
	recommendationNumber: number;
	parentId: number | null;
	/** The pseudonym, or null for a deleted account. Never an email address. */
	author: string | null;
	experienceExpert: boolean;
	participantGroup: string | null;
	language: string;
	stance: string | null;
	helpful: number;
	createdAt: string;
	edited: boolean;
	redacted: boolean;
	body: string;
}

/**
 * The published comments of the results' recommendations within the filters, oldest first, read in
 * batches by id (keyset pagination, so each batch costs the same however far in). Hidden, deleted and
 * held comments are left out, as in every count.
 */
export async function* publishedComments(db: DB, results: Results): AsyncGenerator<CommentRow[]> {
	const numberOf = new Map(results.recommendations.map((r) => [r.id, r.number]));
	const ids = [...numberOf.keys()];
	if (!ids.length) return;
	const { from, to } = timeWindow(results.filters);
	let after = 0;
	for (;;) {
		let q = db
			.selectFrom('comments as c')
			.leftJoin('users as u', 'u.id', 'c.author_id')
			.select([
				'c.id',
				'c.recommendation_id',
				'c.parent_id',
				'c.language',
				'c.stance',
				'c.helpful_count',
				'c.created_at',
				'c.edited_at',
				'c.redacted_at',
				'c.body',
				'u.display_name',
				'u.experience_expert',
				'u.participant_group'
			])
			// The unary plus keeps the database on the primary key (read in id order, from where the last
			// batch ended) rather than a thread index that would sort every comment again for each batch.
			.where(sql<number>`+c.recommendation_id`, 'in', ids)
			.where('c.status', '=', 'visible')
			.where('c.held_for', 'is', null)
			.where('c.id', '>', after);
		q = authorGroup(q, results.filters);
		if (from) q = q.where('c.created_at', '>=', from);
		if (to) q = q.where('c.created_at', '<', to);
		const rows = await q.orderBy('c.id').limit(BATCH).execute();
		if (!rows.length) return;
		after = rows[rows.length - 1].id;
		yield rows.map((r) => ({
			id: r.id,
			recommendationNumber: numberOf.get(r.recommendation_id)!,
			parentId: r.parent_id,
			author: r.display_name,
			experienceExpert: r.experience_expert === 1,
			participantGroup: r.participant_group,
			language: r.language,
			stance: r.stance,
			helpful: r.helpful_count,
			createdAt: r.created_at,
			edited: r.edited_at !== null,
			redacted: r.redacted_at !== null,
			body: r.body
		}));
		if (rows.length < BATCH) return;
	}
}
