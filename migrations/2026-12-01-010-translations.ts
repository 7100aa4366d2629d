import { sql, type Kysely } from 'kysely';
import { createIndexes, idColumn } from './dialect';

/*
 * Translations as data (issue 12). One table holds a translation of any text a participant reads: a
 * consultation field, a theme or recommendation title, the plain-language version, a background
 * document, a summary, an answer, a comment (and later a collective position). A text is named by its
 * item (type and id) and field; a translation by that text and its target language.
 *
 * Each records where it came from (official, the team, a volunteer translator, a machine), who checked
 * it, and the hash of the source text it was made from. A translation whose source changed since is out
 * of date: readers are not shown it as current. Languages are not listed in a CHECK, so adding one
 * needs only its locale files.
 *
 * translation_jobs: machine translations waiting for the engine, made in the background like the mail
 * outbox (retries with back-off, SKIP LOCKED on PostgreSQL). One job per text, language and source hash:
 * the cache key. Its characters count against the consultation's daily budget.
 *
 * translation_requests: a reader asked for a person to translate a text into a language, once per text
 * and language. The translators' queue is ordered by how many readers wait.
 *
 * translator_languages: the translator badge, granted by an administrator, one row per language.
 */

export async function up(db: Kysely<any>): Promise<void> {
	const id = idColumn(db);
	// What names a translated text and its language, with the source it was made from: in both tables.
	const textAndLanguage = sql`consultation_id integer not null references consultations (id) on delete cascade,
		item_type text not null,
		item_id integer not null,
		field text not null,
		language text not null,
		source_language text not null,
		source_hash text not null`;
	await sql`create table translations (
		${id},
		${textAndLanguage},
		text text not null,
		origin text not null check (origin in ('official', 'team', 'volunteer', 'machine')),
		translated_by integer references users (id) on delete set null,
		checked_by integer references users (id) on delete set null,
		checked_at text,
		created_at text not null,
		updated_at text not null,
		unique (item_type, item_id, field, language)
	)`.execute(db);

	await sql`create table translation_jobs (
		${id},
		${textAndLanguage},
		characters integer not null default 0,
		status text not null default 'pending' check (status in ('pending', 'done', 'failed', 'skipped')),
		attempts integer not null default 0,
		next_attempt_at text not null,
		last_error text,
		requested_by integer references users (id) on delete set null,
		created_at text not null,
		finished_at text,
		unique (item_type, item_id, field, language, source_hash)
	)`.execute(db);
	await sql`create index translation_jobs_due_idx on translation_jobs (next_attempt_at) where status = 'pending'`.execute(
		db
	);

	await sql`create table translation_requests (
		consultation_id integer not null references consultations (id) on delete cascade,
		item_type text not null,
		item_id integer not null,
		field text not null,
		language text not null,
		user_id integer not null references users (id) on delete cascade,
		created_at text not null,
		primary key (item_type, item_id, field, language, user_id)
	)`.execute(db);

	await sql`create table translator_languages (
		user_id integer not null references users (id) on delete cascade,
		language text not null,
		granted_by integer references users (id) on delete set null,
		granted_at text not null,
		primary key (user_id, language)
	)`.execute(db);

	// Every foreign key is indexed; so is what the budget (characters a consultation used since midnight),
	// the translators' queue and the pages filter on.
	const indexes: [name: string, table: string, columns: string[]][] = [
		['translations_consultation_idx', 'translations', ['consultation_id', 'language']],
		['translations_translated_by_idx', 'translations', ['translated_by']],
		['translations_checked_by_idx', 'translations', ['checked_by']],
		['translation_jobs_budget_idx', 'translation_jobs', ['consultation_id', 'finished_at']],
		['translation_jobs_requested_by_idx', 'translation_jobs', ['requested_by', 'created_at']],
		['translation_requests_queue_idx', 'translation_requests', ['consultation_id', 'language']],
		['translation_requests_user_idx', 'translation_requests', ['user_id']],
		['translator_languages_language_idx', 'translator_languages', ['language']],
		['translator_languages_granted_by_idx', 'translator_languages', ['granted_by']]
	];
	await createIndexes(db, indexes);
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('translator_languages').execute();
	await db.schema.dropTable('translation_requests').execute();
	await db.schema.dropTable('translation_jobs').execute();
	await db.schema.dropTable('translations').execute();
}
