import { deleteExpiredSessions } from '../auth/session';
import type { DB } from '../db/create';
import { logError } from '../log';
import type { Mailer } from '../mail';
import { deliverMail } from './service';

export interface Outbox {
	/** Something was queued: send it soon, without waiting for the next round. */
	kick(): void;
	/** Resolves when the pass running now (if any) is done; for tests and shutdown. */
	idle(): Promise<void>;
	stop(): void;
}

const HOUR = 60 * 60 * 1000;

/**
 * Runs the outbox in this process: a pass when kicked and one every `intervalMs` (for retries and for
 * mail queued on another server). Passes never overlap here; between servers the outbox itself makes
 * sure no mail is taken twice. A failing pass is logged and tried again at the next round.
 *
 * The same pass does the housekeeping that nothing else triggers: expired sessions are deleted, at most
 * once every `housekeepingMs` (an hour): a session that expired a little earlier does no harm, since
 * validateSessionToken refuses it, so there is no need to run the delete every minute. `now` is for tests.
 */
export function startOutbox(
	db: DB,
	mailer: Mailer,
	options: { origin: string; intervalMs?: number; batch?: number; housekeepingMs?: number; now?: () => Date }
): Outbox {
	const batch = options.batch ?? 50;
	const now = options.now ?? (() => new Date());
	let running: Promise<void> | null = null;
	let again = false;
	let lastHousekeeping = -Infinity;

	const housekeeping = async () => {
		const at = now();
		if (at.getTime() - lastHousekeeping < (options.housekeepingMs ?? HOUR)) return;
		lastHousekeeping = at.getTime();
		try {
			await deleteExpiredSessions(db, at);
		} catch (e) {
			logError(e, { what: 'expired sessions' });
		}
	};

	const pass = (): Promise<void> => {
		if (running) {
			again = true;
			return running;
		}
		running = (async () => {
			try {
				do {
					again = false;
					const report = await deliverMail(db, mailer, { origin: options.origin, batch });
					// A full batch means there may be more waiting.
					if (report.taken === batch) again = true;
				} while (again);
			} catch (e) {
				logError(e, { what: 'mail outbox' });
			}
			// Never throws: its failures are logged inside.
			await housekeeping();
			running = null;
		})();
		return running;
	};

	const timer = setInterval(() => void pass(), options.intervalMs ?? 60_000);
	// The timer alone must not keep the process alive at shutdown.
	timer.unref();
	return {
		kick: () => void setImmediate(() => void pass()),
		idle: async () => {
			while (running) await running;
		},
		stop: () => clearInterval(timer)
	};
}
