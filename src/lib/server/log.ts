import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';

/*
 * The app's log: one JSON object per line (JSON lines), on stdout for info, on stderr for warnings and
 * errors, so a log collector can read it without parsing prose. Every line written while a request is
 * handled carries that request's id (`request`), which the response also carries (X-Request-Id), so a
 * person's error id, the access line and any error line of one request can be found together.
 * No IP address and no query string is ever logged (queries can hold invite and reset codes).
 */

type Level = 'info' | 'warn' | 'error';

const requests = new AsyncLocalStorage<{ id: string }>();

/** Runs `work` as part of the request `id`: log lines written meanwhile carry it. */
export function inRequest<T>(id: string, work: () => T): T {
	return requests.run({ id }, work);
}

/** The id of the request being handled, if any. */
export function currentRequestId(): string | undefined {
	return requests.getStore()?.id;
}

/** A fresh request id, or the one a proxy in front already gave the request, if it looks like one. */
export function requestIdFrom(header: string | null): string {
	return header && /^[A-Za-z0-9._:-]{8,128}$/.test(header) ? header : randomBytes(8).toString('hex');
}

/** Writes one log line: `{"time", "level", "what", "request"?, ...fields}`. */
export function log(level: Level, what: string, fields: Record<string, unknown> = {}): void {
	const line = JSON.stringify({ time: new Date().toISOString(), level, what, request: currentRequestId(), ...fields });
	if (level === 'info') console.log(line);
	else if (level === 'warn') console.warn(line);
	else console.error(line);
}

/**
 * Logs an unexpected error with a short id that the person can quote, in one line with the error's
 * message and stack. No IP address is logged. `context.what` says what was being done.
 */
export function logError(error: unknown, context: Record<string, unknown>): string {
	const id = randomBytes(5).toString('hex');
	const { what = 'unexpected error', ...rest } = context;
	log('error', String(what), {
		id,
		...rest,
		error: error instanceof Error ? error.message : String(error),
		stack: error instanceof Error ? error.stack : undefined
	});
	return id;
}
