import type { DB } from '../db/create';
import { reviewDecisions } from './repository';

/** Half of the comments that waited for review were decided within this time, over this many decisions. */
export interface ReviewWait {
	medianMinutes: number;
	decisions: number;
}

/** Fewer decisions than this say too little to promise anything. */
export const REVIEW_WAIT_MIN_DECISIONS = 3;

/**
 * How long comments that waited for a moderator in the consultation of this recommendation took to be
 * decided (approved, edited or removed), over the last 30 days and at most the latest 200 decisions; null
 * when there are too few to say. Authors of a waiting comment are told this, so the promise is what
 * moderators really did.
 */
export async function typicalReviewWait(
	db: DB,
	recommendationId: number,
	now = new Date()
): Promise<ReviewWait | null> {
	const since = new Date(now.getTime() - 30 * 24 * 60 * 60 * 1000).toISOString();
	const rows = await reviewDecisions(db, recommendationId, since);
	return medianWait(rows.map((r) => ({ from: r.review_started_at!, to: r.moderated_at! })));
}

/** The median of these waits in whole minutes, or null below REVIEW_WAIT_MIN_DECISIONS. */
export function medianWait(waits: { from: string; to: string }[]): ReviewWait | null {
	const minutes = waits
		.map((w) => (new Date(w.to).getTime() - new Date(w.from).getTime()) / 60000)
		.filter((m) => m >= 0)
		.sort((a, b) => a - b);
	if (minutes.length < REVIEW_WAIT_MIN_DECISIONS) return null;
	const mid = Math.floor(minutes.length / 2);
	const median = minutes.length % 2 ? minutes[mid] : (minutes[mid - 1] + minutes[mid]) / 2;
	return { medianMinutes: Math.round(median), decisions: minutes.length };
}
