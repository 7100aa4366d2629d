import type { Transaction } from 'kysely';
import type { Database } from '../db/types';
import { insertRecord } from '../meetings/repository';

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
	const items = DEMO_MEETING.items.flatMap((item) => {
		const rec = recs.find((r) => r.number === item.number);
		return rec ? [{ ...item, recommendationId: rec.id, quotes: [...item.quotes] }] : [];
	});
	await insertRecord(trx, {
		...DEMO_MEETING,
		organisationId,
		consultationId: consultation.id,
		recordedBy,
		status: 'published',
		isDemo: true,
		now: iso,
		items
	});
	return true;
}
