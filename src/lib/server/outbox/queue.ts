import { sql, type Expression } from 'kysely';
import type { DB } from '../db/create';
import type { MailKind } from '../db/types';

/*
 * The outbox's front door, for the services that notify people: they queue a mail here, in their own
 * transaction, and the background pass (./service, ./scheduler) sends it later in the person's language.
 * Kept apart from the sending, which needs the translations: what queues mail imports no i18n files, so
 * the services also run outside Vite (scripts under tsx, such as the benchmark's CSV export).
 */

/**
 * Queues one mail of this kind for each recipient who has an address, wants mail and still has an
 * account: one INSERT … SELECT. Recipients are user ids, or a query that selects them.
 */
export async function queueMail(
	db: DB,
	mail: {
		kind: MailKind;
		recommendationId: number;
		commentId?: number | null;
		recipients: readonly number[] | Expression<Record<string, number | null>>;
		now: string;
	}
): Promise<number> {
	if (Array.isArray(mail.recipients) && mail.recipients.length === 0) return 0;
	const result = await db
		.insertInto('mail_outbox')
		.columns(['user_id', 'kind', 'recommendation_id', 'comment_id', 'next_attempt_at', 'created_at'])
		.expression((eb) =>
			eb
				.selectFrom('users as u')
				.select((e) => [
					'u.id',
					e.val(mail.kind).as('kind'),
					// Typed here: PostgreSQL reads a bare parameter in a select list as text.
					sql<number>`cast(${mail.recommendationId} as integer)`.as('recommendation_id'),
					sql<number | null>`cast(${mail.commentId ?? null} as integer)`.as('comment_id'),
					e.val(mail.now).as('next_attempt_at'),
					e.val(mail.now).as('created_at')
				])
				.where('u.id', 'in', mail.recipients as readonly number[])
				.where('u.email', 'is not', null)
				.where('u.email_notifications', '=', 1)
				.where('u.deleted_at', 'is', null)
		)
		.executeTakeFirst();
	return Number(result.numInsertedOrUpdatedRows ?? 0);
}
