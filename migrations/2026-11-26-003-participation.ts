import { sql, type Kysely } from 'kysely';
import { createIndexes, idColumn } from './dialect';

/*
 * Participation: votes, comments (one level of replies), helpful reactions, reports, follows and
 * in-app notifications. Frozen in time: later changes go in new migrations. No IP address is stored.
 */

export async function up(db: Kysely<any>): Promise<void> {
	const id = idColumn(db);

	// One vote per participant per recommendation: the primary key makes parallel votes harmless.
	await sql`create table votes (
		recommendation_id integer not null references recommendations (id) on delete cascade,
		user_id integer not null references users (id) on delete cascade,
		choice text not null check (choice in ('agree', 'disagree', 'unsure')),
		text_version integer not null default 1,
		created_at text not null,
		updated_at text not null,
		primary key (recommendation_id, user_id)
	)`.execute(db);
	await createIndexes(db, [['votes_user_idx', 'votes', ['user_id']]]);

	await sql`create table comments (
		${id},
		recommendation_id integer not null references recommendations (id) on delete cascade,
		parent_id integer references comments (id) on delete cascade,
		author_id integer references users (id) on delete set null,
		body text not null,
		language text not null,
		stance text check (stance in ('supports', 'doubts', 'opposes', 'question', 'idea')),
		status text not null default 'visible' check (status in ('visible', 'deleted', 'hidden')),
		helpful_count integer not null default 0,
		reply_count integer not null default 0,
		client_token text,
		created_at text not null,
		edited_at text,
		deleted_at text,
		unique (author_id, client_token)
	)`.execute(db);
	await createIndexes(db, [
		['comments_thread_new_idx', 'comments', ['recommendation_id', 'parent_id', 'created_at']],
		['comments_thread_helpful_idx', 'comments', ['recommendation_id', 'parent_id', 'helpful_count']],
		['comments_parent_idx', 'comments', ['parent_id']],
		['comments_author_idx', 'comments', ['author_id']]
	]);

	await db.schema
		.createTable('comment_reactions')
		.addColumn('comment_id', 'integer', (c) => c.notNull().references('comments.id').onDelete('cascade'))
		.addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('comment_reactions_pk', ['comment_id', 'user_id'])
		.execute();
	await createIndexes(db, [['comment_reactions_user_idx', 'comment_reactions', ['user_id']]]);

	await sql`create table comment_reports (
		${id},
		comment_id integer not null references comments (id) on delete cascade,
		reporter_id integer references users (id) on delete set null,
		reason text not null check (reason in ('personal', 'hurtful', 'spam', 'off_topic', 'other')),
		note text not null default '',
		status text not null default 'open' check (status in ('open', 'handled')),
		created_at text not null,
		unique (comment_id, reporter_id)
	)`.execute(db);
	await createIndexes(db, [
		['comment_reports_comment_idx', 'comment_reports', ['comment_id']],
		['comment_reports_reporter_idx', 'comment_reports', ['reporter_id']],
		['comment_reports_status_idx', 'comment_reports', ['status', 'created_at']]
	]);

	await db.schema
		.createTable('follows')
		.addColumn('recommendation_id', 'integer', (c) => c.notNull().references('recommendations.id').onDelete('cascade'))
		.addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('follows_pk', ['recommendation_id', 'user_id'])
		.execute();
	await createIndexes(db, [['follows_user_idx', 'follows', ['user_id']]]);

	await sql`create table notifications (
		${id},
		user_id integer not null references users (id) on delete cascade,
		kind text not null check (kind in ('reply', 'summary', 'response')),
		recommendation_id integer references recommendations (id) on delete cascade,
		comment_id integer references comments (id) on delete cascade,
		actor_name text,
		read_at text,
		created_at text not null
	)`.execute(db);
	await createIndexes(db, [
		['notifications_user_idx', 'notifications', ['user_id', 'read_at', 'created_at']],
		['notifications_rec_idx', 'notifications', ['recommendation_id']],
		['notifications_comment_idx', 'notifications', ['comment_id']]
	]);

	await db.schema
		.alterTable('users')
		.addColumn('email_notifications', 'integer', (c) =>
			c
				.notNull()
				.defaultTo(0)
				.check(sql`email_notifications in (0, 1)`)
		)
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('users').dropColumn('email_notifications').execute();
	for (const table of ['notifications', 'follows', 'comment_reports', 'comment_reactions', 'comments', 'votes']) {
		await db.schema.dropTable(table).execute();
	}
}
