import type { Transaction } from 'kysely';
import type { DB } from '../db/create';
import type { Database, RevisionKind } from '../db/types';

/** A recommendation's current text and revision numbers. */
export function findCurrent(db: DB, recommendationId: number) {
	return db
		.selectFrom('recommendations')
		.select(['id', 'short_title', 'official_text', 'text_version', 'last_change_version', 'created_at'])
		.where('id', '=', recommendationId)
		.executeTakeFirst();
}

/** Every stored revision of a recommendation's text, oldest first, in one query. */
export function listRevisions(db: DB, recommendationId: number) {
	return db
		.selectFrom('recommendation_revisions')
		.select(['text_version', 'kind', 'reason', 'short_title', 'official_text', 'created_at'])
		.where('recommendation_id', '=', recommendationId)
		.orderBy('text_version')
		.execute();
}

export async function insertRevision(
	trx: Transaction<Database>,
	revision: {
		recommendationId: number;
		version: number;
		shortTitle: string;
		officialText: string;
		kind: RevisionKind;
		reason: string;
		authorId: number | null;
		at: string;
	}
): Promise<void> {
	await trx
		.insertInto('recommendation_revisions')
		.values({
			recommendation_id: revision.recommendationId,
			text_version: revision.version,
			short_title: revision.shortTitle,
			official_text: revision.officialText,
			kind: revision.kind,
			reason: revision.reason,
			author_id: revision.authorId,
			created_at: revision.at
		})
		// Revision 1 is written at the first edit; two editors at once write it once.
		.onConflict((oc) => oc.columns(['recommendation_id', 'text_version']).doNothing())
		.execute();
}

/**
 * Makes a new revision the recommendation's current text, only if the current one is still `from`: of two
 * editors who started from the same text, the second is told rather than silently overwriting the first.
 * Returns whether it did.
 */
export async function advance(
	trx: Transaction<Database>,
	change: {
		recommendationId: number;
		from: number;
		to: number;
		lastChange: number;
		shortTitle: string;
		officialText: string;
		at: string;
	}
): Promise<boolean> {
	const result = await trx
		.updateTable('recommendations')
		.set({
			short_title: change.shortTitle,
			official_text: change.officialText,
			text_version: change.to,
			last_change_version: change.lastChange,
			updated_at: change.at
		})
		.where('id', '=', change.recommendationId)
		.where('text_version', '=', change.from)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) > 0;
}

/** How many votes on a recommendation are on its current text, and how many on an earlier one. */
export async function countVotesByText(db: DB, recommendationId: number, lastChange: number) {
	const row = await db
		.selectFrom('votes')
		.select((eb) => [
			eb.fn.countAll<number>().as('all'),
			eb.fn.sum<number>(eb.case().when('text_version', '>=', lastChange).then(1).else(0).end()).as('current')
		])
		.where('recommendation_id', '=', recommendationId)
		.executeTakeFirstOrThrow();
	return { all: Number(row.all), current: Number(row.current ?? 0) };
}

/** Those whose vote on a recommendation is on a revision before `version`, except one person: as a query of ids. */
export function votersBefore(
	trx: Transaction<Database>,
	recommendationId: number,
	version: number,
	exceptUserId: number
) {
	return trx
		.selectFrom('votes')
		.select('user_id')
		.where('recommendation_id', '=', recommendationId)
		.where('text_version', '<', version)
		.where('user_id', '!=', exceptUserId);
}
