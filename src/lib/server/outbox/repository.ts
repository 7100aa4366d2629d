import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/create';
import type { Database, MailKind } from '../db/types';
import * as users from '../users/repository';
import { takeDue as takeDueRows } from '../work-queue';

/*
 * The outbox's SQL: queueing mail (in the notifying service's transaction), and what a sending pass
 * (./service) takes, reads and marks. Imports no i18n files (see ./queue).
 */

/**
 * Queues one mail of this kind for each recipient who has an address, wants mail and still has an
 * account: one INSERT … SELECT. Runs inside the transaction of what the mail is about.
 */
export async function insertForEach(
	trx: Transaction<Database>,
	mail: { kind: MailKind; recommendationId: number; commentId: number | null; recipients: users.UserIds; now: string }
): Promise<number> {
	const result = await trx
		.insertInto('mail_outbox')
		.columns(['user_id', 'kind', 'recommendation_id', 'comment_id', 'next_attempt_at', 'created_at'])
		.expression(
			users
				.existingAmong(trx, mail.recipients)
				.select((e) => [
					'u.id',
					e.val(mail.kind).as('kind'),
					// Typed here: PostgreSQL reads a bare parameter in a select list as text.
					sql<number>`cast(${mail.recommendationId} as integer)`.as('recommendation_id'),
					sql<number | null>`cast(${mail.commentId} as integer)`.as('comment_id'),
					e.val(mail.now).as('next_attempt_at'),
					e.val(mail.now).as('created_at')
				])
				.where('u.email', 'is not', null)
				.where('u.email_notifications', '=', 1)
		)
		.executeTakeFirst();
	return Number(result.numInsertedOrUpdatedRows ?? 0);
}

/** Takes the mails that are due, at most `batch`, leased until `leaseUntil` (see work-queue takeDue). */
export function takeDue(db: DB, options: { now: string; leaseUntil: string; batch: number }): Promise<number[]> {
	return takeDueRows(db, 'mail_outbox', options);
}

/** The mails taken, with what sending needs: the person's address, wishes and language, and the thread. */
export async function listTaken(db: DB, ids: number[]) {
	return (
		db
			.selectFrom('mail_outbox as o')
			.innerJoin('users as u', 'u.id', 'o.user_id')
			.innerJoin('recommendations as r', 'r.id', 'o.recommendation_id')
			.innerJoin('consultations as k', 'k.id', 'r.consultation_id')
			.select(['o.id', 'o.kind', 'o.comment_id', 'o.attempts', 'r.number', 'k.slug'])
			.select(['u.email', 'u.email_notifications', 'u.deleted_at', 'u.locale'])
			// A reply mail names who wrote the reply (comment_id), and whether that is a demo account.
			.leftJoin('comments as rc', 'rc.id', 'o.comment_id')
			.leftJoin('users as a', 'a.id', 'rc.author_id')
			.select(['a.display_name as author_name', 'a.is_demo as author_is_demo'])
			.where('o.id', 'in', ids)
			.orderBy('o.id')
			.execute()
	);
}

export async function markSent(db: DB, ids: number[], now: string): Promise<void> {
	await db.updateTable('mail_outbox').set({ status: 'sent', sent_at: now }).where('id', 'in', ids).execute();
}

export async function markSkipped(db: DB, ids: number[]): Promise<void> {
	await db.updateTable('mail_outbox').set({ status: 'skipped' }).where('id', 'in', ids).execute();
}

/** A failed mail: pending again from `nextAttemptAt`, or failed for good; with the error, kept short. */
export async function markFailure(
	db: DB,
	id: number,
	failure: { final: boolean; nextAttemptAt: string; error: string }
): Promise<void> {
	await db
		.updateTable('mail_outbox')
		.set({
			status: failure.final ? 'failed' : 'pending',
			next_attempt_at: failure.nextAttemptAt,
			last_error: failure.error
		})
		.where('id', '=', id)
		.execute();
}

/** Removes sent, skipped and failed mails made before `before`. */
export async function prune(db: DB, before: string): Promise<void> {
	await db.deleteFrom('mail_outbox').where('created_at', '<', before).where('status', '!=', 'pending').execute();
}
