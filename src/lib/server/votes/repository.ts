import type { Transaction } from 'kysely';
import type { DB } from '../db/create';
import type { Database, ParticipantGroup, VoteChoice } from '../db/types';

/**
 * Casts or changes a person's vote: one statement, kept to one vote per person by the primary key, so
 * parallel requests leave one vote. The voter's group and the text's current revision are read in the
 * same statement, as they are now: a vote is on the text its voter saw.
 */
export async function upsert(
	trx: Transaction<Database>,
	vote: { recommendationId: number; userId: number; choice: VoteChoice; now: string }
): Promise<void> {
	await trx
		.insertInto('votes')
		.values((eb) => ({
			recommendation_id: vote.recommendationId,
			user_id: vote.userId,
			choice: vote.choice,
			participant_group: eb.selectFrom('users').select('participant_group').where('id', '=', vote.userId),
			text_version: eb.selectFrom('recommendations').select('text_version').where('id', '=', vote.recommendationId),
			created_at: vote.now,
			updated_at: vote.now
		}))
		.onConflict((oc) =>
			oc.columns(['recommendation_id', 'user_id']).doUpdateSet((eb) => ({
				choice: vote.choice,
				participant_group: eb.ref('excluded.participant_group'),
				text_version: eb.ref('excluded.text_version'),
				updated_at: vote.now
			}))
		)
		.execute();
}

export async function remove(db: DB, recommendationId: number, userId: number): Promise<void> {
	await db
		.deleteFrom('votes')
		.where('recommendation_id', '=', recommendationId)
		.where('user_id', '=', userId)
		.execute();
}

/** A person's vote: the choice and the revision of the text it was cast (or last confirmed) on. */
export async function findVote(db: DB, recommendationId: number, userId: number) {
	return db
		.selectFrom('votes')
		.select(['choice', 'text_version'])
		.where('recommendation_id', '=', recommendationId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
}

/**
 * Moves a person's vote to the text's current revision: they read the change and keep their choice.
 * Returns whether there was a vote to move.
 */
export async function confirmOnCurrentText(
	db: DB,
	vote: { recommendationId: number; userId: number; now: string }
): Promise<boolean> {
	const result = await db
		.updateTable('votes')
		.set((eb) => ({
			text_version: eb.selectFrom('recommendations').select('text_version').where('id', '=', vote.recommendationId),
			updated_at: vote.now
		}))
		.where('recommendation_id', '=', vote.recommendationId)
		.where('user_id', '=', vote.userId)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) > 0;
}

/** How often the recommendation's votes have changed (raised by triggers, migration 016); 0 for none yet. */
export async function tallyVersion(db: DB, recommendationId: number): Promise<number> {
	const row = await db
		.selectFrom('tally_versions')
		.select('version')
		.where('recommendation_id', '=', recommendationId)
		.executeTakeFirst();
	return row?.version ?? 0;
}

/** A recommendation's votes counted per choice and group, answered from the covering index votes_tally_idx alone. */
export async function countByChoiceAndGroup(db: DB, recommendationId: number) {
	return db
		.selectFrom('votes')
		.select((eb) => ['choice', 'participant_group', eb.fn.countAll<number>().as('n')])
		.where('recommendation_id', '=', recommendationId)
		.groupBy(['choice', 'participant_group'])
		.execute();
}

/**
 * Votes carry the voter's group: when a person declares another group, their earlier votes follow it,
 * in the transaction that changes the profile.
 */
export async function regroup(
	trx: Transaction<Database>,
	userId: number,
	group: ParticipantGroup | null
): Promise<void> {
	await trx.updateTable('votes').set({ participant_group: group }).where('user_id', '=', userId).execute();
}
