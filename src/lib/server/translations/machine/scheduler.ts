import type { DB } from '../../db/create';
import { startPasses, type BackgroundWork } from '../../work-queue';
import type { TranslationEngine } from './engine';
import { translatePass } from './service';

/** kick() after queueing a machine translation, idle() for tests and shutdown, stop(). */
export type Translator = BackgroundWork;

/**
 * Runs the machine translation jobs in this process: a pass when kicked and one every `intervalMs` (for
 * retries, jobs deferred to the next day, and jobs queued on another server). Passes never overlap here;
 * between servers the jobs table makes sure no job is taken twice. `now` is for tests.
 */
export function startTranslator(
	db: DB,
	engine: TranslationEngine,
	options: { dailyCharacters: number; intervalMs?: number; batch?: number; now?: () => Date }
): Translator {
	const batch = options.batch ?? 20;
	const now = options.now ?? (() => new Date());
	return startPasses({
		// A full batch means there may be more waiting.
		pass: async () =>
			(await translatePass(db, engine, { batch, now: now(), dailyCharacters: options.dailyCharacters })).taken ===
			batch,
		intervalMs: options.intervalMs ?? 30_000,
		what: 'machine translation'
	});
}
