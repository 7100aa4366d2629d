import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/actor';
import { createActor } from '../auth/test-actors';
import { setPhase } from '../consultations/service';
import { QueryCounter } from '../db/query-counter';
import type { SiteRole } from '../db/types';
import { createTestDb, type TestDb } from '../db/test-db';
import { DomainError } from '../errors';
import { createConsultation } from '../seed/test-consultation';
import { getAnswerOverview, saveAnswer } from './service';

/*
 * "You said, we did" for the whole consultation: one public page with every current answer. Each test
 * answers on its own copy of the consultation.
 */

const dialect = process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite';

describe(`all answers of a consultation (${dialect})`, () => {
	let t: TestDb;
	let made = 0;

	const staff = (name: string, role: SiteRole) => createActor(t.db, { name: `${name} ${++made}`, role, group: null });
	/** Its own copy of the consultation, and policy staff who answer there. */
	const scene = async () => {
		const { slug } = await createConsultation(t.db);
		const policy: Actor = await staff('Beleid', 'policy');
		const answer = (number: number, status: string, explanation: string, publish = true) =>
			saveAnswer(t.db, policy, { slug, number, status, explanation, publish });
		return { slug, answer };
	};
	const numbers = (o: Awaited<ReturnType<typeof getAnswerOverview>>) =>
		o.themes.flatMap((theme) => theme.recommendations.map((r) => r.number));

	beforeAll(async () => {
		t = await createTestDb();
	});
	afterAll(async () => t.destroy());

	it('before any answer: every recommendation is "no answer yet"', async () => {
		const { slug } = await scene();
		const o = await getAnswerOverview(t.db, slug);
		expect(o.answered).toBe(0);
		expect(o.counts).toEqual({ adopted: 0, partly_adopted: 0, under_study: 0, not_adopted: 0, none: 60 });
		expect(numbers(o)).toHaveLength(60);
	});

	it('shows the current answer of each recommendation, counts per status, and filters by status', async () => {
		const { slug, answer } = await scene();
		await answer(3, 'under_study', 'We bekijken het.');
		await answer(3, 'adopted', 'We doen het.');
		await answer(12, 'not_adopted', 'Dat kan niet, omdat de wet het verbiedt.');
		await answer(29, 'adopted', 'Vanaf januari.');
		// A draft is nobody's business but its writer's.
		await answer(40, 'partly_adopted', 'Nog niet klaar.', false);

		const o = await getAnswerOverview(t.db, slug);
		expect(o.answered).toBe(3);
		expect(o.counts).toEqual({ adopted: 2, partly_adopted: 0, under_study: 0, not_adopted: 1, none: 57 });
		const rec3 = o.themes.flatMap((theme) => theme.recommendations).find((r) => r.number === 3)!;
		expect(rec3.answer).toMatchObject({ status: 'adopted', text: 'We doen het.' });
		expect(rec3.earlier).toBe(1);

		expect(numbers(await getAnswerOverview(t.db, slug, { status: 'adopted' }))).toEqual([3, 29]);
		expect(numbers(await getAnswerOverview(t.db, slug, { status: 'not_adopted' }))).toEqual([12]);
		const unanswered = await getAnswerOverview(t.db, slug, { status: 'none' });
		expect(numbers(unanswered)).toHaveLength(57);
		// A draft answer does not count: 40 is still waiting for its answer.
		expect(numbers(unanswered)).toContain(40);
		expect(numbers(unanswered)).not.toContain(3);
		// Themes without a match are left out; an unknown filter shows everything.
		expect((await getAnswerOverview(t.db, slug, { status: 'adopted' })).themes.length).toBeLessThan(8);
		const unknown = await getAnswerOverview(t.db, slug, { status: 'maybe' });
		expect([unknown.filter, numbers(unknown).length]).toEqual([null, 60]);
	});

	it('costs five queries, however many answers there are', async () => {
		const { slug, answer } = await scene();
		for (const n of [41, 42, 43, 44, 45]) await answer(n, 'adopted', `Antwoord ${n}.`);
		const counter = new QueryCounter();
		await getAnswerOverview(t.db.withPlugin(counter), slug);
		expect(counter.count).toBe(5);
	});

	it('a draft consultation has no public answers page', async () => {
		const { slug, answer } = await scene();
		await answer(3, 'adopted', 'We doen het.');
		await expect(getAnswerOverview(t.db, slug)).resolves.toMatchObject({ answered: 1 });
		await setPhase(t.db, await staff('Beheer', 'admin'), { slug, phase: 'draft', note: 'test' });
		await expect(getAnswerOverview(t.db, slug)).rejects.toBeInstanceOf(DomainError);
	});
});
