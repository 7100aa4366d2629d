import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../db/types';

/*
 * Comments' SQL: what "published" means, the shared select and row mapping, and the steps that change
 * comments. Services keep the rules, the authorisation and the transactions; other domains (moderation,
 * summaries, results, exports) read comments through here rather than writing their own conditions.
 */

/** Tables as a query sees them with comments aliased "c". */
type WithC = Database & { c: Database['comments'] };

/**
 * Published: what every reader may read and every count counts. Not hidden, not deleted, not waiting
 * for a moderator (after reports, or for review). For a query on `comments as c`.
 */
export const isPublished = (eb: ExpressionBuilder<WithC, 'c'>) =>
	eb.and([eb('c.status', '=', 'visible'), eb('c.held_for', 'is', null)]);

/** The same, as a boolean on a row already read. */
export const publishedRow = (row: { status: string; held_for: string | null }): boolean =>
	row.status === 'visible' && row.held_for === null;
