import type { BackgroundSection } from '../../domain';
import type { DB } from '../db/create';
import { decodeBlocks } from './blocks';

export async function findBySlug(db: DB, consultationId: number, slug: string) {
	return db
		.selectFrom('background_documents')
		.selectAll()
		.where('consultation_id', '=', consultationId)
		.where('slug', '=', slug)
		.executeTakeFirst();
}

export async function listSections(db: DB, documentId: number): Promise<BackgroundSection[]> {
	const rows = await db
		.selectFrom('background_sections')
		.select(['section_key', 'heading', 'body'])
		.where('document_id', '=', documentId)
		.orderBy('position')
		.execute();
	return rows.map((r) => ({ key: r.section_key, heading: r.heading, blocks: decodeBlocks(r.body) }));
}

export async function listLinkedRecommendations(db: DB, documentId: number) {
	return db
		.selectFrom('recommendations as r')
		.innerJoin('background_recommendations as br', 'br.recommendation_id', 'r.id')
		.select(['r.id', 'r.language', 'r.number', 'r.short_title', 'r.tag'])
		.where('br.document_id', '=', documentId)
		.orderBy('r.position')
		.execute();
}

export async function listLinkedThemes(db: DB, documentId: number) {
	return db
		.selectFrom('themes as t')
		.innerJoin('background_themes as bt', 'bt.theme_id', 't.id')
		.select(['t.id', 't.numeral', 't.position', 't.title', 't.short_title'])
		.where('bt.document_id', '=', documentId)
		.orderBy('t.position')
		.execute();
}

/** What a list of background documents shows of each (see backgroundList): the consultation's list and a thread's. */
export const listedColumns = ['id', 'language', 'kind', 'slug', 'number', 'title', 'subtitle', 'summary'] as const;

export async function listAll(db: DB, consultationId: number) {
	return db
		.selectFrom('background_documents')
		.select(listedColumns)
		.where('consultation_id', '=', consultationId)
		.orderBy('position')
		.execute();
}
