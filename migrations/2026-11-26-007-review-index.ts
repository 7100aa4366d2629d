import { sql, type Kysely } from 'kysely';

/*
 * A thread's comment count leaves out the comments waiting for review (pre-moderation) that are not
 * the reader's: this partial index finds those few without reading every comment of the thread. The
 * query must name 'review' as a literal, not a parameter, for the database to use a partial index.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await sql`create index comments_review_idx on comments (recommendation_id, parent_id) where held_for = 'review'`.execute(
		db
	);
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('comments_review_idx').execute();
}
