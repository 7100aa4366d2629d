import { randomBytes } from 'node:crypto';

/** Logs an unexpected error with a short id that the person can quote. No IP address is logged. */
export function logError(error: unknown, context: Record<string, unknown>): string {
	const id = randomBytes(5).toString('hex');
	const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
	console.error(JSON.stringify({ level: 'error', id, time: new Date().toISOString(), ...context }), '\n', detail);
	return id;
}
