import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../db/test-db';
import { demo } from '../seed/demo-data';
import { seedConsultation } from '../seed/service';
import { explainerFor } from './service';

describe(`the glossary explainer (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite'})`, () => {
	let t: TestDb;
	let term: string;
	beforeAll(async () => {
		t = await createTestDb();
		await seedConsultation(t.db, demo);
		term = (await t.db.selectFrom('glossary_terms').select('term').orderBy('id').executeTakeFirstOrThrow()).term;
	});
	afterAll(async () => t.destroy());

	it('annotates the same texts once, and texts that changed anew (the memory is keyed by the texts themselves)', async () => {
		const explainer = await explainerFor(t.db, 'nl');
		const first = explainer.explain([[`Over ${term} gaat het.`], ['Nog een alinea.']]);
		expect(first.terms.map((x) => x.term)).toContain(term);
		expect(explainer.explain([[`Over ${term} gaat het.`], ['Nog een alinea.']])).toBe(first);
		// One character more: not the same text, so not the same annotation.
		const changed = explainer.explain([[`Over ${term} gaat het!`], ['Nog een alinea.']]);
		expect(changed).not.toBe(first);
		expect(JSON.stringify(changed.paragraphs)).toContain('gaat het!');
		// Another split into groups is another page: each term is marked once per page.
		expect(explainer.explain([[`Over ${term} gaat het.`, 'Nog een alinea.']])).not.toBe(first);
		expect(explainer.explain([[], [`${term}`]]).terms).toHaveLength(1);
	});
});
