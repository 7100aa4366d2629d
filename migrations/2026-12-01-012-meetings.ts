import { sql, type Kysely } from 'kysely';
import { firstExportFormats, idColumn, remakeExportLinks } from './dialect';

/*
 * Group meetings (issue 13, facilitator mode). An association meets around a table; its coordinator, or a
 * member they named facilitator, records the meeting from a phone: the date, the place, the languages
 * spoken, how many took part, and for each recommendation discussed the raised hands (agree, disagree,
 * not sure) and what was heard (short quotes, never names).
 *
 * memberships.facilitator: a coordinator named this member facilitator (0/1).
 * meetings: one record, a draft until it is sent; then published, or held for a moderator (review) when
 *   the personal-details check found something, or hidden by a moderator. Counts are what the facilitator
 *   recorded: they are never votes and are kept apart from the votes table.
 * meeting_items: one recommendation discussed in a meeting, with its counts (null while not filled in).
 * meeting_quotes: what was heard on that recommendation; a moderator can hide one with a reason.
 *
 * export_links gets a new file to make, meetings.csv. Its format CHECK cannot be changed in place on
 * SQLite, and a link lives ten minutes: the table is made again, empty (a link made just before the
 * upgrade has to be made again). The list also names positions.csv, the other part of issue 13, so
 * that this migration keeps its file whichever part comes first.
 */

export async function up(db: Kysely<any>): Promise<void> {
	const id = idColumn(db);
	await sql`alter table memberships add column facilitator integer not null default 0
		check (facilitator in (0, 1))`.execute(db);

	await sql`create table meetings (
		${id},
		organisation_id integer not null references organisations (id) on delete cascade,
		consultation_id integer not null references consultations (id) on delete cascade,
		recorded_by integer references users (id) on delete set null,
		held_on text,
		place text not null default '',
		languages text not null default '',
		participants integer check (participants is null or participants between 1 and 10000),
		status text not null default 'draft' check (status in ('draft', 'review', 'published', 'hidden')),
		personal_details text not null default '',
		hidden_reason text,
		is_demo integer not null default 0 check (is_demo in (0, 1)),
		created_at text not null,
		updated_at text not null,
		submitted_at text,
		published_at text,
		moderated_at text
	)`.execute(db);

	await sql`create table meeting_items (
		${id},
		meeting_id integer not null references meetings (id) on delete cascade,
		recommendation_id integer not null references recommendations (id) on delete cascade,
		position integer not null,
		agree integer check (agree is null or agree >= 0),
		disagree integer check (disagree is null or disagree >= 0),
		not_sure integer check (not_sure is null or not_sure >= 0),
		unique (meeting_id, recommendation_id)
	)`.execute(db);

	await sql`create table meeting_quotes (
		${id},
		item_id integer not null references meeting_items (id) on delete cascade,
		position integer not null,
		body text not null,
		language text not null,
		hidden_reason text,
		hidden_at text
	)`.execute(db);

	const indexes: [name: string, table: string, columns: string[]][] = [
		['meetings_organisation_idx', 'meetings', ['organisation_id', 'created_at']],
		['meetings_consultation_idx', 'meetings', ['consultation_id', 'status']],
		['meetings_recorded_by_idx', 'meetings', ['recorded_by']],
		['meetings_status_idx', 'meetings', ['status', 'submitted_at']],
		['meeting_items_recommendation_idx', 'meeting_items', ['recommendation_id']],
		['meeting_quotes_item_idx', 'meeting_quotes', ['item_id', 'position']]
	];
	for (const [name, table, columns] of indexes) await db.schema.createIndex(name).on(table).columns(columns).execute();
	await remakeExportLinks(db, [...firstExportFormats, 'positions.csv', 'meetings.csv']);
}

export async function down(db: Kysely<any>): Promise<void> {
	// Back to the formats of 011 (positions), which stays in place below this migration.
	await remakeExportLinks(db, [...firstExportFormats, 'positions.csv']);
	await db.schema.dropTable('meeting_quotes').execute();
	await db.schema.dropTable('meeting_items').execute();
	await db.schema.dropTable('meetings').execute();
	await db.schema.alterTable('memberships').dropColumn('facilitator').execute();
}
