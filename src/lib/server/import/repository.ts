import type { Insertable } from 'kysely';
import type { DB } from '../db/create';
import type { RecommendationsTable, ReportImportsTable, ThemesTable } from '../db/types';

/** The newest import of a consultation not yet published, or undefined. */
export async function findOpen(db: DB, consultationId: number) {
	return db
		.selectFrom('report_imports')
		.selectAll()
		.where('consultation_id', '=', consultationId)
		.where('used_at', 'is', null)
		.orderBy('id', 'desc')
		.executeTakeFirst();
}

export async function insert(db: DB, values: Insertable<ReportImportsTable>): Promise<number> {
	const { id } = await db.insertInto('report_imports').values(values).returning('id').executeTakeFirstOrThrow();
	return id;
}

export async function saveProposal(db: DB, id: number, proposal: string, now: string): Promise<void> {
	await db.updateTable('report_imports').set({ proposal, updated_at: now }).where('id', '=', id).execute();
}

/** Marks an import used; false when it was used already (someone published it first). */
export async function markUsed(db: DB, id: number, now: string): Promise<boolean> {
	const result = await db
		.updateTable('report_imports')
		.set({ used_at: now, updated_at: now })
		.where('id', '=', id)
		.where('used_at', 'is', null)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

/** How many recommendations a consultation has. */
/**
 * The recommendations a report became, in the consultation's order, with whether each has a plain-language
 * version yet: staff write those next, before the consultation opens.
 */
export async function listRecommendations(db: DB, consultationId: number) {
	const rows = await db
		.selectFrom('recommendations')
		.select(['number', 'short_title', 'plain_text'])
		.where('consultation_id', '=', consultationId)
		.orderBy('position')
		.execute();
	return rows.map((r) => ({ number: r.number, shortTitle: r.short_title, hasPlain: r.plain_text.trim() !== '' }));
}

export async function countRecommendations(db: DB, consultationId: number): Promise<number> {
	const { n } = await db
		.selectFrom('recommendations')
		.where('consultation_id', '=', consultationId)
		.select((eb) => eb.fn.count<number>('id').as('n'))
		.executeTakeFirstOrThrow();
	return Number(n);
}

/** Inserts themes, in order; their ids in the same order. */
export async function insertThemes(db: DB, themes: Insertable<ThemesTable>[]): Promise<number[]> {
	if (themes.length === 0) return [];
	const rows = await db.insertInto('themes').values(themes).returning('id').execute();
	return rows.map((r) => r.id);
}

export async function insertRecommendations(db: DB, rows: Insertable<RecommendationsTable>[]): Promise<void> {
	if (rows.length > 0) await db.insertInto('recommendations').values(rows).execute();
}

export async function setIntroduction(db: DB, consultationId: number, introduction: string, now: string) {
	await db
		.updateTable('consultations')
		.set({ introduction, updated_at: now })
		.where('id', '=', consultationId)
		.execute();
}
