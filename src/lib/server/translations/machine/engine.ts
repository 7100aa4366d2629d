import { suggestLanguage } from '../../comments/language';
import type { TranslateConfig } from '../../config';

/*
 * The machine translation engine: a LibreTranslate server the site runs itself (docs/translation.md).
 * One request per text: POST {url}/translate with {q, source, target, format: "text", api_key?}, which
 * answers {translatedText}, or {error} with 400, 403, 429 or 500. Every answer is checked before it is
 * used: a machine that returns nothing, garbage, far too much, or the wrong language is not shown to
 * anyone. Only the background pass (./service) calls it, never a request.
 */

export interface EngineInput {
	text: string;
	/** The text's locale, or 'auto' when its writer chose "another language". */
	source: string;
	target: string;
}

/** Why a translation did not come back: the first three are worth trying again later. */
export type EngineFailure =
	| { ok: false; kind: 'rate-limited'; retryAfterMs: number | null; reason: string }
	| { ok: false; kind: 'unavailable' | 'timeout' | 'invalid' | 'refused'; reason: string };

export type EngineResult = { ok: true; text: string } | EngineFailure;

export interface TranslationEngine {
	translate(input: EngineInput): Promise<EngineResult>;
}

/** The failures that pass: tried again later, with back-off. */
export const isTransient = (r: EngineFailure): boolean =>
	r.kind === 'rate-limited' || r.kind === 'unavailable' || r.kind === 'timeout';

/** A translation may be this much longer than its source before it counts as garbage. */
export const maxLength = (source: string): number => 3 * [...source].length + 20;

/** Retry-After as seconds or as an HTTP date, in milliseconds from now; null when absent or unreadable. */
function retryAfter(header: string | null, now = Date.now()): number | null {
	if (!header) return null;
	if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
	const at = Date.parse(header);
	return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** The server's own error message, short, and never the text that was sent. */
function serverReason(status: number, body: unknown, sent: string): string {
	const error = typeof body === 'object' && body !== null && 'error' in body ? String(body.error) : '';
	const message = sent.length >= 8 ? error.split(sent).join('…') : error;
	return `HTTP ${status}${message ? `: ${message.split('\n')[0].slice(0, 160)}` : ''}`;
}

/**
 * The checks every answer must pass, whatever the engine: some text, not far longer than the source,
 * and not reliably in another of the platform's languages than the one asked for (texts of four words
 * or more; the same detector that suggests a comment's language).
 */
export async function checkTranslation(input: EngineInput, text: unknown): Promise<EngineResult> {
	if (typeof text !== 'string') return { ok: false, kind: 'invalid', reason: 'no translatedText in the answer' };
	const trimmed = text.trim();
	if (!trimmed) return { ok: false, kind: 'invalid', reason: 'empty translation' };
	if ([...trimmed].length > maxLength(input.text))
		return {
			ok: false,
			kind: 'invalid',
			reason: `translation of ${[...trimmed].length} characters for ${[...input.text].length}`
		};
	const other = await suggestLanguage(trimmed, input.target);
	if (other) return { ok: false, kind: 'invalid', reason: `translation into ${input.target} reads as ${other}` };
	return { ok: true, text: trimmed };
}

/** A LibreTranslate server (settings from config: TRANSLATE_URL, TRANSLATE_API_KEY, TRANSLATE_TIMEOUT_MS). */
export function libreTranslate(settings: Pick<TranslateConfig, 'url' | 'apiKey' | 'timeoutMs'>): TranslationEngine {
	return {
		async translate(input) {
			const body = {
				q: input.text,
				source: input.source,
				target: input.target,
				format: 'text',
				...(settings.apiKey ? { api_key: settings.apiKey } : {})
			};
			let response: Response;
			let answer: unknown;
			try {
				response = await fetch(`${settings.url}/translate`, {
					method: 'POST',
					headers: { 'content-type': 'application/json', accept: 'application/json' },
					body: JSON.stringify(body),
					// Covers reading the answer too.
					signal: AbortSignal.timeout(settings.timeoutMs)
				});
				const raw = await response.text();
				try {
					answer = JSON.parse(raw);
				} catch {
					answer = undefined;
				}
			} catch (e) {
				if (e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError'))
					return { ok: false, kind: 'timeout', reason: `no answer within ${settings.timeoutMs} ms` };
				const cause = e instanceof Error && e.cause instanceof Error ? e.cause.message : String(e);
				return { ok: false, kind: 'unavailable', reason: `unreachable: ${cause.slice(0, 160)}` };
			}
			const status = response.status;
			if (status === 429)
				return {
					ok: false,
					kind: 'rate-limited',
					retryAfterMs: retryAfter(response.headers.get('retry-after')),
					reason: serverReason(status, answer, input.text)
				};
			if (status >= 500) return { ok: false, kind: 'unavailable', reason: serverReason(status, answer, input.text) };
			if (status >= 300) return { ok: false, kind: 'refused', reason: serverReason(status, answer, input.text) };
			if (answer === undefined) return { ok: false, kind: 'invalid', reason: 'the answer is not JSON' };
			const text =
				typeof answer === 'object' && answer !== null && 'translatedText' in answer ? answer.translatedText : undefined;
			return checkTranslation(input, text);
		}
	};
}
