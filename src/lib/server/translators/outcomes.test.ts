import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as answers from '../answers/service';
import { createActor } from '../auth/test-actors';
import { QueryCounter } from '../db/query-counter';
import { createTestDb, type TestDb } from '../db/test-db';
import { demo } from '../seed/demo-data';
import { seedConsultation } from '../seed/service';
import * as summaries from '../summaries/service';
import { loadSources, save, type TextRef } from '../translations/repository';

/*
 * Summaries and answers are published with their translations, or get them queued at once (issue 12),
 * and readers see them in their language. Machine translation is configured for this file (an engine
 * nobody calls: the jobs are only queued here; machine/machine.test.ts runs them).
 */
process.env.TRANSLATE_URL = 'http://127.0.0.1:9';

describe(`summaries and answers in every language (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite'})`, () => {
	let t: TestDb;
	const slug = 'gekleurde-armoede';
	const recommendationId = async (number: number) =>
		(await t.db.selectFrom('recommendations').select('id').where('number', '=', number).executeTakeFirstOrThrow()).id;
	const jobsFor = (itemType: 'summary' | 'answer', itemId: number) =>
		t.db
			.selectFrom('translation_jobs')
			.select(['field', 'language'])
			.where('item_type', '=', itemType)
			.where('item_id', '=', itemId)
			.orderBy('field')
			.orderBy('language')
			.execute();
	const everyOther = ['ar', 'en', 'fr', 'tr'];

	beforeAll(async () => {
		t = await createTestDb();
		await seedConsultation(t.db, demo);
	});
	afterAll(async () => t.destroy());

	it('queues machine translations of a published summary and answer into every other language, not of a draft', async () => {
		const moderator = await createActor(t.db, { name: 'moderator-talen', role: 'moderator' });
		const policy = await createActor(t.db, { name: 'beleid-talen', role: 'policy' });
		const draft = await summaries.saveSummary(t.db, moderator, {
			slug,
			number: 30,
			publish: false,
			mainPoints: '- Een punt',
			disagreements: '',
			voices: ''
		});
		expect(draft.translating).toBe(0);
		const published = await summaries.saveSummary(t.db, moderator, {
			slug,
			number: 30,
			publish: true,
			mainPoints: '- Een punt',
			disagreements: '- Niet iedereen is het eens',
			voices: ''
		});
		expect(published.translating).toBe(2 * 4);
		const summary = await t.db
			.selectFrom('summaries')
			.select('id')
			.where('recommendation_id', '=', await recommendationId(30))
			.executeTakeFirstOrThrow();
		expect(await jobsFor('summary', summary.id)).toEqual(
			['disagreements', 'main_points'].flatMap((field) => everyOther.map((language) => ({ field, language })))
		);
		const answer = await answers.saveAnswer(t.db, policy, {
			slug,
			number: 30,
			status: 'adopted',
			explanation: 'We doen dit.',
			commitment: 'Tegen de zomer.',
			publish: true
		});
		expect(answer.translating).toBe(2 * 4);
	});

	it('shows the summary and the answer in the reader’s language, keeping the citations, in one query more', async () => {
		const moderator = await createActor(t.db, { name: 'moderator-lezer', role: 'moderator' });
		const policy = await createActor(t.db, { name: 'beleid-lezer', role: 'policy' });
		const writer = await createActor(t.db, { name: 'schrijver-lezer' });
		const rec = await recommendationId(31);
		const { id: cited } = await t.db
			.insertInto('comments')
			.values({
				recommendation_id: rec,
				parent_id: null,
				author_id: writer.id,
				body: 'Ik wil gehoord worden.',
				language: 'nl',
				created_at: new Date().toISOString()
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await summaries.saveSummary(t.db, moderator, {
			slug,
			number: 31,
			publish: true,
			mainPoints: `- Mensen willen gehoord worden [#${cited}]`,
			disagreements: '',
			voices: ''
		});
		await answers.saveAnswer(t.db, policy, {
			slug,
			number: 31,
			status: 'adopted',
			explanation: 'We doen dit.',
			publish: true
		});
		const summaryId = (
			await t.db.selectFrom('summaries').select('id').where('recommendation_id', '=', rec).executeTakeFirstOrThrow()
		).id;
		const answerId = (
			await t.db.selectFrom('answers').select('id').where('recommendation_id', '=', rec).executeTakeFirstOrThrow()
		).id;
		const translate = async (ref: TextRef, text: string) => {
			const [source] = await loadSources(t.db, [ref]);
			await save(t.db, {
				source,
				language: 'fr',
				text,
				origin: 'machine',
				translatedBy: null,
				checkedBy: null,
				now: new Date().toISOString()
			});
		};
		await translate(
			{ itemType: 'summary', itemId: summaryId, field: 'main_points' },
			`- Les gens veulent être entendus [#${cited}]`
		);
		await translate({ itemType: 'answer', itemId: answerId, field: 'explanation' }, 'Nous le faisons.');

		const reader = { language: 'fr', written: 'nl' };
		const { summary, answers: versions } = await answers.getOutcome(t.db, rec, reader);
		expect(summary?.sections[0]).toMatchObject({
			key: 'mainPoints',
			blocks: [{ type: 'list', items: [[{ text: 'Les gens veulent être entendus ' }, { cite: cited }]] }],
			shown: { lang: 'fr', translated: { origin: 'machine', checked: false, originalLang: 'nl' } }
		});
		expect(summary?.sources.map((s) => s.id)).toEqual([cited]);
		expect(versions[0].explanation).toEqual([{ type: 'paragraph', parts: [{ text: 'Nous le faisons.' }] }]);
		expect(versions[0].explanationShown).toMatchObject({ lang: 'fr', translated: { origin: 'machine' } });
		// A Dutch reader reads them as written.
		const dutch = await answers.getOutcome(t.db, rec, { language: 'nl', written: 'nl' });
		expect(dutch.summary?.sections[0].shown).toMatchObject({ lang: 'nl', translated: null });
		// The all-answers page too.
		const overview = await answers.getAnswerOverview(t.db, slug, { locale: 'fr' });
		const shown = overview.themes.flatMap((th) => th.recommendations).find((r) => r.number === 31);
		expect(shown?.answer?.explanationShown?.text).toBe('Nous le faisons.');

		const counter = new QueryCounter();
		const db = t.db.withPlugin(counter);
		const cost = async (language: string) => {
			counter.reset();
			await answers.getOutcome(db, rec, { language, written: 'nl' });
			return counter.count;
		};
		expect(await cost('fr')).toBe((await cost('nl')) + 1);
	});
});
