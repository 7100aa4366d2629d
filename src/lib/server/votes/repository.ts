import type { Transaction } from 'kysely';
import type { DB } from '../db/create';
import type { Database, ParticipantGroup, VoteChoice } from '../db/types';

/**
 * Casts or changes a person's vote: one statement, kept to one vote per person by the primary key, so
 * parallel requests leave one vote. The voter's group is read in the same statement, as it is now.
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
			created_at: vote.now,
			updated_at: vote.now
		}))
		.onConflict((oc) =>
			oc.columns(['recommendation_id', 'user_id']).doUpdateSet((eb) => ({
				choice: vote.choice,
				participant_group: eb.ref('excluded.participant_group'),
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

export async function findChoice(db: DB, recommendationId: number, userId: number): Promise<VoteChoice | null> {
	const row = await db
		.selectFrom('votes')
		.select('choice')
		.where('recommendation_id', '=', recommendationId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	return row?.choice ?? null;
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
