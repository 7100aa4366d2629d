import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryCounter } from '../db/query-counter';
import { createTestDb, type TestDb } from '../db/test-db';
import * as background from '../background/service';
import * as consultations from '../consultations/service';
import { getThread } from '../recommendations/service';
import { demo } from '../seed/demo-data';
import { seedConsultation } from '../seed/service';
import { seedDemoTranslations } from '../seed/translations';
import { loadSources } from './repository';
import { saveTranslation } from './test-translations';

/*
 * Reading in my language (issue 12): the demo's translations are seeded honestly, pages show a text in
 * the reader's language only while its translation is current, with where it came from and the
 * original, and the lookup costs one query per page.
 */
describe(`reading in my language (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite'})`, () => {
	let t: TestDb;
	let added: number;
	beforeAll(async () => {
		t = await createTestDb();
		await seedConsultation(t.db, demo);
		added = await seedDemoTranslations(t.db, demo, demo.translations);
	});
	afterAll(async () => t.destroy());

	it('seeds every demo text above the official text in fr, en, tr and ar, once', async () => {
		// Per language: title, subtitle, purpose; 8 themes × 2; 60 recommendations × 2; 22 documents × 2.
		expect(added).toBe(4 * (3 + 8 * 2 + 60 * 2 + 22 * 2));
		// Run again (every start does), it writes nothing and costs a fixed few reads, not one insert per text.
		const counter = new QueryCounter();
		expect(await seedDemoTranslations(t.db.withPlugin(counter), demo, demo.translations)).toBe(0);
		expect(counter.count).toBeLessThanOrEqual(10);
		const origins = await t.db.selectFrom('translations').select('origin').distinct().execute();
		expect(origins).toEqual([{ origin: 'team' }]);
	});

	it('shows recommendation 19 to a Turkish reader in Turkish, labelled, with the Dutch original', async () => {
		const thread = await getThread(t.db, 'gekleurde-armoede', 19, 'tr');
		const turkish = demo.translations.find((f) => f.language === 'tr')!.recommendations.find((r) => r.number === 19)!;
		expect(thread.titleShown).toEqual({
			text: turkish.shortTitle,
			lang: 'tr',
			translated: { origin: 'team', checked: false, original: thread.shortTitle, originalLang: 'nl' },
			coming: false
		});
		expect(thread.plainShown?.text).toBe(turkish.plain.join('\n\n'));
		expect(thread.plainShown?.translated?.original).toContain(
			demo.plainLanguage.versions.find((v) => v.number === 19)!.paragraphs[0]
		);
		expect(thread.theme.titleShown.lang).toBe('tr');
		// The official text stays Dutch.
		expect(thread.language).toBe('nl');
	});

	it('shows a Dutch reader the text as written, with no label', async () => {
		const thread = await getThread(t.db, 'gekleurde-armoede', 19, 'nl');
		expect(thread.titleShown).toEqual({ text: thread.shortTitle, lang: 'nl', translated: null, coming: false });
	});

	it('no longer shows a translation as current once its source text changed, and shows it again when it is redone', async () => {
		const before = await getThread(t.db, 'gekleurde-armoede', 20, 'ar');
		expect(before.titleShown.lang).toBe('ar');
		await t.db
			.updateTable('recommendations')
			.set({ short_title: 'Een nieuwe titel' })
			.where('number', '=', 20)
			.execute();
		const after = await getThread(t.db, 'gekleurde-armoede', 20, 'ar');
		expect(after.titleShown).toMatchObject({ text: 'Een nieuwe titel', lang: 'nl', translated: null });
		const [source] = await loadSources(t.db, [{ itemType: 'recommendation', itemId: after.id, field: 'short_title' }]);
		await saveTranslation(t.db, { source, language: 'ar', text: 'عنوان جديد', origin: 'volunteer' });
		const redone = await getThread(t.db, 'gekleurde-armoede', 20, 'ar');
		expect(redone.titleShown).toMatchObject({ text: 'عنوان جديد', lang: 'ar', translated: { origin: 'volunteer' } });
		// The seed does not bring the old demo translation back over it, nor add one for the changed text.
		await seedDemoTranslations(t.db, demo, demo.translations);
		expect((await getThread(t.db, 'gekleurde-armoede', 20, 'ar')).titleShown.text).toBe('عنوان جديد');
	});

	it('translates the consultation page and the background documents', async () => {
		const { consultation, themes } = await consultations.getOverview(t.db, 'gekleurde-armoede', 'fr');
		const french = demo.translations.find((f) => f.language === 'fr')!;
		expect(consultation.shown?.title).toMatchObject({ text: french.consultation.title, lang: 'fr' });
		expect(consultation.shown?.purpose.text).toBe(french.consultation.purpose.join('\n\n'));
		expect(themes[0].titleShown.text).toBe(french.themes[0].title);
		expect(themes[0].recommendations[0].titleShown.text).toBe(french.recommendations[0].shortTitle);
		const { documents } = await background.listDocuments(t.db, 'gekleurde-armoede', 'en');
		const english = demo.translations.find((f) => f.language === 'en')!;
		expect(documents.map((d) => d.summaryShown.text)).toEqual(english.background.map((b) => b.summary));
	});

	it('looks the translations of a page up in one query, whatever the number of texts', async () => {
		const counter = new QueryCounter();
		const db = t.db.withPlugin(counter);
		// Counted on the second run: the glossary explainer is cached per language after the first.
		const cost = async (run: () => Promise<unknown>) => {
			await run();
			counter.reset();
			await run();
			return counter.count;
		};
		for (const [nl, tr] of [
			[
				await cost(() => getThread(db, 'gekleurde-armoede', 19, 'nl')),
				await cost(() => getThread(db, 'gekleurde-armoede', 19, 'tr'))
			],
			[
				await cost(() => consultations.getOverview(db, 'gekleurde-armoede', 'nl')),
				await cost(() => consultations.getOverview(db, 'gekleurde-armoede', 'tr'))
			]
		])
			expect(tr).toBe(nl + 1);
	});
});
