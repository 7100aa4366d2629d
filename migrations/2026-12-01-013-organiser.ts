import { sql, type Kysely } from 'kysely';

/*
 * Who runs a consultation (issue 14): its organiser's name, one line about them, and how to reach them,
 * shown on the consultation page, in the Word report and in the print view. Plain text, empty until an
 * administrator fills it in (an empty name means "no organiser named yet").
 *
 * The demo consultation (slug gekleurde-armoede) is a demonstration of Samenspraak on a 2008 report: it
 * gets a true organiser, the Samenspraak demo, with a line that says so and that neither the report's
 * authors nor a government run it. No contact: the demo has no address anyone answers. The seed
 * (src/lib/server/seed) sets the same value on a fresh database. Frozen in time.
 */

const DEMO_ORGANISER = {
	name: 'Samenspraak demo',
	line: 'Een demonstratie van Samenspraak op een verslag uit 2008. De auteurs van het verslag en de overheid organiseren deze raadpleging niet en lezen de reacties niet.',
	contact: ''
};

export async function up(db: Kysely<any>): Promise<void> {
	await sql`alter table consultations add column organiser_name text not null default ''`.execute(db);
	await sql`alter table consultations add column organiser_line text not null default ''`.execute(db);
	await sql`alter table consultations add column organiser_contact text not null default ''`.execute(db);
	await db
		.updateTable('consultations')
		.set({
			organiser_name: DEMO_ORGANISER.name,
			organiser_line: DEMO_ORGANISER.line,
			organiser_contact: DEMO_ORGANISER.contact
		})
		.where('slug', '=', 'gekleurde-armoede')
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('consultations').dropColumn('organiser_contact').execute();
	await db.schema.alterTable('consultations').dropColumn('organiser_line').execute();
	await db.schema.alterTable('consultations').dropColumn('organiser_name').execute();
}
