import type { DB } from '../db/create';
import type { CommentStatus } from '../db/types';

/**
 * For tests: a top-level comment on recommendation `number`, written straight to the database, without
 * the service's checks. Only what a test names is set; the rest is a visible comment in Dutch, written
 * now (a hidden one is hidden for personal details).
 */
export async function insertComment(
	db: DB,
	comment: { number: number; authorId: number | null; body: string; language?: string; status?: CommentStatus }
): Promise<number> {
	const rec = await db
		.selectFrom('recommendations')
		.select('id')
		.where('number', '=', comment.number)
		.executeTakeFirstOrThrow();
	const status = comment.status ?? 'visible';
	const { id } = await db
		.insertInto('comments')
		.values({
			recommendation_id: rec.id,
			parent_id: null,
			author_id: comment.authorId,
			body: comment.body,
			language: comment.language ?? 'nl',
			stance: null,
			status,
			hidden_reason: status === 'hidden' ? 'personal' : null,
			client_token: null,
			created_at: new Date().toISOString(),
			edited_at: null,
			deleted_at: null,
			held_for: null,
			hidden_at: null,
			redacted_at: null,
			moderated_at: null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return id;
}
