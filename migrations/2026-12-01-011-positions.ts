import { sql, type Kysely } from 'kysely';
import { firstExportFormats, idColumn, isPostgres, remakeExportLinks } from './dialect';

/*
 * Collective positions (issue 13, part 1). An association states its position on a recommendation: a
 * stance, an explanation, and its mandate (how, when and by how many members it was reached).
 *
 * positions: one per association per recommendation at a time. The partial unique index allows a new
 * one only once the earlier one is withdrawn, so two coordinators pressing "save" at once make one
 * position, never two. A moderator may hide one (with a reason), like a comment.
 *
 * position_versions: the texts. A coordinator drafts a version; a second coordinator signs it off (or,
 * in an association with one coordinator, the coordinator confirms a statement of the mandate), and it
 * is published. A later change is a new version; the published ones stay as history. At most one draft
 * per position. positions.current_version_id points to the version readers see.
 *
 * position_remarks: members' remarks on a draft, for the coordinators only; never public.
 *
 * organisations.deactivated_at: an association that stops; its published positions stay, marked so.
 *
 * export_links: the new file positions.csv joins the formats its CHECK allows. A link lives ten minutes,
 * so the table is made anew (on both databases alike) rather than copied.
 */

export async function up(db: Kysely<any>): Promise<void> {
	const id = idColumn(db);
	await sql`alter table organisations add column deactivated_at text`.execute(db);

	await sql`create table positions (
		${id},
		organisation_id integer not null references organisations (id) on delete cascade,
		recommendation_id integer not null references recommendations (id) on delete cascade,
		status text not null default 'draft' check (status in ('draft', 'published', 'withdrawn')),
		created_by integer references users (id) on delete set null,
		created_at text not null,
		updated_at text not null,
		first_published_at text,
		withdrawn_at text,
		withdrawn_by integer references users (id) on delete set null,
		hidden_at text,
		hidden_reason text check (hidden_reason in ('personal', 'hurtful', 'spam', 'off_topic', 'other')),
		hidden_by integer references users (id) on delete set null
	)`.execute(db);
	await sql`create unique index positions_one_at_a_time_idx on positions (organisation_id, recommendation_id)
		where status <> 'withdrawn'`.execute(db);

	await sql`create table position_versions (
		${id},
		position_id integer not null references positions (id) on delete cascade,
		version integer not null check (version >= 1),
		stance text not null check (stance in ('agrees', 'agrees_with_conditions', 'disagrees', 'no_shared_position')),
		explanation text not null,
		language text not null,
		mandate text not null check (mandate in ('members_meeting', 'board', 'survey', 'other')),
		mandate_other text not null default '',
		decided_on text not null,
		members_taking_part integer not null check (members_taking_part >= 1),
		split_agree integer check (split_agree >= 0),
		split_disagree integer check (split_disagree >= 0),
		split_abstain integer check (split_abstain >= 0),
		drafted_by integer references users (id) on delete set null,
		signed_off_by integer references users (id) on delete set null,
		sign_off text check (sign_off in ('second_coordinator', 'mandate_statement')),
		created_at text not null,
		updated_at text not null,
		published_at text,
		unique (position_id, version)
	)`.execute(db);
	await sql`create unique index position_versions_one_draft_idx on position_versions (position_id)
		where published_at is null`.execute(db);
	await sql`alter table positions add column current_version_id integer references position_versions (id) on delete set null`.execute(
		db
	);

	await sql`create table position_remarks (
		${id},
		position_id integer not null references positions (id) on delete cascade,
		version_id integer not null references position_versions (id) on delete cascade,
		author_id integer references users (id) on delete set null,
		body text not null,
		created_at text not null
	)`.execute(db);

	const indexes: [name: string, table: string, columns: string[]][] = [
		['positions_recommendation_idx', 'positions', ['recommendation_id', 'status']],
		['positions_created_by_idx', 'positions', ['created_by']],
		['positions_withdrawn_by_idx', 'positions', ['withdrawn_by']],
		['positions_hidden_by_idx', 'positions', ['hidden_by']],
		['positions_hidden_at_idx', 'positions', ['hidden_at']],
		['positions_current_version_idx', 'positions', ['current_version_id']],
		['positions_organisation_idx', 'positions', ['organisation_id', 'status']],
		['position_versions_drafted_by_idx', 'position_versions', ['drafted_by']],
		['position_versions_signed_off_by_idx', 'position_versions', ['signed_off_by']],
		['position_remarks_position_idx', 'position_remarks', ['position_id', 'created_at']],
		['position_remarks_version_idx', 'position_remarks', ['version_id']],
		['position_remarks_author_idx', 'position_remarks', ['author_id']]
	];
	for (const [name, table, columns] of indexes) await db.schema.createIndex(name).on(table).columns(columns).execute();
	await remakeExportLinks(db, [...firstExportFormats, 'positions.csv']);
}

export async function down(db: Kysely<any>): Promise<void> {
	await remakeExportLinks(db, firstExportFormats);
	await db.schema.dropTable('position_remarks').execute();
	// positions and position_versions point at each other: PostgreSQL drops the one constraint with the table.
	if (isPostgres(db)) await sql`drop table positions cascade`.execute(db);
	else await db.schema.dropTable('positions').execute();
	await db.schema.dropTable('position_versions').execute();
	await sql`alter table organisations drop column deactivated_at`.execute(db);
}
