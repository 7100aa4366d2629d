import { sql, type Kysely } from 'kysely';
import { isPostgres, type DB } from './db/create';
import { logError } from './log';

/*
 * What the background queues share: the mail outbox (./outbox) and the machine translation jobs
 * (./translations/machine). Each is a table of rows with a status, a due time and a count of attempts,
 * worked through by passes that take due rows with a lease, retry failures with back-off, and run in
 * this process when kicked and on a timer, never two at once.
 */

/** After this many failed tries a row is given up as "failed". */
export const MAX_ATTEMPTS = 6;

/** Waits 1, 4, 16 and 64 minutes, then 4 hours and more, capped at 6 hours. */
export function retryDelay(attempts: number): number {
	return Math.min(60_000 * 4 ** Math.max(0, attempts - 1), 6 * 3600_000);
}

/** The columns a queue's rows have in common. */
interface QueueRow {
	id: number;
	status: string;
	attempts: number;
	next_attempt_at: string;
}
type Queues = Record<'mail_outbox' | 'translation_jobs', QueueRow>;

/**
 * Takes the rows of a queue that are due, at most `batch`, in one statement, so no row is taken twice:
 * each counts one more attempt and is leased until `leaseUntil`. On PostgreSQL, SKIP LOCKED lets a pass
 * on another server take the next rows instead of waiting for these; SQLite writes one at a time.
 * Returns the ids taken.
 */
export async function takeDue(
	db: DB,
	table: keyof Queues,
	options: { now: string; leaseUntil: string; batch: number }
): Promise<number[]> {
	// Only the shared columns are used, so one query serves every queue.
	const q = db as unknown as Kysely<Queues>;
	const due = q
		.selectFrom(table)
		.select('id')
		// A literal, so the partial index on pending rows (<table>_due_idx) can serve it.
		.where('status', '=', sql.lit('pending'))
		.where('next_attempt_at', '<=', options.now)
		.orderBy('next_attempt_at')
		.orderBy('id')
		.limit(options.batch);
	const taken = await q
		.updateTable(table)
		.set((eb) => ({ attempts: eb('attempts', '+', 1), next_attempt_at: options.leaseUntil }))
		.where('id', 'in', isPostgres(db) ? due.forUpdate().skipLocked() : due)
		.where('status', '=', sql.lit('pending'))
		.where('next_attempt_at', '<=', options.now)
		.returning('id')
		.execute();
	return taken.map((r) => r.id);
}

export interface BackgroundWork {
	/** Something was queued: do it soon, without waiting for the next round. */
	kick(): void;
	/** Resolves when the pass running now (if any) is done; for tests and shutdown. */
	idle(): Promise<void>;
	stop(): void;
}

/**
 * Runs `pass` in this process when kicked and every `intervalMs`, never two at once: a kick during a pass
 * runs it again right after. `pass` says whether more may be waiting (it took a full batch), and then runs
 * again at once. `after` runs once after each round. A failing round is logged as `what` and tried again
 * at the next one.
 */
export function startPasses(options: {
	pass: () => Promise<boolean>;
	after?: () => Promise<void>;
	intervalMs: number;
	what: string;
}): BackgroundWork {
	let running: Promise<void> | null = null;
	let again = false;

	const round = (): Promise<void> => {
		if (running) {
			again = true;
			return running;
		}
		running = (async () => {
			try {
				do {
					again = false;
					if (await options.pass()) again = true;
				} while (again);
			} catch (e) {
				logError(e, { what: options.what });
			}
			await options.after?.();
			running = null;
		})();
		return running;
	};

	const timer = setInterval(() => void round(), options.intervalMs);
	// The timer alone must not keep the process alive at shutdown.
	timer.unref();
	return {
		kick: () => void setImmediate(() => void round()),
		idle: async () => {
			while (running) await running;
		},
		stop: () => clearInterval(timer)
	};
}
