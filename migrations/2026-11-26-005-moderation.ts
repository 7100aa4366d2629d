import { sql, type Kysely } from 'kysely';
import { createIndexes, idColumn, isPostgres } from './dialect';

/*
 * Closing the loop: moderation (held and hidden comments, edits for personal details, suspensions),
 * per-consultation moderation settings, the summary of each thread ("what we heard", with citations)
 * and the policy answer to each recommendation ("you said, we did", with its history).
 * Frozen in time: later changes go in new migrations.
 */

const reasons = sql.raw(`('personal', 'hurtful', 'spam', 'off_topic', 'other')`);
const oldKinds = sql.raw(`('reply', 'summary', 'response')`);
const newKinds = sql.raw(`('reply', 'summary', 'response', 'moderation')`);

/** SQLite cannot change a check constraint in place: the notifications table is rebuilt (nothing refers to it). */
async function rebuildNotifications(db: Kysely<any>, kinds: typeof newKinds, withDetail: boolean): Promise<void> {
	const detail = withDetail ? sql.raw(', detail') : sql.raw('');
	await sql`create table notifications_next (
		id integer primary key,
		user_id integer not null references users (id) on delete cascade,
		kind text not null check (kind in ${kinds}),
		recommendation_id integer references recommendations (id) on delete cascade,
		comment_id integer references comments (id) on delete cascade,
		actor_name text,
		read_at text,
		created_at text not null
		${withDetail ? sql.raw(', detail text') : sql.raw('')}
	)`.execute(db);
	const common = sql.raw('id, user_id, kind, recommendation_id, comment_id, actor_name, read_at, created_at');
	await sql`insert into notifications_next (${common}${detail})
		select ${common}${withDetail ? sql.raw(', null') : sql.raw('')} from notifications where kind in ${kinds}`.execute(db);
	await sql`drop table notifications`.execute(db);
	await sql`alter table notifications_next rename to notifications`.execute(db);
	await createNotificationIndexes(db);
}

async function createNotificationIndexes(db: Kysely<any>): Promise<void> {
	await createIndexes(db, [
		['notifications_user_idx', 'notifications', ['user_id', 'read_at', 'created_at']],
		['notifications_rec_idx', 'notifications', ['recommendation_id']],
		['notifications_comment_idx', 'notifications', ['comment_id']]
	]);
}

export async function up(db: Kysely<any>): Promise<void> {
	const pg = isPostgres(db);
	const id = idColumn(db);

	// Moderation settings per consultation: pre-moderation, and how many reports hold a comment for a check.
	await sql`alter table consultations add column premoderation text not null default 'off'
		check (premoderation in ('off', 'first_comment', 'all'))`.execute(db);
	await sql`alter table consultations add column hold_after_reports integer not null default 2
		check (hold_after_reports >= 1)`.execute(db);

	// A comment can be held (after reports, or for review before it is published), hidden with a reason,
	// edited by a moderator, and flagged for possible personal details when it was posted.
	await sql`alter table comments add column held_for text check (held_for in ('reports', 'review'))`.execute(db);
	await sql`alter table comments add column hidden_reason text check (hidden_reason in ${reasons})`.execute(db);
	await sql`alter table comments add column hidden_at text`.execute(db);
	await sql`alter table comments add column redacted_at text`.execute(db);
	await sql`alter table comments add column personal_details text not null default ''`.execute(db);
	await sql`alter table comments add column moderated_at text`.execute(db);
	await sql`create index comments_held_idx on comments (created_at) where held_for is not null`.execute(db);
	await sql`create index comments_flagged_idx on comments (created_at)
		where personal_details <> '' and moderated_at is null`.execute(db);
	await sql`create index comments_hidden_idx on comments (hidden_at) where status = 'hidden'`.execute(db);

	// No foreign key: SQLite cannot drop a column that has one (see down). A user id, or null.
	await sql`alter table comment_reports add column handled_by integer`.execute(db);
	await sql`alter table comment_reports add column handled_at text`.execute(db);
	await sql`alter table comment_reports add column outcome text
		check (outcome in ('hidden', 'restored', 'redacted', 'dismissed'))`.execute(db);

	await sql`alter table users add column suspended_until text`.execute(db);
	await sql`alter table users add column suspension_reason text check (suspension_reason in ${reasons})`.execute(db);

	// The public moderation page counts actions per reason and per month: the reason is a column.
	await sql`alter table audit_log add column reason text`.execute(db);
	await createIndexes(db, [
		['audit_log_action_idx', 'audit_log', ['action', 'created_at']],
		['audit_log_created_idx', 'audit_log', ['created_at']]
	]);

	// A moderation notice ("your comment was removed: personal details") carries its reason.
	if (pg) {
		await sql`alter table notifications drop constraint notifications_kind_check`.execute(db);
		await sql`alter table notifications add constraint notifications_kind_check check (kind in ${newKinds})`.execute(
			db
		);
		await sql`alter table notifications add column detail text`.execute(db);
	} else {
		await rebuildNotifications(db, newKinds, true);
	}

	// What we heard: one summary per recommendation. The working text and the published text are kept
	// apart, so a moderator can improve a published summary without readers seeing half-done work.
	await sql`create table summaries (
		${id},
		recommendation_id integer not null unique references recommendations (id) on delete cascade,
		main_points text not null default '',
		disagreements text not null default '',
		voices text not null default '',
		published_main_points text,
		published_disagreements text,
		published_voices text,
		updated_by integer references users (id) on delete set null,
		published_by integer references users (id) on delete set null,
		created_at text not null,
		updated_at text not null,
		published_at text
	)`.execute(db);
	// What the published summary cites. Comments today; association positions and meeting records later.
	await sql`create table summary_citations (
		summary_id integer not null references summaries (id) on delete cascade,
		source_type text not null check (source_type in ('comment', 'position', 'meeting_record')),
		source_id integer not null,
		primary key (summary_id, source_type, source_id)
	)`.execute(db);
	await createIndexes(db, [['summary_citations_source_idx', 'summary_citations', ['source_type', 'source_id']]]);

	// You said, we did: every published version of a policy answer is kept (the history stays visible);
	// a row without published_at is the draft being written.
	await sql`create table answers (
		${id},
		recommendation_id integer not null references recommendations (id) on delete cascade,
		status text not null check (status in ('adopted', 'partly_adopted', 'under_study', 'not_adopted')),
		explanation text not null,
		commitment text not null default '',
		commitment_due text,
		author_id integer references users (id) on delete set null,
		created_at text not null,
		updated_at text not null,
		published_at text
	)`.execute(db);
	await createIndexes(db, [['answers_recommendation_idx', 'answers', ['recommendation_id', 'published_at']]]);
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('answers').execute();
	await db.schema.dropTable('summary_citations').execute();
	await db.schema.dropTable('summaries').execute();
	if (isPostgres(db)) {
		await sql`delete from notifications where kind = 'moderation'`.execute(db);
		await sql`alter table notifications drop column detail`.execute(db);
		await sql`alter table notifications drop constraint notifications_kind_check`.execute(db);
		await sql`alter table notifications add constraint notifications_kind_check check (kind in ${oldKinds})`.execute(
			db
		);
	} else {
		await rebuildNotifications(db, oldKinds, false);
	}
	await db.schema.dropIndex('audit_log_created_idx').execute();
	await db.schema.dropIndex('audit_log_action_idx').execute();
	await db.schema.alterTable('audit_log').dropColumn('reason').execute();
	await db.schema.alterTable('users').dropColumn('suspension_reason').execute();
	await db.schema.alterTable('users').dropColumn('suspended_until').execute();
	for (const column of ['outcome', 'handled_at', 'handled_by'])
		await db.schema.alterTable('comment_reports').dropColumn(column).execute();
	await db.schema.dropIndex('comments_hidden_idx').execute();
	await db.schema.dropIndex('comments_flagged_idx').execute();
	await db.schema.dropIndex('comments_held_idx').execute();
	for (const column of ['moderated_at', 'personal_details', 'redacted_at', 'hidden_at', 'hidden_reason', 'held_for'])
		await db.schema.alterTable('comments').dropColumn(column).execute();
	await db.schema.alterTable('consultations').dropColumn('hold_after_reports').execute();
	await db.schema.alterTable('consultations').dropColumn('premoderation').execute();
}
