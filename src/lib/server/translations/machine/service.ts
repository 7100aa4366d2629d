import type { Transaction } from 'kysely';
import { isLocale } from '../../../i18n/locales';
import type { MaybeActor } from '../../auth/actor';
import { requireLogin } from '../../auth/require';
import { config, type TranslateConfig } from '../../config';
import type { DB } from '../../db/create';
import type { Database } from '../../db/types';
import { DomainError, notFound } from '../../errors';
import { logError } from '../../log';
import { MAX_ATTEMPTS, retryDelay } from '../../work-queue';
import { hashSource, loadSources, textKey, type SourceText, type TextRef } from '../repository';
import { isTransient, type TranslationEngine } from './engine';
import * as repository from './repository';

/*
 * Machine translation, self-hosted, optional and capped (issue 12). Services (and readers who ask)
 * queue a job per text and language; a background pass (./scheduler) sends due jobs to the engine and
 * saves what comes back as a machine translation. Never on the request path: a slow or absent engine
 * never slows a page. A job is keyed by the hash of its source, so the same text is never translated
 * twice into one language, and a person's translation is never replaced by a machine's.
 */

/** How long a pass holds the jobs it took, so another server's pass leaves them alone. */
const LEASE_MS = 15 * 60_000;
const DAY = 24 * 3600_000;

/** Whether machine translation is configured (TRANSLATE_URL): pages say "a translation is coming" only then. */
export function machineTranslationConfigured(): boolean {
	return config().translate !== null;
}

/** The start of this UTC day. */
function midnight(now: Date): Date {
	return new Date(Math.floor(now.getTime() / DAY) * DAY);
}

/**
 * Queues the machine translation of a text into these languages, in the caller's transaction if given.
 * Queues nothing when machine translation is off, into the text's own language or a language that is
 * not the platform's, or where a person made a translation or one made from this very text exists.
 * Returns the number of jobs queued; kick `locals.translator` afterwards.
 */
export async function queueMachineTranslation(
	db: DB | Transaction<Database>,
	input: { source: SourceText | TextRef; languages: readonly string[]; requestedBy?: number | null; now: string },
	settings: TranslateConfig | null = config().translate
): Promise<number> {
	if (!settings) return 0;
	const source = 'text' in input.source ? input.source : (await loadSources(db, [input.source]))[0];
	if (!source) return 0;
	const wanted = [...new Set(input.languages)].filter((l) => isLocale(l) && l !== source.language);
	const settled = await repository.settledLanguages(db, source, wanted);
	const languages = wanted.filter((l) => !settled.has(l));
	return repository.insertJobs(
		db,
		languages.map((language) => ({ source, language, requestedBy: input.requestedBy ?? null })),
		input.now
	);
}

/**
 * A reader's "translate this": queues the machine translation of one text into `language`. At most
 * TRANSLATE_ASKS_PER_PERSON_PER_DAY asks per person per UTC day. Returns 1 when a job was queued, 0 when
 * none was needed (already translated or waiting, or the text's own language).
 * Raises common:error.loginRequired (401), common:error.machineTranslationOff (409),
 * common:error.notFound.page or .comment (404: no such text, or not a platform language) and
 * common:error.tooManyTranslationAsks (429).
 */
export async function askMachineTranslation(
	db: DB,
	actor: MaybeActor,
	ref: TextRef,
	language: string,
	now: string,
	settings: TranslateConfig | null = config().translate
): Promise<number> {
	requireLogin(actor);
	if (!settings) throw new DomainError('common:error.machineTranslationOff', 409);
	const [source] = isLocale(language) ? await loadSources(db, [ref]) : [];
	if (!source) throw notFound(ref.itemType === 'comment' ? 'comment' : 'page');
	const asked = await repository.countAsksSince(db, actor.id, midnight(new Date(now)).toISOString());
	if (asked >= settings.asksPerPersonPerDay) throw new DomainError('common:error.tooManyTranslationAsks', 429);
	return queueMachineTranslation(db, { source, languages: [language], requestedBy: actor.id, now }, settings);
}

export interface TranslationReport {
	/** Jobs this pass took. */
	taken: number;
	translated: number;
	/** Not sent: the text changed or went away, a person translated it, or it is longer than a day's budget. */
	skipped: number;
	/** Over the consultation's budget for today: waiting for the next UTC day. */
	deferred: number;
	/** Failed this time, to be tried again later. */
	retrying: number;
	/** Failed for good: given up after MAX_ATTEMPTS tries, or an answer that failed the checks. */
	failed: number;
}

/**
 * Sends the jobs that are due to the engine, at most `batch`, one text at a time, and saves what comes
 * back. The queries do not grow with the number of jobs (one more per failure). Safe to run on several
 * servers at once: a pass takes its jobs with one update, so no job is taken twice.
 *
 * Each consultation may send `dailyCharacters` characters per UTC day (counting jobs done or given up
 * since midnight, and those of this pass); a job that does not fit waits for the next midnight.
 * Rate limits, an unavailable or slow engine and refusals are tried again after 1, 4, 16, 64 minutes,
 * 4 and 6 hours (or the engine's Retry-After), and given up after MAX_ATTEMPTS tries. An answer that
 * fails the checks is discarded at once. Both are logged with the job's id, never its text.
 */
export async function translatePass(
	db: DB,
	engine: TranslationEngine,
	options: { batch?: number; now?: Date; dailyCharacters: number }
): Promise<TranslationReport> {
	const now = options.now ?? new Date();
	const iso = now.toISOString();
	const report: TranslationReport = { taken: 0, translated: 0, skipped: 0, deferred: 0, retrying: 0, failed: 0 };
	const ids = await repository.takeDue(db, {
		now: iso,
		leaseUntil: new Date(now.getTime() + LEASE_MS).toISOString(),
		batch: options.batch ?? 20
	});
	if (ids.length === 0) return report;
	report.taken = ids.length;

	const jobs = await repository.listTaken(db, ids);
	// Read now, not when queued: a text edited, hidden or emptied since is not sent.
	const sources = new Map((await loadSources(db, jobs)).map((s) => [textKey(s), s]));
	const byPeople = await repository.madeByPeople(db, jobs);
	const today = midnight(now);
	const spent = await repository.charactersSentSince(
		db,
		jobs.map((j) => j.consultationId),
		today.toISOString()
	);

	const saves: repository.MachineTranslation[] = [];
	const done: number[] = [];
	const skipped: number[] = [];
	const deferred: number[] = [];
	const failures: { id: number; status: 'pending' | 'failed' | 'skipped'; nextAttemptAt: string; error: string }[] = [];
	for (const job of jobs) {
		const source = sources.get(textKey(job));
		if (!source || hashSource(source.text) !== job.sourceHash || byPeople.has(repository.jobKey(job, job.language))) {
			skipped.push(job.id);
			continue;
		}
		if (job.characters > options.dailyCharacters) {
			failures.push({ id: job.id, status: 'skipped', nextAttemptAt: iso, error: 'longer than a day of the budget' });
			continue;
		}
		const used = spent.get(job.consultationId) ?? 0;
		if (used + job.characters > options.dailyCharacters) {
			deferred.push(job.id);
			continue;
		}
		spent.set(job.consultationId, used + job.characters);

		const result = await engine.translate({
			text: source.text,
			source: source.language === 'und' ? 'auto' : source.language,
			target: job.language
		});
		if (result.ok) {
			saves.push({ source, language: job.language, text: result.text });
			done.push(job.id);
			continue;
		}
		const error = `${result.kind}: ${result.reason}`;
		// A refusal (a 4xx such as a wrong API key or a language not loaded) is tried again too: the
		// operator may fix the server within the hours the retries span.
		if (result.kind !== 'invalid' && job.attempts < MAX_ATTEMPTS) {
			const wait = Math.max(
				retryDelay(job.attempts),
				result.kind === 'rate-limited' ? Math.min(result.retryAfterMs ?? 0, DAY) : 0
			);
			failures.push({
				id: job.id,
				status: 'pending',
				nextAttemptAt: new Date(now.getTime() + wait).toISOString(),
				error
			});
			report.retrying++;
			continue;
		}
		failures.push({ id: job.id, status: 'failed', nextAttemptAt: iso, error });
		report.failed++;
		const why = isTransient(result) || result.kind === 'refused' ? `given up after ${job.attempts} tries` : 'discarded';
		logError(new Error(`machine translation ${why}: ${error}`), {
			what: 'machine translation',
			job: job.id,
			language: job.language
		});
	}

	report.translated = await repository.saveMachineTranslations(db, saves, iso);
	await repository.markFinished(db, done, 'done', iso);
	await repository.markFinished(db, skipped, 'skipped', iso);
	await repository.defer(db, deferred, new Date(today.getTime() + DAY).toISOString());
	for (const f of failures) await repository.markFailure(db, f.id, { ...f, now: iso });
	report.skipped = skipped.length + failures.filter((f) => f.status === 'skipped').length;
	report.deferred = deferred.length;
	return report;
}
