import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { libreTranslate, type TranslationEngine } from './engine';
import { startFakeEngine, type FakeEngine } from './fake-engine';

/*
 * The LibreTranslate adapter over real HTTP, against a fake server that answers as LibreTranslate does
 * (or misbehaves on purpose). Each kind of answer maps to one result, and nothing doubtful gets through.
 */

const dutch = 'Wij willen betere woningen voor alle gezinnen in de stad.';
const french = 'Nous voulons de meilleurs logements pour toutes les familles de la ville.';

describe('the LibreTranslate engine', () => {
	let fake: FakeEngine;
	let engine: TranslationEngine;
	const nlToFr = (text = dutch) => engine.translate({ text, source: 'nl', target: 'fr' });

	beforeAll(async () => {
		fake = await startFakeEngine({ map: { [`fr:${dutch}`]: french } });
		// Generous, so a loaded test machine never times out by accident; the timeout test uses a short one.
		engine = libreTranslate({ url: fake.url, apiKey: null, timeoutMs: 5000 });
	});
	afterAll(() => fake.close());

	it('sends the text, both languages and format "text", and returns the translation', async () => {
		expect(await nlToFr()).toEqual({ ok: true, text: french });
		expect(fake.requests.at(-1)).toEqual({ q: dutch, source: 'nl', target: 'fr', format: 'text' });
		// A short text, translated by the fake's default rule.
		expect(await engine.translate({ text: 'Goed idee', source: 'auto', target: 'en' })).toEqual({
			ok: true,
			text: '[en] Goed idee'
		});
		expect(fake.requests.at(-1)?.source).toBe('auto');
	});

	it('sends the API key when there is one, and reports a refused key as refused', async () => {
		const locked = await startFakeEngine({ apiKey: 'geheim' });
		try {
			const right = libreTranslate({ url: locked.url, apiKey: 'geheim', timeoutMs: 5000 });
			const wrong = libreTranslate({ url: locked.url, apiKey: 'fout', timeoutMs: 5000 });
			expect(await right.translate({ text: 'Hallo', source: 'nl', target: 'fr' })).toMatchObject({ ok: true });
			expect(locked.requests[0].api_key).toBe('geheim');
			expect(await wrong.translate({ text: 'Hallo', source: 'nl', target: 'fr' })).toEqual({
				ok: false,
				kind: 'refused',
				reason: 'HTTP 403: Invalid API key'
			});
		} finally {
			await locked.close();
		}
	});

	it('429 is rate-limited, with Retry-After in seconds or as a date', async () => {
		fake.script({ reply: 'status', status: 429, error: 'Slowdown: 30 per 1 minute', retryAfter: '120' });
		expect(await nlToFr()).toEqual({
			ok: false,
			kind: 'rate-limited',
			retryAfterMs: 120_000,
			reason: 'HTTP 429: Slowdown: 30 per 1 minute'
		});
		fake.script({ reply: 'status', status: 429, retryAfter: new Date(Date.now() + 60_000).toUTCString() });
		const dated = await nlToFr();
		expect(dated.ok === false && dated.kind === 'rate-limited' && dated.retryAfterMs).toBeGreaterThan(55_000);
		fake.script({ reply: 'status', status: 429 });
		expect(await nlToFr()).toMatchObject({ kind: 'rate-limited', retryAfterMs: null });
	});

	it('500 and an unreachable server are unavailable; 400 is refused', async () => {
		fake.script({ reply: 'status', status: 500, error: 'Cannot translate text: model not loaded' });
		expect(await nlToFr()).toEqual({
			ok: false,
			kind: 'unavailable',
			reason: 'HTTP 500: Cannot translate text: model not loaded'
		});
		fake.script({ reply: 'status', status: 400, error: 'fr is not supported' });
		expect(await nlToFr()).toMatchObject({ ok: false, kind: 'refused' });
		const closed = await startFakeEngine();
		await closed.close();
		const gone = libreTranslate({ url: closed.url, apiKey: null, timeoutMs: 5000 });
		expect(await gone.translate({ text: 'Hallo', source: 'nl', target: 'fr' })).toMatchObject({
			ok: false,
			kind: 'unavailable'
		});
	});

	it('an answer slower than the timeout is a timeout', async () => {
		const impatient = libreTranslate({ url: fake.url, apiKey: null, timeoutMs: 300 });
		fake.script({ reply: 'delay', ms: 3000 });
		const started = Date.now();
		expect(await impatient.translate({ text: dutch, source: 'nl', target: 'fr' })).toEqual({
			ok: false,
			kind: 'timeout',
			reason: 'no answer within 300 ms'
		});
		// It gave up long before the answer came.
		expect(Date.now() - started).toBeLessThan(2500);
	});

	it('garbage, an empty text, a far too long text and the wrong language are invalid', async () => {
		fake.script({ reply: 'garbage' });
		expect(await nlToFr()).toEqual({ ok: false, kind: 'invalid', reason: 'the answer is not JSON' });
		fake.script({ reply: 'text', text: '  ' });
		expect(await nlToFr()).toEqual({ ok: false, kind: 'invalid', reason: 'empty translation' });
		fake.script({ reply: 'empty' });
		expect(await nlToFr()).toMatchObject({ kind: 'invalid' });
		fake.script({ reply: 'oversize' });
		expect(await nlToFr()).toMatchObject({
			ok: false,
			kind: 'invalid',
			reason: expect.stringMatching(/^translation of \d+ characters for 57$/)
		});
		// The source sent back untranslated: it reads as Dutch, not French.
		fake.script({ reply: 'text', text: dutch });
		expect(await nlToFr()).toEqual({ ok: false, kind: 'invalid', reason: 'translation into fr reads as nl' });
		// Three times the source and a little more is still accepted (a short text grows in translation).
		fake.script({ reply: 'text', text: 'Ja, zeker' });
		expect(await engine.translate({ text: 'Oui', source: 'fr', target: 'nl' })).toEqual({
			ok: true,
			text: 'Ja, zeker'
		});
	});

	it('never puts the text it sent into a failure reason', async () => {
		fake.script({ reply: 'status', status: 400, error: `Cannot translate "${dutch}"` });
		const result = await nlToFr();
		expect(result).toMatchObject({ ok: false, kind: 'refused' });
		expect(JSON.stringify(result)).not.toContain(dutch);
	});
});
