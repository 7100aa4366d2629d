import { sql, type Kysely } from 'kysely';

/*
 * Nothing personal goes public unseen. A comment with personal details (phone, email, address, IBAN,
 * national number) always waits for a moderator; each consultation chooses how much more waits:
 *   - personal_details: only those (the default; it was "off");
 *   - new_accounts: also every comment from an account younger than hold_new_account_days (it was
 *     "first_comment", a new account's first comment);
 *   - all: every comment.
 * The old premoderation column is replaced by hold_policy, its values carried over as above.
 * review_started_at marks when a comment began to wait for review, so the typical wait can be told to
 * authors from what moderators actually did. Frozen in time: later changes go in new migrations.
 */

export async function up(db: Kysely<any>): Promise<void> {
	await sql`alter table consultations add column hold_policy text not null default 'personal_details'
		check (hold_policy in ('personal_details', 'new_accounts', 'all'))`.execute(db);
	await sql`alter table consultations add column hold_new_account_days integer not null default 7
		check (hold_new_account_days between 1 and 365)`.execute(db);
	await sql`update consultations set hold_policy = case premoderation
		when 'all' then 'all' when 'first_comment' then 'new_accounts' else 'personal_details' end`.execute(db);
	await db.schema.alterTable('consultations').dropColumn('premoderation').execute();

	await db.schema.alterTable('comments').addColumn('review_started_at', 'text').execute();
	// Comments waiting now started waiting when they were posted.
	await sql`update comments set review_started_at = created_at where held_for = 'review'`.execute(db);
	// The typical wait reads the latest decisions about comments that waited for review.
	await sql`create index comments_reviewed_idx on comments (moderated_at) where review_started_at is not null`.execute(
		db
	);
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('comments_reviewed_idx').execute();
	await db.schema.alterTable('comments').dropColumn('review_started_at').execute();
	await sql`alter table consultations add column premoderation text not null default 'off'
		check (premoderation in ('off', 'first_comment', 'all'))`.execute(db);
	await sql`update consultations set premoderation = case hold_policy
		when 'all' then 'all' when 'new_accounts' then 'first_comment' else 'off' end`.execute(db);
	await db.schema.alterTable('consultations').dropColumn('hold_new_account_days').execute();
	await db.schema.alterTable('consultations').dropColumn('hold_policy').execute();
}
