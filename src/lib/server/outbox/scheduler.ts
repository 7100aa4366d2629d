import { forgetEndedLimits } from '../auth/limits';
import { deleteExpiredSessions } from '../auth/session';
import type { DB } from '../db/create';
import { logError } from '../log';
import type { Mailer } from '../mail';
import { startPasses, type BackgroundWork } from '../work-queue';
import { deliverMail } from './service';

/** kick() after queueing mail, idle() for tests and shutdown, stop(). */
export type Outbox = BackgroundWork;

const HOUR = 60 * 60 * 1000;

/**
 * Runs the outbox in this process: a pass when kicked and one every `intervalMs` (for retries and for
 * mail queued on another server). Passes never overlap here; between servers the outbox itself makes
 * sure no mail is taken twice. A failing pass is logged and tried again at the next round.
 *
 * The same pass does the housekeeping that nothing else triggers: expired sessions and the rows of rate
 * limit windows that ended are deleted, at most once every `housekeepingMs` (an hour): a session that
 * expired a little earlier does no harm, since validateSessionToken refuses it, and an ended window counts
 * as none, so there is no need to run the deletes every minute. `now` is for tests.
 */
export function startOutbox(
	db: DB,
	mailer: Mailer,
	options: { origin: string; intervalMs?: number; batch?: number; housekeepingMs?: number; now?: () => Date }
): Outbox {
	const batch = options.batch ?? 50;
	const now = options.now ?? (() => new Date());
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
		try {
			await forgetEndedLimits(db, at);
		} catch (e) {
			logError(e, { what: 'ended rate limit windows' });
		}
	};

	return startPasses({
		// A full batch means there may be more waiting.
		pass: async () => (await deliverMail(db, mailer, { origin: options.origin, batch })).taken === batch,
		// Never throws: its failures are logged inside.
		after: housekeeping,
		intervalMs: options.intervalMs ?? 60_000,
		what: 'mail outbox'
	});
}
