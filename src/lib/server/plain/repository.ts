import type { Transaction } from 'kysely';
import type { DB } from '../db/create';
import type { Database } from '../db/types';

/** A recommendation's texts, as the plain-language editor shows them. */
export function findTexts(db: DB, recommendationId: number) {
	return db
		.selectFrom('recommendations')
		.select(['id', 'official_text', 'plain_text'])
		.where('id', '=', recommendationId)
		.executeTakeFirst();
}

/**
 * Replaces the plain-language version, only if it is still `from`: of two editors who started from the
 * same text, the second is told rather than silently overwriting the first. Returns whether it did.
 */
export async function replacePlainText(
	trx: Transaction<Database>,
	change: { recommendationId: number; from: string; to: string; at: string }
): Promise<boolean> {
	const result = await trx
		.updateTable('recommendations')
		.set({ plain_text: change.to, updated_at: change.at })
		.where('id', '=', change.recommendationId)
		.where('plain_text', '=', change.from)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}
