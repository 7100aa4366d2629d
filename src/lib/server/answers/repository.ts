import type { Insertable, Transaction, Updateable } from 'kysely';
import { parseMarked } from '../../text/marked';
import type { AnswerVersion } from '../../views';
import type { DB } from '../db/create';
import type { AnswersTable, AnswerStatus, Database } from '../db/types';

/*
 * Answers' SQL. A recommendation has at most one draft (published_at null) and any number of published
 * versions: the newest is the answer, the others its history.
 */

const versionColumns = ['id', 'status', 'explanation', 'commitment', 'commitment_due', 'published_at'] as const;

function toVersion(r: {
	id: number;
	status: AnswerStatus;
	explanation: string;
	commitment: string;
	commitment_due: string | null;
	published_at: string | null;
}): AnswerVersion {
	return {
		id: r.id,
		status: r.status,
		explanation: parseMarked(r.explanation),
		commitment: r.commitment,
		commitmentDue: r.commitment_due,
		publishedAt: r.published_at!,
		text: r.explanation
	};
}

/** Every published answer version of these recommendations, newest first per recommendation: one query. */
export async function listPublished(db: DB, recommendationIds: number[]): Promise<Map<number, AnswerVersion[]>> {
	const result = new Map<number, AnswerVersion[]>();
	if (!recommendationIds.length) return result;
	const rows = await db
		.selectFrom('answers')
		.select(['recommendation_id', ...versionColumns])
		.where('recommendation_id', 'in', recommendationIds)
		.where('published_at', 'is not', null)
		.orderBy('published_at', 'desc')
		.orderBy('id', 'desc')
		.execute();
	for (const r of rows) {
		const list = result.get(r.recommendation_id) ?? [];
		list.push(toVersion(r));
		result.set(r.recommendation_id, list);
	}
	return result;
}

/** Every published answer version in a consultation, newest first, with its recommendation's number: one query. */
export async function listPublishedInConsultation(
	db: DB,
	slug: string
): Promise<{ number: number; version: AnswerVersion }[]> {
	const rows = await db
		.selectFrom('answers as a')
		.innerJoin('recommendations as r', 'r.id', 'a.recommendation_id')
		.innerJoin('consultations as k', 'k.id', 'r.consultation_id')
		.select(['r.number', ...versionColumns.map((c) => `a.${c}` as const)])
		.where('k.slug', '=', slug)
		.where('a.published_at', 'is not', null)
		.orderBy('a.published_at', 'desc')
		.orderBy('a.id', 'desc')
		.execute();
	return rows.map((r) => ({ number: r.number, version: toVersion(r) }));
}

/** The draft answer to a recommendation, if there is one. */
export async function findDraft(db: DB, recommendationId: number) {
	const row = await db
		.selectFrom('answers')
		.select(['id', 'status', 'explanation', 'commitment', 'commitment_due', 'updated_at'])
		.where('recommendation_id', '=', recommendationId)
		.where('published_at', 'is', null)
		.executeTakeFirst();
	return (
		row && {
			id: row.id,
			status: row.status,
			text: row.explanation,
			commitment: row.commitment,
			commitmentDue: row.commitment_due,
			updatedAt: row.updated_at
		}
	);
}

export async function insert(trx: Transaction<Database>, answer: Insertable<AnswersTable>): Promise<number> {
	const { id } = await trx.insertInto('answers').values(answer).returning('id').executeTakeFirstOrThrow();
	return id;
}

export async function update(trx: Transaction<Database>, id: number, changes: Updateable<AnswersTable>): Promise<void> {
	await trx.updateTable('answers').set(changes).where('id', '=', id).execute();
}

/**
 * Everyone who took part in a thread, once, but one person (who wrote the answer): voters, commenters
 * and followers, as a query that selects their user ids.
 */
export function participants(trx: Transaction<Database>, recommendationId: number, exceptUserId: number) {
	const takingPart = trx
		.selectFrom('votes')
		.select('user_id')
		.where('recommendation_id', '=', recommendationId)
		.union(
			trx
				.selectFrom('comments')
				.select('author_id as user_id')
				.where('recommendation_id', '=', recommendationId)
				.where('author_id', 'is not', null)
				.$narrowType<{ user_id: number }>()
		)
		.union(trx.selectFrom('follows').select('user_id').where('recommendation_id', '=', recommendationId));
	return trx.selectFrom(takingPart.as('p')).select('p.user_id').where('p.user_id', '!=', exceptUserId);
}
