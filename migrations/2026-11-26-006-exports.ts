import type { Kysely } from 'kysely';
import { createExportLinks, createIndexes, firstExportFormats } from './dialect';

/*
 * Download links for exports. A link is made for one session and lives a few minutes: only the hash of
 * its token is stored, with what it exports (consultation, format, language, filters).
 */

export async function up(db: Kysely<any>): Promise<void> {
	await createExportLinks(db, firstExportFormats);
	await createIndexes(db, [
		['export_links_session_idx', 'export_links', ['session_id']],
		['export_links_expires_idx', 'export_links', ['expires_at']]
	]);
	// The dashboard counts votes per day and filters them by date: read from this index alone.
	await createIndexes(db, [['votes_day_idx', 'votes', ['recommendation_id', 'created_at']]]);
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('votes_day_idx').execute();
	await db.schema.dropTable('export_links').execute();
}
