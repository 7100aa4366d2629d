import { sql, type Kysely } from 'kysely';
import { createIndexes, idColumn } from './dialect';

/*
 * Mail waiting to go out: written in the same transaction as the notification it copies (a reply, a
 * published summary, a policy answer), and sent afterwards by a background pass that retries with
 * back-off. So a crash or a slow mail server never loses a mail nor slows the page that published.
 * Only who, what and where: the address and language are read when the mail is sent, so someone who
 * turns mail off or deletes their account in between gets nothing. Sent rows are removed after 30 days.
 */

export async function up(db: Kysely<any>): Promise<void> {
	const id = idColumn(db);
	await sql`create table mail_outbox (
		${id},
		user_id integer not null references users (id) on delete cascade,
		kind text not null check (kind in ('reply', 'summary', 'response')),
		recommendation_id integer not null references recommendations (id) on delete cascade,
		comment_id integer references comments (id) on delete cascade,
		status text not null default 'pending' check (status in ('pending', 'sent', 'skipped', 'failed')),
		attempts integer not null default 0,
		next_attempt_at text not null,
		sent_at text,
		last_error text,
		created_at text not null
	)`.execute(db);
	// The background pass reads what is due; the literal 'pending' lets the partial index serve it.
	await sql`create index mail_outbox_due_idx on mail_outbox (next_attempt_at) where status = 'pending'`.execute(db);
	await createIndexes(db, [
		['mail_outbox_created_idx', 'mail_outbox', ['created_at']],
		['mail_outbox_user_idx', 'mail_outbox', ['user_id']]
	]);
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('mail_outbox').execute();
}
