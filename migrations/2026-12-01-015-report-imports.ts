import { sql, type Kysely } from 'kysely';
import { idColumn } from './dialect';

/*
 * Bring your own report (issue 15, parts 1 and 2).
 *
 * - site_settings: switches an administrator sets for the whole site, one row a switch (key, value as
 *   text). The first is `policy_create_consultations`: "1" lets policy staff create consultations too.
 *   No row means the default (off).
 * - recommendations.report_number: the report's own number for a recommendation ("2.3") when it is not
 *   the app's integer; empty when they are the same or the recommendation was not imported.
 * - report_imports: a report read from a file or pasted text, kept as a proposed structure (JSON) until
 *   staff publish it into its draft consultation. used_at is set when it is published; nothing reaches
 *   themes or recommendations before that.
 */

export async function up(db: Kysely<any>): Promise<void> {
	await sql`create table site_settings (
		key text primary key,
		value text not null,
		updated_at text not null
	)`.execute(db);
	await sql`alter table recommendations add column report_number text not null default ''`.execute(db);
	await sql`create table report_imports (
		${idColumn(db)},
		consultation_id integer not null references consultations (id) on delete cascade,
		owner_id integer references users (id) on delete set null,
		source_name text not null,
		source_kind text not null check (source_kind in ('docx', 'markdown', 'text')),
		proposal text not null,
		images_left_out integer not null default 0,
		created_at text not null,
		updated_at text not null,
		used_at text
	)`.execute(db);
	await db.schema
		.createIndex('report_imports_consultation_idx')
		.on('report_imports')
		.column('consultation_id')
		.execute();
	await db.schema.createIndex('report_imports_owner_idx').on('report_imports').column('owner_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('report_imports').execute();
	await db.schema.alterTable('recommendations').dropColumn('report_number').execute();
	await db.schema.dropTable('site_settings').execute();
}
