import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/types';
import { queueMail } from '../outbox/queue';

/** A reply and where it belongs. */
export interface ReplyRef {
	id: number;
	parentId: number;
	authorId: number | null;
	recommendationId: number;
}

/**
 * A reply becomes public: it counts on its parent, and the parent's author is told, once, in the app and
 * by mail if they asked for it (never the writer themselves, never a deleted account). The one place for
 * this step: a reply posted without a hold, a held reply that a moderator approves or edits, and a held
 * reply whose author removed the personal details all come here. Runs inside the publishing transaction.
 */
export async function announceReply(trx: Transaction<Database>, reply: ReplyRef, now: string): Promise<void> {
	await trx
		.updateTable('comments')
		.set((eb) => ({ reply_count: eb('reply_count', '+', 1) }))
		.where('id', '=', reply.parentId)
		.execute();
	// A reply that was public before (and went back to waiting after an edit) was announced already.
	const told = await trx
		.selectFrom('notifications')
		.select('id')
		.where('comment_id', '=', reply.id)
		.where('kind', '=', 'reply')
		.limit(1)
		.executeTakeFirst();
	if (told) return;
	const parentAuthor = (eb: Transaction<Database>) =>
		eb
			.selectFrom('comments as p')
			.innerJoin('users as u', 'u.id', 'p.author_id')
			.where('p.id', '=', reply.parentId)
			.where('p.author_id', '!=', reply.authorId ?? 0)
			.where('u.deleted_at', 'is', null);
	await trx
		.insertInto('notifications')
		.columns(['user_id', 'kind', 'recommendation_id', 'comment_id', 'actor_name', 'created_at'])
		.expression(
			parentAuthor(trx).select((e) => [
				'u.id',
				e.val('reply').as('kind'),
				'p.recommendation_id',
				sql<number>`cast(${reply.id} as integer)`.as('comment_id'),
				e
					.selectFrom('users as w')
					.select('w.display_name')
					.where('w.id', '=', reply.authorId ?? 0)
					.as('actor_name'),
				e.val(now).as('created_at')
			])
		)
		.execute();
	await queueMail(trx, {
		kind: 'reply',
		recommendationId: reply.recommendationId,
		commentId: reply.id,
		recipients: parentAuthor(trx).select('u.id'),
		now
	});
}

/** A public reply goes back to waiting for a moderator: it no longer counts on its parent. */
export async function withdrawReply(trx: Transaction<Database>, reply: Pick<ReplyRef, 'parentId'>): Promise<void> {
	await trx
		.updateTable('comments')
		.set((eb) => ({ reply_count: eb('reply_count', '-', 1) }))
		.where('id', '=', reply.parentId)
		.where('reply_count', '>', 0)
		.execute();
}
