import { sql, type Kysely, type RawBuilder } from 'kysely';
import { createIndexes, isPostgres } from './dialect';

/*
 * Voters are told when a recommendation's text changes (issue 15): notifications and mails get the kind
 * 'revision' (a notification's detail holds the new revision's number). Frozen in time: later changes go
 * in new migrations.
 */

const notificationKinds = ['reply', 'summary', 'response', 'moderation'];
const mailKinds = ['reply', 'summary', 'response'];
const list = (kinds: string[]) => sql.raw(`(${kinds.map((k) => `'${k}'`).join(', ')})`);

/** A table whose `kind` column may hold other kinds: its columns as created, with the check, and its indexes. */
interface KindTable {
	name: 'notifications' | 'mail_outbox';
	columns: (kinds: RawBuilder<unknown>) => RawBuilder<unknown>;
	names: string;
	indexes: (db: Kysely<any>) => Promise<void>;
}

const notifications: KindTable = {
	name: 'notifications',
	columns: (kinds) => sql`id integer primary key,
		user_id integer not null references users (id) on delete cascade,
		kind text not null check (kind in ${kinds}),
		recommendation_id integer references recommendations (id) on delete cascade,
		comment_id integer references comments (id) on delete cascade,
		actor_name text,
		read_at text,
		created_at text not null,
		detail text`,
	names: 'id, user_id, kind, recommendation_id, comment_id, actor_name, read_at, created_at, detail',
	indexes: (db) =>
		createIndexes(db, [
			['notifications_user_idx', 'notifications', ['user_id', 'read_at', 'created_at']],
			['notifications_rec_idx', 'notifications', ['recommendation_id']],
			['notifications_comment_idx', 'notifications', ['comment_id']]
		])
};

const mails: KindTable = {
	name: 'mail_outbox',
	columns: (kinds) => sql`id integer primary key,
		user_id integer not null references users (id) on delete cascade,
		kind text not null check (kind in ${kinds}),
		recommendation_id integer not null references recommendations (id) on delete cascade,
		comment_id integer references comments (id) on delete cascade,
		status text not null default 'pending' check (status in ('pending', 'sent', 'skipped', 'failed')),
		attempts integer not null default 0,
		next_attempt_at text not null,
		sent_at text,
		last_error text,
		created_at text not null`,
	names:
		'id, user_id, kind, recommendation_id, comment_id, status, attempts, next_attempt_at, sent_at, last_error, created_at',
	indexes: async (db) => {
		await sql`create index mail_outbox_due_idx on mail_outbox (next_attempt_at) where status = 'pending'`.execute(db);
		await createIndexes(db, [
			['mail_outbox_created_idx', 'mail_outbox', ['created_at']],
			['mail_outbox_user_idx', 'mail_outbox', ['user_id']]
		]);
	}
};

/**
 * Lets a table's `kind` hold these kinds (rows of other kinds are dropped). PostgreSQL changes the check;
 * SQLite cannot, so it rebuilds the table (nothing refers to either table).
 */
async function allowKinds(db: Kysely<any>, table: KindTable, kinds: string[]): Promise<void> {
	const name = sql.table(table.name);
	await sql`delete from ${name} where kind not in ${list(kinds)}`.execute(db);
	if (isPostgres(db)) {
		const check = sql.raw(`${table.name}_kind_check`);
		await sql`alter table ${name} drop constraint ${check}`.execute(db);
		await sql`alter table ${name} add constraint ${check} check (kind in ${list(kinds)})`.execute(db);
		return;
	}
	const next = sql.table(`${table.name}_next`);
	const names = sql.raw(table.names);
	await sql`create table ${next} (${table.columns(list(kinds))})`.execute(db);
	await sql`insert into ${next} (${names}) select ${names} from ${name}`.execute(db);
	await sql`drop table ${name}`.execute(db);
	await sql`alter table ${next} rename to ${name}`.execute(db);
	await table.indexes(db);
}

export async function up(db: Kysely<any>): Promise<void> {
	await allowKinds(db, notifications, [...notificationKinds, 'revision']);
	await allowKinds(db, mails, [...mailKinds, 'revision']);
}

export async function down(db: Kysely<any>): Promise<void> {
	await allowKinds(db, notifications, notificationKinds);
	await allowKinds(db, mails, mailKinds);
}
