import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Actor } from '../../auth/actor';
import { createActor, generousLimits } from '../../auth/test-actors';
import { postComment } from '../../comments/service';
import type { TranslateConfig } from '../../config';
import { QueryCounter } from '../../db/query-counter';
import { createTestDb, type TestDb } from '../../db/test-db';
import { DomainError } from '../../errors';
import { createConsultation } from '../../seed/test-consultation';
import { retryDelay } from '../../work-queue';
import { findInto, hashSource, loadSources, type SourceText, type TextRef } from '../repository';
import { libreTranslate, type TranslationEngine } from './engine';
import { startFakeEngine, type FakeEngine } from './fake-engine';
import { saveMachineTranslations } from './repository';
import { startTranslator } from './scheduler';
import { askMachineTranslation, queueMachineTranslation, translatePass } from './service';
import { saveTranslation } from '../test-translations';

/*
 * Machine translation jobs on the real database, sent over real HTTP to a LibreTranslate look-alike:
 * what gets queued (and what not), what a pass sends and saves, retries, the daily budget, the
 * per-person limit, and passes on several servers at once.
 */

const dialect = process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite';
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const l = generousLimits();

describe(`machine translation jobs (${dialect})`, () => {
	let t: TestDb;
	let fake: FakeEngine;
	let engine: TranslationEngine;
	let writer: Actor;
	let slug: string;
	let serial = 0;
	const settings: TranslateConfig = {
		url: 'http://unused.invalid',
		apiKey: null,
		// Generous, so a loaded test machine never times out by accident; one test uses a short one.
		timeoutMs: 5000,
		dailyCharacters: 1_000_000,
		asksPerPersonPerDay: 3
	};

	/** A comment of a few words (short enough that the fake's "[fr] …" passes the language check). */
	const comment = async (body = `Opmerking ${++serial}`): Promise<SourceText> => {
		const { id } = await postComment(t.db, writer, l, { slug, number: 1, body, language: 'nl' });
		const [source] = await loadSources(t.db, [{ itemType: 'comment', itemId: id, field: 'body' }]);
		return source;
	};
	const ref = (s: TextRef): TextRef => ({ itemType: s.itemType, itemId: s.itemId, field: s.field });
	const queue = (source: SourceText | TextRef, languages = ['fr'], now = new Date()) =>
		queueMachineTranslation(t.db, { source, languages, now: now.toISOString() }, settings);
	const jobs = (source: TextRef) =>
		t.db
			.selectFrom('translation_jobs')
			.select(['language', 'status', 'attempts', 'next_attempt_at', 'last_error', 'characters'])
			.where('item_type', '=', source.itemType)
			.where('item_id', '=', source.itemId)
			.orderBy('id')
			.execute();
	const pass = (now = new Date(), dailyCharacters = settings.dailyCharacters, using = engine) =>
		translatePass(t.db, using, { now, dailyCharacters });
	const sentTexts = () => fake.requests.map((r) => r.q);

	beforeAll(async () => {
		t = await createTestDb();
		slug = (await createConsultation(t.db)).slug;
		writer = await createActor(t.db, { name: 'Schrijver' });
		fake = await startFakeEngine();
		engine = libreTranslate({ url: fake.url, apiKey: null, timeoutMs: settings.timeoutMs });
	});
	afterEach(async () => {
		// Each test starts with no job waiting and a fake that has heard nothing.
		await t.db.updateTable('translation_jobs').set({ status: 'skipped' }).where('status', '=', 'pending').execute();
		fake.requests.length = 0;
	});
	afterAll(async () => {
		await fake.close();
		await t.destroy();
	});

	it('queues one job per text, language and source hash: asking twice queues nothing more', async () => {
		const source = await comment();
		expect(await queue(source, ['fr', 'en', 'fr'])).toBe(2);
		expect(await queue(ref(source), ['fr', 'en'])).toBe(0);
		expect((await jobs(source)).map((j) => [j.language, j.status, j.characters])).toEqual([
			['fr', 'pending', source.text.length],
			['en', 'pending', source.text.length]
		]);
	});

	it('queues nothing when off, into the text’s own language or an unknown one, or where a translation is settled', async () => {
		const source = await comment();
		expect(
			await queueMachineTranslation(t.db, { source, languages: ['fr'], now: new Date().toISOString() }, null)
		).toBe(0);
		expect(await queue(source, ['nl', 'xx', 'und'])).toBe(0);
		const now = new Date().toISOString();
		// A volunteer's translation, even one out of date, is never replaced by a machine's.
		await saveTranslation(t.db, {
			source: { ...source, text: 'oud' },
			language: 'tr',
			text: 'eski',
			origin: 'volunteer',
			translatedBy: writer.id,
			now
		});
		// A machine translation of this very text is current: nothing to do.
		await saveTranslation(t.db, { source, language: 'en', text: 'A remark', now });
		expect(await queue(source, ['tr', 'en'])).toBe(0);
		// One made from an older text is out of date: a new one is queued.
		await saveTranslation(t.db, { source: { ...source, text: 'oud' }, language: 'ar', text: 'قديم', now });
		expect(await queue(source, ['tr', 'en', 'ar'])).toBe(1);
		expect((await jobs(source)).map((j) => j.language)).toEqual(['ar']);
	});

	it('a pass sends the text and saves a machine translation that findInto returns as current', async () => {
		const source = await comment('Goed idee');
		await queue(source, ['fr', 'en']);
		expect(await pass()).toEqual({ taken: 2, translated: 2, skipped: 0, deferred: 0, retrying: 0, failed: 0 });
		expect(fake.requests).toEqual([
			{ q: 'Goed idee', source: 'nl', target: 'fr', format: 'text' },
			{ q: 'Goed idee', source: 'nl', target: 'en', format: 'text' }
		]);
		const [fr] = await findInto(t.db, [source], 'fr');
		expect(fr).toMatchObject({
			text: '[fr] Goed idee',
			origin: 'machine',
			sourceHash: hashSource('Goed idee'),
			translatedBy: null,
			checkedBy: null
		});
		expect((await jobs(source)).map((j) => j.status)).toEqual(['done', 'done']);
		// Done is done: the next pass sends nothing, and queueing again finds the translation current.
		expect(await pass()).toMatchObject({ taken: 0 });
		expect(await queue(source, ['fr'])).toBe(0);
		expect(fake.requests).toHaveLength(2);
	});

	it('a text whose writer chose "another language" is sent with source "auto"', async () => {
		const { id } = await postComment(t.db, writer, l, { slug, number: 1, body: 'Salut', language: 'und' });
		await queue({ itemType: 'comment', itemId: id, field: 'body' }, ['nl']);
		await pass();
		expect(fake.requests).toEqual([{ q: 'Salut', source: 'auto', target: 'nl', format: 'text' }]);
	});

	it('rate limits, errors and timeouts are tried again after 1, 4, 16 … minutes, or after Retry-After', async () => {
		const source = await comment();
		const start = new Date('2027-03-01T10:00:00Z');
		await queue(source, ['fr'], start);
		const next = async () => new Date((await jobs(source))[0].next_attempt_at);

		fake.script({ reply: 'status', status: 500, error: 'model crashed' });
		expect(await pass(start)).toMatchObject({ taken: 1, retrying: 1 });
		expect(await jobs(source)).toMatchObject([
			{ status: 'pending', attempts: 1, last_error: 'unavailable: HTTP 500: model crashed' }
		]);
		expect(await next()).toEqual(new Date(start.getTime() + MINUTE));
		// Not due half a minute later.
		expect(await pass(new Date(start.getTime() + 30_000))).toMatchObject({ taken: 0 });

		let now = await next();
		fake.script({ reply: 'delay', ms: 400 });
		const impatient = libreTranslate({ url: fake.url, apiKey: null, timeoutMs: 200 });
		expect(await pass(now, settings.dailyCharacters, impatient)).toMatchObject({ retrying: 1 });
		expect(await jobs(source)).toMatchObject([{ attempts: 2, last_error: 'timeout: no answer within 200 ms' }]);
		expect(await next()).toEqual(new Date(now.getTime() + 4 * MINUTE));

		// Retry-After longer than the back-off wins.
		now = await next();
		fake.script({ reply: 'status', status: 429, retryAfter: '3600' });
		await pass(now);
		expect(await next()).toEqual(new Date(now.getTime() + 60 * MINUTE));
		// Shorter than the back-off (16 minutes at the third try): the back-off wins.
		await t.db.updateTable('translation_jobs').set({ attempts: 2 }).where('item_id', '=', source.itemId).execute();
		now = await next();
		fake.script({ reply: 'status', status: 429, retryAfter: '5' });
		await pass(now);
		expect(await next()).toEqual(new Date(now.getTime() + 16 * MINUTE));

		await pass(await next());
		expect(await jobs(source)).toMatchObject([{ status: 'done', attempts: 4 }]);
		expect(await findInto(t.db, [source], 'fr')).toHaveLength(1);
	});

	it('gives up after 6 tries, logged once with the job, never the text', async () => {
		const source = await comment('Geheim voorstel');
		let now = new Date('2027-04-01T10:00:00Z');
		await queue(source, ['fr'], now);
		const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
		try {
			for (let attempt = 1; attempt <= 6; attempt++) {
				fake.script({ reply: 'status', status: 503, error: 'busy' });
				const report = await pass(now);
				expect(report, `attempt ${attempt}`).toMatchObject(attempt < 6 ? { retrying: 1 } : { failed: 1 });
				now = new Date(now.getTime() + retryDelay(attempt));
			}
			expect(await jobs(source)).toMatchObject([{ status: 'failed', attempts: 6 }]);
			expect(await pass(new Date(now.getTime() + DAY))).toMatchObject({ taken: 0 });
			const logged = log.mock.calls.map((c) => c.join(' '));
			expect(logged.filter((line) => line.includes('machine translation given up after 6 tries'))).toHaveLength(1);
			expect(logged.join(' ')).not.toContain('Geheim voorstel');
		} finally {
			log.mockRestore();
		}
		expect(await findInto(t.db, [source], 'fr')).toEqual([]);
	});

	it('an answer that fails the checks is discarded at once and logged, and no translation is saved', async () => {
		const source = await comment('Dit is een heel goed voorstel voor onze buurt');
		await queue(source, ['fr', 'en', 'tr']);
		// Untranslated (reads as Dutch), empty, and garbage.
		fake.script({ reply: 'text', text: source.text }, { reply: 'empty' }, { reply: 'garbage' });
		const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
		let logged: string[];
		try {
			expect(await pass()).toMatchObject({ taken: 3, failed: 3, translated: 0 });
			logged = log.mock.calls.map((c) => c.join(' '));
		} finally {
			log.mockRestore();
		}
		expect(logged.filter((line) => line.includes('machine translation discarded'))).toHaveLength(3);
		expect(logged.join(' ')).not.toContain('voorstel voor onze buurt');
		expect((await jobs(source)).map((j) => [j.status, j.attempts, j.last_error])).toEqual([
			['failed', 1, 'invalid: translation into fr reads as nl'],
			['failed', 1, 'invalid: empty translation'],
			['failed', 1, 'invalid: the answer is not JSON']
		]);
		for (const language of ['fr', 'en', 'tr']) expect(await findInto(t.db, [source], language)).toEqual([]);
	});

	it('a text edited, hidden or translated by a person after queueing is not sent', async () => {
		const edited = await comment();
		const hidden = await comment();
		const byPerson = await comment();
		await queue(edited);
		await queue(hidden);
		await queue(byPerson);
		await t.db.updateTable('comments').set({ body: 'Iets anders' }).where('id', '=', edited.itemId).execute();
		await t.db.updateTable('comments').set({ status: 'hidden' }).where('id', '=', hidden.itemId).execute();
		await saveTranslation(t.db, {
			source: byPerson,
			language: 'fr',
			text: 'Une remarque',
			origin: 'volunteer',
			translatedBy: writer.id
		});

		expect(await pass()).toMatchObject({ taken: 3, skipped: 3, translated: 0 });
		expect(fake.requests).toEqual([]);
		expect([...(await jobs(edited)), ...(await jobs(hidden)), ...(await jobs(byPerson))].map((j) => j.status)).toEqual([
			'skipped',
			'skipped',
			'skipped'
		]);
		expect((await findInto(t.db, [byPerson], 'fr'))[0]).toMatchObject({ text: 'Une remarque', origin: 'volunteer' });
		// The edited text is a new text: queued again, it is translated.
		expect(await queue(ref(edited))).toBe(1);
		await pass();
		expect(sentTexts()).toEqual(['Iets anders']);
	});

	it('a machine translation saved after a person saved theirs leaves the person’s translation alone', async () => {
		const source = await comment();
		const now = new Date().toISOString();
		await saveTranslation(t.db, {
			source,
			language: 'en',
			text: 'A remark',
			origin: 'team',
			translatedBy: writer.id,
			checkedBy: writer.id,
			now
		});
		expect(await saveMachineTranslations(t.db, [{ source, language: 'en', text: '[en] machine' }], now)).toBe(0);
		expect((await findInto(t.db, [source], 'en'))[0]).toMatchObject({ text: 'A remark', origin: 'team' });
		// While a machine's own translation is replaced by a newer one.
		await saveMachineTranslations(
			t.db,
			[{ source: { ...source, text: 'oud' }, language: 'fr', text: '[fr] vieux' }],
			now
		);
		expect(await saveMachineTranslations(t.db, [{ source, language: 'fr', text: '[fr] neuf' }], now)).toBe(1);
		expect((await findInto(t.db, [source], 'fr'))[0]).toMatchObject({
			text: '[fr] neuf',
			sourceHash: hashSource(source.text)
		});
	});

	it('a consultation sends at most its daily characters; the rest waits for the next UTC midnight', async () => {
		// A consultation of its own, so no other test's characters count.
		const own = await createConsultation(t.db);
		const post = async (body: string) => {
			const { id } = await postComment(t.db, writer, l, { slug: own.slug, number: 2, body, language: 'nl' });
			return { itemType: 'comment' as const, itemId: id, field: 'body' as const };
		};
		const day = new Date('2027-05-10T21:00:00Z');
		const texts = ['Een tekst 1', 'Een tekst 2', 'Een tekst 3', 'Veel te lange tekst voor het budget'];
		const refs = [];
		for (const text of texts) refs.push(await post(text));
		for (const r of refs) await queue(r, ['fr'], day);

		// 25 characters a day: two texts of 11 fit, the third waits; the fourth (35) never fits.
		expect(await pass(day, 25)).toMatchObject({ taken: 4, translated: 2, deferred: 1, skipped: 1 });
		expect(sentTexts()).toEqual(['Een tekst 1', 'Een tekst 2']);
		const waiting = (await jobs(refs[2]))[0];
		expect(waiting).toMatchObject({ status: 'pending', attempts: 0 });
		expect(waiting.next_attempt_at).toBe('2027-05-11T00:00:00.000Z');
		expect((await jobs(refs[3]))[0]).toMatchObject({
			status: 'skipped',
			last_error: 'longer than a day of the budget'
		});

		// Later that day a new text still finds the budget spent (22 of 25 counted from the database).
		const late = await post('Nog 1');
		await queue(late, ['fr'], new Date('2027-05-10T23:00:00Z'));
		expect(await pass(new Date('2027-05-10T23:00:00Z'), 25)).toMatchObject({ taken: 1, deferred: 1 });
		// After midnight both go, and they count against the new day.
		expect(await pass(new Date('2027-05-11T00:00:01Z'), 25)).toMatchObject({ taken: 2, translated: 2 });
		expect(sentTexts()).toEqual(['Een tekst 1', 'Een tekst 2', 'Een tekst 3', 'Nog 1']);
		const another = await post('Een tekst 5');
		await queue(another, ['fr'], new Date('2027-05-11T01:00:00Z'));
		expect(await pass(new Date('2027-05-11T01:00:00Z'), 25)).toMatchObject({ deferred: 1 });
	});

	it('a reader may ask for a limited number of translations a day, logged in, while it is on', async () => {
		const reader = await createActor(t.db, { name: `Lezer ${++serial}` });
		const texts = [await comment(), await comment(), await comment(), await comment()];
		const day = '2027-06-01T08:00:00.000Z';
		const ask = (
			s: TextRef,
			language = 'fr',
			now = day,
			actor: Actor | null = reader,
			on: TranslateConfig | null = settings
		) => askMachineTranslation(t.db, actor, ref(s), language, now, on);
		const refusal = (p: Promise<unknown>) =>
			p.then(
				() => expect.unreachable('should be refused'),
				(e: unknown) => {
					expect(e).toBeInstanceOf(DomainError);
					return [(e as DomainError).code, (e as DomainError).status];
				}
			);

		expect(await refusal(ask(texts[0], 'fr', day, null))).toEqual(['common:error.loginRequired', 401]);
		expect(await refusal(ask(texts[0], 'fr', day, reader, null))).toEqual(['common:error.machineTranslationOff', 409]);
		expect(await refusal(ask({ itemType: 'comment', itemId: 999_999, field: 'body' }))).toEqual([
			'common:error.notFound.comment',
			404
		]);
		expect(await refusal(ask(texts[0], 'xx'))).toEqual(['common:error.notFound.comment', 404]);

		expect(await ask(texts[0])).toBe(1);
		// Asking for what is already waiting queues nothing and costs nothing.
		expect(await ask(texts[0])).toBe(0);
		expect(await ask(texts[1])).toBe(1);
		expect(await ask(texts[2])).toBe(1);
		expect(await refusal(ask(texts[3]))).toEqual(['common:error.tooManyTranslationAsks', 429]);
		// Another person is not held back by this one, and the next UTC day this one may ask again.
		const other = await createActor(t.db, { name: `Lezer ${++serial}` });
		expect(await ask(texts[3], 'fr', day, other)).toBe(1);
		expect(await ask(texts[3], 'en', '2027-06-02T00:00:00.000Z')).toBe(1);
	});

	it('three passes at the same moment (several servers) translate each job exactly once', async () => {
		const sources = [];
		for (let i = 0; i < 12; i++) sources.push(await comment());
		for (const s of sources) await queue(s);
		const now = new Date();
		const reports = await Promise.all([
			translatePass(t.db, engine, { now, batch: 8, dailyCharacters: settings.dailyCharacters }),
			translatePass(t.db, engine, { now, batch: 8, dailyCharacters: settings.dailyCharacters }),
			translatePass(t.db, engine, { now, batch: 8, dailyCharacters: settings.dailyCharacters })
		]);
		expect(reports.reduce((n, r) => n + r.taken, 0)).toBe(12);
		expect(sentTexts().sort()).toEqual(sources.map((s) => s.text).sort());
	});

	it('a pass costs the same number of queries for 1 job or 15', async () => {
		const counts: number[] = [];
		for (const size of [1, 15]) {
			const sources = [];
			for (let i = 0; i < size; i++) sources.push(await comment());
			for (const s of sources) await queue(s);
			const counter = new QueryCounter();
			const report = await translatePass(t.db.withPlugin(counter), engine, {
				dailyCharacters: settings.dailyCharacters
			});
			expect(report.translated).toBe(size);
			counts.push(counter.count);
		}
		// take, read the jobs, their sources, people's translations, the budget, save, mark done.
		expect(counts).toEqual([7, 7]);
	});

	it('the background translator translates soon after a kick', async () => {
		const source = await comment();
		await queue(source);
		const translator = startTranslator(t.db, engine, { dailyCharacters: settings.dailyCharacters, intervalMs: 60_000 });
		try {
			translator.kick();
			await new Promise((r) => setImmediate(r));
			await translator.idle();
		} finally {
			translator.stop();
		}
		expect((await findInto(t.db, [source], 'fr'))[0]?.text).toBe(`[fr] ${source.text}`);
	});
});
