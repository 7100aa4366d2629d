import { sql, type Kysely } from 'kysely';
import { createIndexes, idColumn } from './dialect';

/*
 * Revisions of a recommendation's official text (issue 15, part 3). Staff edit a published text; each save
 * is a revision, numbered from 1 (the text as it was first published). The recommendation keeps its current
 * text and number (text_version) and the number of its newest revision that changed the meaning
 * (last_change_version): a vote on that revision or later is on the current text, since a correction
 * (a typo fixed) does not ask voters to confirm again. Votes already carry text_version (003); comments
 * get it here. Every existing row was made on revision 1. Revision 1 itself is written the first time a
 * text is revised (the recommendation row held it until then), so the tables that import or seed
 * recommendations need not know about revisions.
 */

export async function up(db: Kysely<any>): Promise<void> {
	await sql`create table recommendation_revisions (
		${idColumn(db)},
		recommendation_id integer not null references recommendations (id) on delete cascade,
		text_version integer not null,
		short_title text not null,
		official_text text not null,
		kind text not null check (kind in ('original', 'change', 'correction')),
		reason text not null default '',
		author_id integer references users (id) on delete set null,
		created_at text not null,
		unique (recommendation_id, text_version)
	)`.execute(db);
	await createIndexes(db, [['recommendation_revisions_author_idx', 'recommendation_revisions', ['author_id']]]);

	await db.schema
		.alterTable('recommendations')
		.addColumn('text_version', 'integer', (c) => c.notNull().defaultTo(1))
		.execute();
	await db.schema
		.alterTable('recommendations')
		.addColumn('last_change_version', 'integer', (c) => c.notNull().defaultTo(1))
		.execute();
	await db.schema
		.alterTable('comments')
		.addColumn('text_version', 'integer', (c) => c.notNull().defaultTo(1))
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('comments').dropColumn('text_version').execute();
	await db.schema.alterTable('recommendations').dropColumn('last_change_version').execute();
	await db.schema.alterTable('recommendations').dropColumn('text_version').execute();
	await db.schema.dropTable('recommendation_revisions').execute();
}
