import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkWriting } from '../../writing/check';
import { QueryCounter } from '../db/query-counter';
import { createTestDb, type TestDb } from '../db/test-db';
import { writingTerms } from './service';

/*
 * The writing check (issue 15) gets the glossary's terms from the database: each term's kind and every
 * form to find, so a text staff write is told about the jargon readers will meet in it.
 */

const dialect = process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite';

describe(`the glossary's terms for the writing check (${dialect})`, () => {
	let t: TestDb;

	beforeAll(async () => {
		t = await createTestDb();
		const now = new Date().toISOString();
		await t.db
			.insertInto('glossary_terms')
			.values([
				{
					slug: 'ocmw',
					term: 'OCMW',
					kind: 'abbreviation',
					expansion: null,
					match_forms: 'OCMW\nOCMW’s',
					created_at: now,
					updated_at: now
				},
				{
					slug: 'doelgroep',
					term: 'doelgroep',
					kind: 'jargon',
					expansion: null,
					match_forms: 'doelgroep\ndoelgroepen',
					created_at: now,
					updated_at: now
				}
			])
			.execute();
	});
	afterAll(async () => t.destroy());

	it('gives every term with its kind and forms, in one query whatever their number', async () => {
		const counter = new QueryCounter();
		const terms = await writingTerms(t.db.withPlugin(counter));
		expect(counter.count).toBe(1);
		expect(terms.sort((a, b) => a.kind.localeCompare(b.kind))).toEqual([
			{ kind: 'abbreviation', forms: ['OCMW', 'OCMW’s'] },
			{ kind: 'jargon', forms: ['doelgroep', 'doelgroepen'] }
		]);
	});

	it('lets the check find those terms, and no other abbreviation, in a Dutch text', async () => {
		const advice = checkWriting('De doelgroepen van het OCMW en het CAW.', 'nl', await writingTerms(t.db))!;
		expect(advice.findings.map((f) => [f.rule, f.quote])).toEqual([
			['jargon', 'doelgroepen'],
			['jargon', 'OCMW'],
			['abbreviation', 'CAW']
		]);
	});
});
