import type { DB } from '../db/create';

/** Half of the comments that waited for review were decided within this time, over this many decisions. */
export interface ReviewWait {
	medianMinutes: number;
	decisions: number;
}

/** Fewer decisions than this say too little to promise anything. */
export const REVIEW_WAIT_MIN_DECISIONS = 3;

/**
 * How long comments that waited for a moderator in the consultation of this recommendation took to be decided (approved,
 * edited or removed), over the last 30 days and at most the latest 200 decisions; null when there are too
 * few to say. Authors of a waiting comment are told this, so the promise is what moderators really did.
 */
export async function typicalReviewWait(
	db: DB,
	recommendationId: number,
	now = new Date()
): Promise<ReviewWait | null> {
	const since = new Date(now.getTime() - 30 * 24 * 60 * 60 * 1000).toISOString();
	const rows = await db
		.selectFrom('comments as c')
		.innerJoin('recommendations as r', 'r.id', 'c.recommendation_id')
		.select(['c.review_started_at', 'c.moderated_at'])
		.where('r.consultation_id', '=', (eb) =>
			eb.selectFrom('recommendations as o').select('o.consultation_id').where('o.id', '=', recommendationId)
		)
		.where('c.review_started_at', 'is not', null)
		.where('c.moderated_at', '>=', since)
		.where('c.held_for', 'is', null)
		.orderBy('c.moderated_at', 'desc')
		.limit(200)
		.execute();
	const minutes = rows
		.map((r) => (new Date(r.moderated_at!).getTime() - new Date(r.review_started_at!).getTime()) / 60000)
		.filter((m) => m >= 0)
		.sort((a, b) => a - b);
	if (minutes.length < REVIEW_WAIT_MIN_DECISIONS) return null;
	const mid = Math.floor(minutes.length / 2);
	const median = minutes.length % 2 ? minutes[mid] : (minutes[mid - 1] + minutes[mid]) / 2;
	return { medianMinutes: Math.round(median), decisions: minutes.length };
}
