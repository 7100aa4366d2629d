import type { Transaction } from 'kysely';
import type { Database } from '../db/types';

/*
 * The demo association's group meeting (issue 13): one published record on three recommendations of
 * the demo consultation, marked as demo data (is_demo) wherever it is shown. Made once, with the demo
 * accounts; never when the association already has a meeting or the demo consultation is gone.
 */

export const DEMO_MEETING = {
	heldOn: '2026-11-18',
	place: 'Buurthuis De Brug (demo)',
	languages: 'nl,tr',
	participants: 11,
	items: [
		{
			number: 8,
			agree: 7,
			disagree: 1,
			notSure: 3,
			quotes: [
				{ body: 'Als je de taal niet spreekt, weet je niet waar je recht op hebt.', language: 'nl' },
				{ body: 'Broşürler hep Hollandaca, annem hiçbir şey anlamıyor.', language: 'tr' }
			]
		},
		{
			number: 14,
			agree: 9,
			disagree: 0,
			notSure: 2,
			quotes: [{ body: 'Een vaste contactpersoon zou veel schelen.', language: 'nl' }]
		},
		{ number: 30, agree: 4, disagree: 4, notSure: 3, quotes: [] }
	]
} as const;

export async function seedDemoMeeting(
	trx: Transaction<Database>,
	organisationId: number,
	recordedBy: number | null,
	iso: string
): Promise<boolean> {
	const consultation = await trx
		.selectFrom('consultations')
		.select('id')
		.where('slug', '=', 'gekleurde-armoede')
		.executeTakeFirst();
	const existing = await trx
		.selectFrom('meetings')
		.select('id')
		.where('organisation_id', '=', organisationId)
		.executeTakeFirst();
	if (!consultation || existing) return false;
	const { id } = await trx
		.insertInto('meetings')
		.values({
			organisation_id: organisationId,
			consultation_id: consultation.id,
			recorded_by: recordedBy,
			held_on: DEMO_MEETING.heldOn,
			place: DEMO_MEETING.place,
			languages: DEMO_MEETING.languages,
			participants: DEMO_MEETING.participants,
			status: 'published',
			hidden_reason: null,
			is_demo: 1,
			created_at: iso,
			updated_at: iso,
			submitted_at: iso,
			published_at: iso,
			moderated_at: null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	const recs = await trx
		.selectFrom('recommendations')
		.select(['id', 'number'])
		.where('consultation_id', '=', consultation.id)
		.where(
			'number',
			'in',
			DEMO_MEETING.items.map((i) => i.number)
		)
		.execute();
	for (const [position, item] of DEMO_MEETING.items.entries()) {
		const rec = recs.find((r) => r.number === item.number);
		if (!rec) continue;
		const { id: itemId } = await trx
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
		if (item.quotes.length)
			await trx
				.insertInto('meeting_quotes')
				.values(
					item.quotes.map((q, i) => ({
						item_id: itemId,
						position: i,
						body: q.body,
						language: q.language,
						hidden_reason: null,
						hidden_at: null
					}))
				)
				.execute();
	}
	return true;
}
