import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryCounter } from '../db/query-counter';
import { createTestDb, type TestDb } from '../db/test-db';
import { DomainError } from '../errors';
import { demo } from '../seed/demo-data';
import { seedConsultation } from '../seed/service';
import * as consultations from '../consultations/service';
import * as background from '../background/service';
import * as glossary from '../glossary/service';
import { getThread } from './service';

const textOf = (paragraphs: (string | { text: string })[][]) =>
	paragraphs.map((p) => p.map((s) => (typeof s === 'string' ? s : s.text)).join('')).join('\n\n');

describe(`reading a consultation (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite'})`, () => {
	let t: TestDb;
	beforeAll(async () => {
		t = await createTestDb();
		await seedConsultation(t.db, demo);
		// A second consultation still in draft, which the public must not see.
		await seedConsultation(
			t.db,
			{ ...demo, report: { ...demo.report, consultation: { ...demo.report.consultation, slug: 'concept' } } },
			{ phase: 'draft' }
		);
	});
	afterAll(async () => t.destroy());

	it('lists open consultations on the home page, and never a draft', async () => {
		const { open, finished } = await consultations.listPublic(t.db, 'nl');
		expect(open.map((c) => c.slug)).toEqual(['gekleurde-armoede']);
		expect(open[0]).toMatchObject({ recommendationCount: 60, themeCount: 8, phase: 'open' });
		expect(finished).toEqual([]);
	});

	it('refuses to show a draft consultation or one of its recommendations', async () => {
		await expect(consultations.getOverview(t.db, 'concept', 'nl')).rejects.toThrow(DomainError);
		await expect(getThread(t.db, 'concept', 3, 'nl')).rejects.toMatchObject({
			code: 'common:error.notFound.consultation',
			status: 404
		});
	});

	it('shows a consultation with its themes and their recommendations in order', async () => {
		const { consultation, themes } = await consultations.getOverview(t.db, 'gekleurde-armoede', 'nl');
		expect(consultation.recommendationCount).toBe(60);
		expect(themes).toHaveLength(8);
		expect(themes.flatMap((th) => th.recommendations.map((r) => r.number))).toEqual(
			Array.from({ length: 60 }, (_, i) => i + 1)
		);
	});

	it('shows recommendation 3 whole, with its theme, neighbours and glossary terms', async () => {
		const thread = await getThread(t.db, 'gekleurde-armoede', 3, 'fr');
		expect(textOf(thread.officialText)).toContain(
			'Inspraak of betrokkenheid wordt afgeremd als er veel jargon gebruikt wordt.'
		);
		expect(thread.theme.numeral).toBe('i');
		expect(thread.previous?.number).toBe(2);
		expect(thread.next?.number).toBe(4);
		expect(thread.language).toBe('nl');
		// "jargon" is itself explained, in French, because the page is in French.
		const jargon = thread.terms.find((term) => term.slug === 'jargon');
		expect(jargon?.explanationLanguage).toBe('fr');
	});

	it('marks each glossary term once per page and explains exactly the terms it marked', async () => {
		const thread = await getThread(t.db, 'gekleurde-armoede', 29, 'nl');
		const marked = [...thread.plainText, ...thread.officialText].flat().filter((s) => typeof s !== 'string');
		const slugs = marked.map((s) => (s as { term: string }).term);
		expect(new Set(slugs).size).toBe(slugs.length);
		expect(thread.terms.map((term) => term.slug).sort()).toEqual([...slugs].sort());
		expect(marked.map((s) => (s as { text: string }).text)).toEqual(expect.arrayContaining(['VDAB', 'OCMW']));
	});

	it('has no previous at the first recommendation and no next at the last', async () => {
		expect((await getThread(t.db, 'gekleurde-armoede', 1, 'nl')).previous).toBeNull();
		expect((await getThread(t.db, 'gekleurde-armoede', 60, 'nl')).next).toBeNull();
	});

	it('answers "not found" for a recommendation that does not exist', async () => {
		await expect(getThread(t.db, 'gekleurde-armoede', 61, 'nl')).rejects.toMatchObject({
			code: 'common:error.notFound.recommendation'
		});
		await expect(getThread(t.db, 'gekleurde-armoede', 0, 'nl')).rejects.toMatchObject({ status: 404 });
		await expect(getThread(t.db, 'bestaat-niet', 1, 'nl')).rejects.toMatchObject({
			code: 'common:error.notFound.consultation'
		});
	});

	it('links the background that supports a recommendation, and back', async () => {
		const thread = await getThread(t.db, 'gekleurde-armoede', 26, 'nl');
		expect(thread.background.length).toBeGreaterThan(0);
		const { document } = await background.getDocument(t.db, 'gekleurde-armoede', thread.background[0].slug, 'nl');
		expect(document.recommendations.map((r) => r.number)).toContain(26);
		expect(document.sections.length).toBeGreaterThan(0);
		await expect(background.getDocument(t.db, 'gekleurde-armoede', 'nope', 'nl')).rejects.toMatchObject({
			status: 404
		});
	});

	it('falls back to the Dutch explanation when a glossary term has none in the chosen language', async () => {
		const term = await t.db
			.selectFrom('glossary_terms')
			.select('id')
			.where('slug', '=', 'ocmw')
			.executeTakeFirstOrThrow();
		await t.db.deleteFrom('glossary_explanations').where('term_id', '=', term.id).where('locale', '=', 'tr').execute();
		const entries = await glossary.list(t.db, 'tr');
		const ocmw = entries.find((e) => e.slug === 'ocmw');
		expect(ocmw?.explanationLanguage).toBe('nl');
		expect(ocmw?.explanation.length).toBeGreaterThan(10);
		expect(entries.find((e) => e.slug === 'vdab')?.explanationLanguage).toBe('tr');
	});

	it('builds the glossary explainer at most once a minute per language', async () => {
		const counter = new QueryCounter();
		const db = t.db.withPlugin(counter);
		const now = Date.now();
		await glossary.explainerFor(db, 'tr', now);
		await glossary.explainerFor(db, 'tr', now + 1000);
		expect(counter.count).toBe(1);
		await glossary.explainerFor(db, 'ar', now + 1000);
		expect(counter.count).toBe(2);
		await glossary.explainerFor(db, 'tr', now + 61_000);
		expect(counter.count).toBe(3);
		glossary.forgetExplainers(db);
		await glossary.explainerFor(db, 'tr', now + 62_000);
		expect(counter.count).toBe(4);
	});

	it('costs a fixed number of queries per page, however long the texts or the glossary (no N+1)', async () => {
		const counter = new QueryCounter();
		const db = t.db.withPlugin(counter);
		// The glossary explainer is cached per language for a minute: the first page builds it.
		await getThread(db, 'gekleurde-armoede', 2, 'nl');
		const costs: number[] = [];
		for (const n of [1, 29, 60]) {
			counter.reset();
			await getThread(db, 'gekleurde-armoede', n, 'nl');
			costs.push(counter.count);
		}
		expect(new Set(costs).size).toBe(1);
		expect(costs[0]).toBeLessThanOrEqual(5);

		counter.reset();
		await consultations.getOverview(db, 'gekleurde-armoede', 'nl');
		// The consultation, its themes, its recommendations, and the status of their policy answers.
		expect(counter.count).toBeLessThanOrEqual(4);
		counter.reset();
		await glossary.list(db, 'nl');
		expect(counter.count).toBe(1);
	});
});
