import { sql, type Kysely } from 'kysely';
import { createIndexes, isPostgres } from './dialect';

/*
 * A notice for voters when a recommendation's text changes (issue 15): the notifications get the kind
 * 'revision', its detail the new revision's number. Frozen in time: later changes go in new migrations.
 */

const before = ['reply', 'summary', 'response', 'moderation'];
const after = [...before, 'revision'];
const list = (kinds: string[]) => sql.raw(`(${kinds.map((k) => `'${k}'`).join(', ')})`);

/** Lets the notifications hold these kinds (and drops the others). SQLite rebuilds the table for that. */
async function allowKinds(db: Kysely<any>, kinds: string[]): Promise<void> {
	await sql`delete from notifications where kind not in ${list(kinds)}`.execute(db);
	if (isPostgres(db)) {
		await sql`alter table notifications drop constraint notifications_kind_check`.execute(db);
		await sql`alter table notifications add constraint notifications_kind_check
			check (kind in ${list(kinds)})`.execute(db);
		return;
	}
	const columns = sql.raw('id, user_id, kind, recommendation_id, comment_id, actor_name, read_at, created_at, detail');
	await sql`create table notifications_next (
		id integer primary key,
		user_id integer not null references users (id) on delete cascade,
		kind text not null check (kind in ${list(kinds)}),
		recommendation_id integer references recommendations (id) on delete cascade,
		comment_id integer references comments (id) on delete cascade,
		actor_name text,
		read_at text,
		created_at text not null,
		detail text
	)`.execute(db);
	await sql`insert into notifications_next (${columns}) select ${columns} from notifications`.execute(db);
	await sql`drop table notifications`.execute(db);
	await sql`alter table notifications_next rename to notifications`.execute(db);
	await createIndexes(db, [
		['notifications_user_idx', 'notifications', ['user_id', 'read_at', 'created_at']],
		['notifications_rec_idx', 'notifications', ['recommendation_id']],
		['notifications_comment_idx', 'notifications', ['comment_id']]
	]);
}

export async function up(db: Kysely<any>): Promise<void> {
	await allowKinds(db, after);
}

export async function down(db: Kysely<any>): Promise<void> {
	await allowKinds(db, before);
}
