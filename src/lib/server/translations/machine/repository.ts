import { sql, type Transaction } from 'kysely';
import type { TranslatableField, TranslatableItem } from '../../../domain';
import type { DB } from '../../db/create';
import type { Database } from '../../db/types';
import { takeDue as takeDueRows } from '../../work-queue';
import { hashSource, type SourceText, type TextRef } from '../repository';
import { countRows } from '../../db/count';

/*
 * The machine translation jobs' SQL: queueing (the unique text, language and source hash is the cache),
 * what a pass (./service) takes, reads and marks, the daily budget and the per-person count. And the one
 * write of a machine translation into `translations`, which never replaces one made by a person.
 */

type Executor = DB | Transaction<Database>;

/** The columns that name a text, its target language and the version of the source (jobs and translations). */
const textColumns = (source: SourceText, language: string) => ({
	consultation_id: source.consultationId,
	item_type: source.itemType,
	item_id: source.itemId,
	field: source.field,
	language,
	source_language: source.language,
	source_hash: hashSource(source.text)
});

export interface NewJob {
	source: SourceText;
	language: string;
	requestedBy: number | null;
}

/**
 * Queues a job per text and language, at most one per source hash: the same text into the same language
 * is queued (and sent) once. A finished job for that hash (done or skipped) is opened again: queueing
 * only happens when no current translation exists, so its translation was replaced since. A failed job
 * stays failed. Returns the number of jobs queued.
 */
export async function insertJobs(db: Executor, jobs: readonly NewJob[], now: string): Promise<number> {
	if (jobs.length === 0) return 0;
	const result = await db
		.insertInto('translation_jobs')
		.values(
			jobs.map((j) => ({
				...textColumns(j.source, j.language),
				characters: [...j.source.text].length,
				next_attempt_at: now,
				requested_by: j.requestedBy,
				created_at: now
			}))
		)
		.onConflict((oc) =>
			oc
				.columns(['item_type', 'item_id', 'field', 'language', 'source_hash'])
				.doUpdateSet((eb) => ({
					status: 'pending',
					attempts: 0,
					next_attempt_at: now,
					last_error: null,
					finished_at: null,
					requested_by: eb.ref('excluded.requested_by'),
					created_at: now
				}))
				.where('translation_jobs.status', 'in', ['done', 'skipped'])
		)
		.executeTakeFirst();
	return Number(result.numInsertedOrUpdatedRows ?? 0);
}

/**
 * Of these languages, those the text needs no machine translation into: a person made one (current or
 * not: a machine never replaces it), or there is one made from the text as it is now.
 */
export async function settledLanguages(
	db: Executor,
	source: SourceText,
	languages: readonly string[]
): Promise<Set<string>> {
	if (languages.length === 0) return new Set();
	const rows = await db
		.selectFrom('translations')
		.select('language')
		.where('item_type', '=', source.itemType)
		.where('item_id', '=', source.itemId)
		.where('field', '=', source.field)
		.where('language', 'in', [...languages])
		.where((eb) => eb.or([eb('origin', '!=', 'machine'), eb('source_hash', '=', hashSource(source.text))]))
		.execute();
	return new Set(rows.map((r) => r.language));
}

/** Takes the jobs that are due, at most `batch`, leased until `leaseUntil` (see work-queue takeDue). */
export function takeDue(db: DB, options: { now: string; leaseUntil: string; batch: number }): Promise<number[]> {
	return takeDueRows(db, 'translation_jobs', options);
}

export interface TakenJob extends TextRef {
	id: number;
	consultationId: number;
	language: string;
	sourceHash: string;
	characters: number;
	attempts: number;
}

export async function listTaken(db: DB, ids: readonly number[]): Promise<TakenJob[]> {
	return db
		.selectFrom('translation_jobs')
		.select([
			'id',
			'consultation_id as consultationId',
			'item_type as itemType',
			'item_id as itemId',
			'field',
			'language',
			'source_hash as sourceHash',
			'characters',
			'attempts'
		])
		.where('id', 'in', [...ids])
		.orderBy('id')
		.execute();
}

/** `textKey:language` of the translations of these jobs' texts that a person made: one query. */
export async function madeByPeople(db: DB, jobs: readonly TakenJob[]): Promise<Set<string>> {
	if (jobs.length === 0) return new Set();
	const rows = await db
		.selectFrom('translations')
		.select(['item_type', 'item_id', 'field', 'language'])
		.where('origin', '!=', 'machine')
		.where((eb) => eb.or(jobs.map((j) => eb.and([eb('item_type', '=', j.itemType), eb('item_id', '=', j.itemId)]))))
		.where('language', 'in', [...new Set(jobs.map((j) => j.language))])
		.execute();
	return new Set(rows.map((r) => jobKey({ itemType: r.item_type, itemId: r.item_id, field: r.field }, r.language)));
}

export const jobKey = (
	ref: { itemType: TranslatableItem; itemId: number; field: TranslatableField },
	language: string
) => `${ref.itemType}:${ref.itemId}:${ref.field}:${language}`;

/**
 * Characters sent to the engine per consultation since `since`: the jobs done or given up since then
 * (a skipped job was never sent). One query for all the consultations asked about.
 */
export async function charactersSentSince(
	db: DB,
	consultationIds: readonly number[],
	since: string
): Promise<Map<number, number>> {
	if (consultationIds.length === 0) return new Map();
	const rows = await db
		.selectFrom('translation_jobs')
		.select(['consultation_id', (eb) => eb.fn.sum<number>('characters').as('characters')])
		.where('consultation_id', 'in', [...new Set(consultationIds)])
		.where('status', 'in', ['done', 'failed'])
		.where('finished_at', '>=', since)
		.groupBy('consultation_id')
		.execute();
	return new Map(rows.map((r) => [r.consultation_id, Number(r.characters)]));
}

/** How many jobs this person asked for since `since`. */
export async function countAsksSince(db: Executor, userId: number, since: string): Promise<number> {
	return countRows(
		db.selectFrom('translation_jobs').where('requested_by', '=', userId).where('created_at', '>=', since)
	);
}

/** Jobs translated (done) or left alone on purpose (skipped), finished at `now`. */
export async function markFinished(
	db: DB,
	ids: readonly number[],
	status: 'done' | 'skipped',
	now: string
): Promise<void> {
	if (ids.length)
		await db
			.updateTable('translation_jobs')
			.set({ status, finished_at: now })
			.where('id', 'in', [...ids])
			.execute();
}

/** Jobs over the day's budget: pending again from `until`, and taking them did not count as a try. */
export async function defer(db: DB, ids: readonly number[], until: string): Promise<void> {
	if (ids.length)
		await db
			.updateTable('translation_jobs')
			.set((eb) => ({ next_attempt_at: until, attempts: eb('attempts', '-', 1) }))
			.where('id', 'in', [...ids])
			.execute();
}

/** A failed try: pending again from `nextAttemptAt`, or failed (or skipped) for good; with the reason. */
export async function markFailure(
	db: DB,
	id: number,
	failure: { status: 'pending' | 'failed' | 'skipped'; nextAttemptAt: string; error: string; now: string }
): Promise<void> {
	await db
		.updateTable('translation_jobs')
		.set({
			status: failure.status,
			next_attempt_at: failure.nextAttemptAt,
			last_error: failure.error.slice(0, 200),
			finished_at: failure.status === 'pending' ? null : failure.now
		})
		.where('id', '=', id)
		.execute();
}

export interface MachineTranslation {
	source: SourceText;
	language: string;
	text: string;
}

/**
 * Writes machine translations, one statement for all: each replaces the translation there was only when
 * that one was made by a machine too, so a person's translation is never overwritten, even by a pass
 * that read the table before the person saved. Returns how many were written.
 */
export async function saveMachineTranslations(
	db: DB,
	translations: readonly MachineTranslation[],
	now: string
): Promise<number> {
	if (translations.length === 0) return 0;
	const result = await db
		.insertInto('translations')
		.values(
			translations.map((t) => ({
				...textColumns(t.source, t.language),
				text: t.text,
				origin: 'machine' as const,
				translated_by: null,
				checked_by: null,
				checked_at: null,
				created_at: now,
				updated_at: now
			}))
		)
		.onConflict((oc) =>
			oc
				.columns(['item_type', 'item_id', 'field', 'language'])
				.doUpdateSet((eb) => ({
					source_language: eb.ref('excluded.source_language'),
					source_hash: eb.ref('excluded.source_hash'),
					text: eb.ref('excluded.text'),
					translated_by: null,
					checked_by: null,
					checked_at: null,
					updated_at: now
				}))
				.where('translations.origin', '=', sql.lit('machine'))
		)
		.executeTakeFirst();
	return Number(result.numInsertedOrUpdatedRows ?? 0);
}
