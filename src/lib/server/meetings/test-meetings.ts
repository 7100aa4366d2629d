import type { DB } from '../db/create';
import { insertRecord } from './repository';

/*
 * For tests: associations and meeting records written straight to the database, so a test about the
 * thread, the results or the exports needs no facilitator's steps.
 */

export async function createOrganisation(db: DB, slug: string): Promise<number> {
	const now = new Date().toISOString();
	const { id } = await db
		.insertInto('organisations')
		.values({ slug, name: slug, name_key: slug, kind: 'poverty_association', created_at: now, updated_at: now })
		.returning('id')
		.executeTakeFirstOrThrow();
	return id;
}

/** A meeting record with its items and quotes; published unless a status is given. */
export async function recordMeeting(
	db: DB,
	m: {
		organisationId: number;
		consultationSlug?: string;
		status?: 'draft' | 'review' | 'published' | 'hidden';
		heldOn?: string;
		place?: string;
		languages?: string;
		participants: number;
		items: { number: number; agree: number; disagree: number; notSure: number; quotes?: string[] }[];
	}
): Promise<{ id: number; quoteIds: number[] }> {
	const now = new Date().toISOString();
	const consultation = await db
		.selectFrom('consultations')
		.select('id')
		.where('slug', '=', m.consultationSlug ?? 'gekleurde-armoede')
		.executeTakeFirstOrThrow();
	const items = [];
	for (const item of m.items) {
		const rec = await db
			.selectFrom('recommendations')
			.select('id')
			.where('consultation_id', '=', consultation.id)
			.where('number', '=', item.number)
			.executeTakeFirstOrThrow();
		const language = (m.languages ?? 'nl').split(',')[0];
		items.push({ ...item, recommendationId: rec.id, quotes: (item.quotes ?? []).map((body) => ({ body, language })) });
	}
	return insertRecord(db, {
		organisationId: m.organisationId,
		consultationId: consultation.id,
		recordedBy: null,
		heldOn: m.heldOn ?? '2026-11-20',
		place: m.place ?? 'Buurthuis',
		languages: m.languages ?? 'nl',
		participants: m.participants,
		status: m.status ?? 'published',
		isDemo: false,
		now,
		items
	});
}
