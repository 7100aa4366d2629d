import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableNames } from '../db/types';
import { createTestDb, type TestDb } from '../db/test-db';
import type { DB } from '../db/create';
import { createAnnotator } from '../../text/annotate';
import { demo } from './demo-data';
import { prepareDatabase, seedDemo } from './startup';

const tables = tableNames;

async function countAll(db: DB): Promise<Record<string, number>> {
	const counts: Record<string, number> = {};
	for (const table of tables) {
		const row = await db
			.selectFrom(table)
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		counts[table] = Number(row.n);
	}
	return counts;
}

/** Every text of the demo that a person reads, as the database holds it. */
async function allTexts(db: DB): Promise<string[]> {
	const [c, th, r, d, s] = await Promise.all([
		db.selectFrom('consultations').select(['title', 'subtitle', 'purpose', 'introduction']).execute(),
		db.selectFrom('themes').select(['title', 'short_title']).execute(),
		db.selectFrom('recommendations').select(['short_title', 'official_text', 'plain_text']).execute(),
		db.selectFrom('background_documents').select(['title', 'summary', 'input_from']).execute(),
		db.selectFrom('background_sections').select(['heading', 'body']).execute()
	]);
	return [c, th, r, d, s].flatMap((rows) =>
		rows.flatMap((row) => Object.values(row).filter((v): v is string => typeof v === 'string'))
	);
}

describe(`the demo consultation (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite'})`, () => {
	let t: TestDb;
	beforeAll(async () => {
		t = await createTestDb({ migrate: false });
		const first = await prepareDatabase(t.db, { demoData: true, demoAccounts: false });
		expect(first.seeded?.consultation).toBe('created');
	});
	afterAll(async () => t.destroy());

	it('says it is a demonstration and promises no reader: nobody in government reads or answers the demo', async () => {
		const texts = await allTexts(t.db);
		expect(texts.some((x) => x.includes('Dit is een demonstratie.'))).toBe(true);
		for (const promise of ['Beleidsmakers lezen', 'op elke aanbeveling een antwoord'])
			expect(texts.filter((x) => x.includes(promise))).toEqual([]);
	});

	it('has 8 themes, i to viii, in order', async () => {
		const themes = await t.db.selectFrom('themes').select(['numeral', 'position']).orderBy('position').execute();
		expect(themes.map((x) => x.numeral)).toEqual(['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii']);
	});

	it('has 60 recommendations numbered 1 to 60, each under the theme the report puts it in', async () => {
		const rows = await t.db
			.selectFrom('recommendations as r')
			.innerJoin('themes as t', 't.id', 'r.theme_id')
			.select(['r.number', 't.numeral', 't.position as themePosition'])
			.orderBy('r.position')
			.execute();
		expect(rows.map((r) => r.number)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
		// The report lists its recommendations theme by theme, so themes never go backwards.
		for (let i = 1; i < rows.length; i++)
			expect(rows[i].themePosition).toBeGreaterThanOrEqual(rows[i - 1].themePosition);
		// Spot checks against the report: the first and last of each theme.
		const themeOf = Object.fromEntries(rows.map((r) => [r.number, r.numeral]));
		expect([themeOf[1], themeOf[11], themeOf[12], themeOf[17], themeOf[18], themeOf[26]]).toEqual([
			'i',
			'i',
			'ii',
			'ii',
			'iii',
			'iii'
		]);
		expect([themeOf[27], themeOf[34], themeOf[35], themeOf[40], themeOf[41], themeOf[50]]).toEqual([
			'iv',
			'iv',
			'v',
			'v',
			'vi',
			'vi'
		]);
		expect([themeOf[51], themeOf[56], themeOf[57], themeOf[60]]).toEqual(['vii', 'vii', 'viii', 'viii']);
	});

	it('keeps the report text of recommendation 3 whole', async () => {
		const r = await t.db
			.selectFrom('recommendations')
			.select('official_text')
			.where('number', '=', 3)
			.executeTakeFirstOrThrow();
		expect(r.official_text).toContain('Inspraak of betrokkenheid wordt afgeremd als er veel jargon gebruikt wordt.');
	});

	it('has no word broken across a line, and no margin label or page number inside a text', async () => {
		const texts = await allTexts(t.db);
		const joined = texts.join('\n');
		for (const word of [
			'domeinen',
			'instellingen',
			'consumptiepatronen',
			'Boudewijnstichting',
			'etnisch-culturele',
			'on-the-job'
		]) {
			expect(joined, word).toContain(word);
		}
		for (const broken of ['do meinen', 'instellin gen', 'consumptiepatro nen', 'instel lingen', 'etnisch- culturele']) {
			expect(joined).not.toContain(broken);
		}
		for (const text of texts) {
			expect(text).not.toMatch(/Algemeen\s+voor de aanpak/);
			expect(text).not.toMatch(/Specifiek\s+voor de aanpak/);
			expect(text).not.toMatch(/\t| {2}|¬/);
			// A hyphen left at a line break shows up as "letter- letter"; Dutch "armoede- en" is fine.
			expect(text).not.toMatch(/\p{L}- (?!en |of |tot )\p{Ll}/u);
		}
	});

	it('tags each recommendation general or specific as the report does', async () => {
		const rows = await t.db.selectFrom('recommendations').select(['number', 'tag']).execute();
		const tag = Object.fromEntries(rows.map((r) => [r.number, r.tag]));
		expect(tag[1]).toBe('general');
		expect(tag[11]).toBe('specific');
		expect(tag[40]).toBe('specific');
		expect(tag[60]).toBe('specific');
		expect(rows.filter((r) => r.tag === 'general').length).toBeGreaterThan(0);
		expect(rows.filter((r) => r.tag === 'specific').length).toBeGreaterThan(0);
	});

	it('gives every recommendation a plain-language version and a short title', async () => {
		const rows = await t.db.selectFrom('recommendations').select(['short_title', 'plain_text']).execute();
		for (const r of rows) {
			expect(r.short_title.length).toBeGreaterThan(2);
			expect(r.short_title.split(' ').length).toBeLessThanOrEqual(8);
			expect(r.plain_text.length).toBeGreaterThan(20);
		}
	});

	it('has the 12 workshops and 10 practice examples, each supporting recommendations, and every theme supported', async () => {
		const docs = await t.db
			.selectFrom('background_documents as d')
			.select((eb) => [
				'd.kind',
				'd.number',
				eb
					.selectFrom('background_recommendations as br')
					.whereRef('br.document_id', '=', 'd.id')
					.select((e) => e.fn.countAll<number>().as('n'))
					.as('links')
			])
			.orderBy('d.position')
			.execute();
		expect(docs.filter((d) => d.kind === 'workshop').map((d) => d.number)).toEqual(
			Array.from({ length: 12 }, (_, i) => i + 1)
		);
		expect(docs.filter((d) => d.kind === 'practice')).toHaveLength(10);
		for (const d of docs) expect(Number(d.links), `${d.kind} ${d.number}`).toBeGreaterThan(0);
		const themesSupported = await t.db.selectFrom('background_themes').select('theme_id').distinct().execute();
		expect(themesSupported).toHaveLength(8);
	});

	it('explains the report’s abbreviations in Dutch, French and English, and finds them in the texts', async () => {
		const terms = await t.db
			.selectFrom('glossary_terms')
			.select(['id', 'slug', 'term', 'kind', 'match_forms'])
			.execute();
		const slugs = terms.map((x) => x.term);
		for (const abbreviation of ['OCMW', 'VDAB', 'CLB', 'LOP', 'GOK', 'CAW', 'LOGO', 'VAP', 'ICEM', 'POA', 'MVO']) {
			expect(slugs).toContain(abbreviation);
		}
		const explanations = await t.db.selectFrom('glossary_explanations').select(['term_id', 'locale']).execute();
		for (const term of terms) {
			const have = explanations.filter((e) => e.term_id === term.id).map((e) => e.locale);
			expect(have, term.slug).toEqual(expect.arrayContaining(['nl', 'fr', 'en']));
		}
		const annotate = createAnnotator(
			terms.map((x) => ({ slug: x.slug, kind: x.kind, forms: x.match_forms.split('\n') }))
		);
		const rec29 = await t.db
			.selectFrom('recommendations')
			.select('official_text')
			.where('number', '=', 29)
			.executeTakeFirstOrThrow();
		const found = annotate(rec29.official_text).filter((s) => typeof s !== 'string');
		expect(found.map((s) => (typeof s === 'string' ? s : s.text))).toEqual(expect.arrayContaining(['VDAB', 'OCMW']));
	});

	it('changes nothing when it is loaded a second time', async () => {
		const before = await countAll(t.db);
		const again = await seedDemo(t.db);
		expect(again).toEqual({ consultation: 'exists', glossaryTermsAdded: 0 });
		expect(await countAll(t.db)).toEqual(before);
		expect(before.recommendations).toBe(60);
		expect(before.glossary_terms).toBe(demo.glossary.terms.length);
	});

	it('does not load the demo at start when the database already has a consultation', async () => {
		const result = await prepareDatabase(t.db, { demoData: true, demoAccounts: false });
		expect(result).toEqual({ migrations: [], seeded: null, demoAccounts: 0 });
	});
});
