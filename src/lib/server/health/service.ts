import type { DB } from '../db/create';
import { logError } from '../log';
import * as repository from './repository';

export interface Health {
	/** "ok" when this process can answer requests that need the database; "unavailable" otherwise. */
	status: 'ok' | 'unavailable';
	database: { ok: boolean; ms: number; migration?: string | null; errorId?: string };
}

/**
 * For load balancers and monitoring: can this process reach its database, and how fast? A failure is
 * logged with an id (the answer carries the id, never the error's text, which may name hosts or users).
 * `timeoutMs` bounds the wait, so a hanging database makes the check fail instead of hang.
 */
export async function checkHealth(db: DB, options: { timeoutMs?: number } = {}): Promise<Health> {
	const started = performance.now();
	const timeoutMs = options.timeoutMs ?? 2000;
	let timer: ReturnType<typeof setTimeout> | undefined;
	try {
		const migration = await Promise.race([
			repository.newestMigration(db),
			new Promise<never>((_, reject) => {
				timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
			})
		]);
		return { status: 'ok', database: { ok: true, ms: Math.round(performance.now() - started), migration } };
	} catch (e) {
		const errorId = logError(e, { what: 'health check: database' });
		return { status: 'unavailable', database: { ok: false, ms: Math.round(performance.now() - started), errorId } };
	} finally {
		clearTimeout(timer);
	}
}
