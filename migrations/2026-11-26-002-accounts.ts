import { sql, type Kysely } from 'kysely';
import { createIndexes, idColumn } from './dialect';

/*
 * Accounts, sessions, associations, memberships, invite codes, password reset codes and the audit log.
 * Frozen in time: later changes go in new migrations. No IP address is stored anywhere.
 */

export async function up(db: Kysely<any>): Promise<void> {
	const id = idColumn(db);

	await sql`create table users (
		${id},
		display_name text,
		display_name_key text unique,
		password_hash text,
		email text,
		email_key text unique,
		site_role text not null default 'participant' check (site_role in ('participant', 'moderator', 'policy', 'admin')),
		experience_expert integer not null default 0 check (experience_expert in (0, 1)),
		locale text not null default 'nl',
		read_languages text not null default '',
		participant_group text check (participant_group in ('resident', 'poverty_association', 'migrant_organisation', 'experience_expert', 'professional', 'unsaid')),
		is_demo integer not null default 0 check (is_demo in (0, 1)),
		created_at text not null,
		updated_at text not null,
		deleted_at text
	)`.execute(db);
	await createIndexes(db, [['users_site_role_idx', 'users', ['site_role']]]);

	await db.schema
		.createTable('sessions')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await createIndexes(db, [
		['sessions_user_idx', 'sessions', ['user_id']],
		['sessions_expires_idx', 'sessions', ['expires_at']]
	]);

	await sql`create table organisations (
		${id},
		slug text not null unique,
		name text not null,
		name_key text not null unique,
		kind text not null check (kind in ('poverty_association', 'migrant_organisation', 'civil_society')),
		description text not null default '',
		created_at text not null,
		updated_at text not null
	)`.execute(db);

	await db.schema
		.createTable('memberships')
		.addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
		.addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('member', 'coordinator')`))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('memberships_pk', ['organisation_id', 'user_id'])
		.execute();
	await createIndexes(db, [['memberships_user_idx', 'memberships', ['user_id']]]);

	await sql`create table invite_codes (
		${id},
		code text not null unique,
		organisation_id integer references organisations (id) on delete cascade,
		created_by integer references users (id) on delete set null,
		label text not null default '',
		locale text not null default 'nl',
		max_uses integer not null check (max_uses between 1 and 1000),
		uses integer not null default 0 check (uses >= 0),
		expires_at text not null,
		revoked_at text,
		created_at text not null
	)`.execute(db);
	await createIndexes(db, [
		['invite_codes_org_idx', 'invite_codes', ['organisation_id']],
		['invite_codes_created_by_idx', 'invite_codes', ['created_by']]
	]);

	await sql`create table password_resets (
		${id},
		user_id integer not null references users (id) on delete cascade,
		code_hash text not null unique,
		kind text not null check (kind in ('code', 'email')),
		created_by integer references users (id) on delete set null,
		expires_at text not null,
		used_at text,
		created_at text not null
	)`.execute(db);
	await createIndexes(db, [
		['password_resets_user_idx', 'password_resets', ['user_id']],
		['password_resets_created_by_idx', 'password_resets', ['created_by']]
	]);

	// Who did what to whom, and why. Moderation and publication actions will be logged here too.
	await sql`create table audit_log (
		${id},
		actor_id integer references users (id) on delete set null,
		action text not null,
		subject_type text not null,
		subject_id integer,
		detail text not null default '',
		created_at text not null
	)`.execute(db);
	await createIndexes(db, [
		['audit_log_actor_idx', 'audit_log', ['actor_id']],
		['audit_log_subject_idx', 'audit_log', ['subject_type', 'subject_id']]
	]);
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of [
		'audit_log',
		'password_resets',
		'invite_codes',
		'memberships',
		'organisations',
		'sessions',
		'users'
	]) {
		await db.schema.dropTable(table).execute();
	}
}
