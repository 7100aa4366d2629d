import { sql, type Kysely } from 'kysely';
import { idColumn } from './dialect';

/*
 * Download links for exports. A link is made for one session and lives a few minutes: only the hash of
 * its token is stored, with what it exports (consultation, format, language, filters).
 */

export async function up(db: Kysely<any>): Promise<void> {
	const id = idColumn(db);
	await sql`create table export_links (
		${id},
		token_hash text not null unique,
		session_id text not null references sessions (id) on delete cascade,
		user_id integer not null references users (id) on delete cascade,
		consultation_id integer not null references consultations (id) on delete cascade,
		format text not null check (format in ('docx', 'xlsx', 'json', 'recommendations.csv', 'comments.csv', 'votes.csv', 'summaries.csv', 'answers.csv')),
		locale text not null,
		filters text not null default '{}',
		expires_at text not null,
		created_at text not null
	)`.execute(db);
	await db.schema.createIndex('export_links_session_idx').on('export_links').column('session_id').execute();
	await db.schema.createIndex('export_links_expires_idx').on('export_links').column('expires_at').execute();
	// The dashboard counts votes per day and filters them by date: read from this index alone.
	await db.schema.createIndex('votes_day_idx').on('votes').columns(['recommendation_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('votes_day_idx').execute();
	await db.schema.dropTable('export_links').execute();
}
