import * as background from '../background/repository';
import type { DB } from '../db/create';

/** Recommendations ("r") with their theme ("t"). */
export const withTheme = (db: DB) =>
	db.selectFrom('recommendations as r').innerJoin('themes as t', 't.id', 'r.theme_id');

/** What every reader of a recommendation's text needs. */
export const textColumns = [
	'r.id',
	'r.number',
	'r.short_title',
	'r.official_text',
	'r.plain_text',
	'r.language',
	'r.tag'
] as const;

/** A recommendation by its number, with its theme, in one query. */
export async function findByNumber(db: DB, consultationId: number, number: number) {
	return withTheme(db)
		.select([
			...textColumns,
			'r.report_number',
			'r.position',
			'r.consultation_id',
			'r.text_version',
			'r.last_change_version',
			't.id as theme_id',
			't.numeral as theme_numeral',
			't.position as theme_position',
			't.title as theme_title',
			't.short_title as theme_short_title'
		])
		.where('r.consultation_id', '=', consultationId)
		.where('r.number', '=', number)
		.executeTakeFirst();
}

/** The few columns the participation services need of a recommendation, by its number. */
export async function findRefByNumber(db: DB, consultationId: number, number: number) {
	return db
		.selectFrom('recommendations')
		.select(['id', 'number', 'short_title', 'language'])
		.where('consultation_id', '=', consultationId)
		.where('number', '=', number)
		.executeTakeFirst();
}

/** The recommendations just before and after a position in the consultation's order. */
export async function findNeighbours(db: DB, consultationId: number, position: number) {
	const base = db
		.selectFrom('recommendations')
		.select(['id', 'number', 'short_title', 'tag'])
		.where('consultation_id', '=', consultationId);
	const [previous, next] = await Promise.all([
		base.where('position', '<', position).orderBy('position', 'desc').limit(1).executeTakeFirst(),
		base.where('position', '>', position).orderBy('position', 'asc').limit(1).executeTakeFirst()
	]);
	return { previous: previous ?? null, next: next ?? null };
}

/** Background documents that support a recommendation or its theme, workshops first. */
export async function listBackground(db: DB, recommendationId: number) {
	return db
		.selectFrom('background_documents as d')
		.innerJoin('background_recommendations as br', 'br.document_id', 'd.id')
		.select(background.listedColumns.map((c) => `d.${c}` as const))
		.where('br.recommendation_id', '=', recommendationId)
		.orderBy('d.position')
		.execute();
}
