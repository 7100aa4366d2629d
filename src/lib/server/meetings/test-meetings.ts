import type { DB } from '../db/create';

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
	const status = m.status ?? 'published';
	const { id } = await db
		.insertInto('meetings')
		.values({
			organisation_id: m.organisationId,
			consultation_id: consultation.id,
			recorded_by: null,
			held_on: m.heldOn ?? '2026-11-20',
			place: m.place ?? 'Buurthuis',
			languages: m.languages ?? 'nl',
			participants: m.participants,
			status,
			hidden_reason: null,
			created_at: now,
			updated_at: now,
			submitted_at: status === 'draft' ? null : now,
			published_at: status === 'published' ? now : null,
			moderated_at: null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	const quoteIds: number[] = [];
	for (const [position, item] of m.items.entries()) {
		const rec = await db
			.selectFrom('recommendations')
			.select('id')
			.where('consultation_id', '=', consultation.id)
			.where('number', '=', item.number)
			.executeTakeFirstOrThrow();
		const { id: itemId } = await db
			.insertInto('meeting_items')
			.values({
				meeting_id: id,
				recommendation_id: rec.id,
				position,
				agree: item.agree,
				disagree: item.disagree,
				not_sure: item.notSure
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		for (const [i, body] of (item.quotes ?? []).entries()) {
			const q = await db
				.insertInto('meeting_quotes')
				.values({
					item_id: itemId,
					position: i,
					body,
					language: (m.languages ?? 'nl').split(',')[0],
					hidden_reason: null,
					hidden_at: null
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			quoteIds.push(q.id);
		}
	}
	return { id, quoteIds };
}
