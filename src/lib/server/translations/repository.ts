import { createHash } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { TranslatableField, TranslatableItem, TranslationOrigin } from '../../domain';
import type { DB } from '../db/create';
import type { Database } from '../db/types';

/*
 * The translations' SQL: where the source of each translatable text lives, the translations of a set of
 * texts into one language, and writing one. A text is named by its item (type, id) and field.
 */

export interface TextRef {
	itemType: TranslatableItem;
	itemId: number;
	field: TranslatableField;
}

/** A text as written, in its own language, with the consultation it belongs to (for budgets and queues). */
export interface SourceText extends TextRef {
	consultationId: number;
	/** A locale, or 'und' when the writer said "another language". */
	language: string;
	text: string;
}

/** Which fields of each item are translated. */
export const fieldsOf = {
	consultation: ['title', 'subtitle', 'purpose'],
	theme: ['title', 'short_title'],
	recommendation: ['short_title', 'plain_text'],
	background: ['title', 'summary'],
	summary: ['main_points', 'disagreements', 'voices'],
	answer: ['explanation', 'commitment'],
	comment: ['body']
} as const satisfies Record<TranslatableItem, readonly TranslatableField[]>;

/** The same text always gives the same hash; any change to it gives another, which puts its translations out of date. */
export function hashSource(text: string): string {
	return createHash('sha256').update(text.normalize('NFC'), 'utf8').digest('hex');
}

export function textKey(ref: TextRef): string {
	return `${ref.itemType}:${ref.itemId}:${ref.field}`;
}

type Executor = DB | Transaction<Database>;

function idsOf(refs: readonly TextRef[], type: TranslatableItem): number[] {
	return [...new Set(refs.filter((r) => r.itemType === type).map((r) => r.itemId))];
}

/**
 * The source texts of these refs: one query per kind of item asked for. Empty texts (no subtitle, no
 * commitment, an unpublished summary part) are left out: there is nothing to translate.
 */
export async function loadSources(db: Executor, refs: readonly TextRef[]): Promise<SourceText[]> {
	const wanted = new Set(refs.map(textKey));
	const out: SourceText[] = [];
	const add = (
		itemType: TranslatableItem,
		itemId: number,
		consultationId: number,
		language: string,
		fields: Record<string, string | null>
	) => {
		for (const [field, text] of Object.entries(fields)) {
			const ref = { itemType, itemId, field: field as TranslatableField };
			if (text && text.trim() && wanted.has(textKey(ref))) out.push({ ...ref, consultationId, language, text });
		}
	};

	const consultations = idsOf(refs, 'consultation');
	if (consultations.length)
		for (const r of await db
			.selectFrom('consultations')
			.select(['id', 'language', 'title', 'subtitle', 'purpose'])
			.where('id', 'in', consultations)
			.execute())
			add('consultation', r.id, r.id, r.language, { title: r.title, subtitle: r.subtitle, purpose: r.purpose });

	const themes = idsOf(refs, 'theme');
	if (themes.length)
		for (const r of await db
			.selectFrom('themes as t')
			.innerJoin('consultations as c', 'c.id', 't.consultation_id')
			.select(['t.id', 't.consultation_id', 'c.language', 't.title', 't.short_title'])
			.where('t.id', 'in', themes)
			.execute())
			add('theme', r.id, r.consultation_id, r.language, { title: r.title, short_title: r.short_title });

	const recommendations = idsOf(refs, 'recommendation');
	if (recommendations.length)
		for (const r of await db
			.selectFrom('recommendations')
			.select(['id', 'consultation_id', 'language', 'short_title', 'plain_text'])
			.where('id', 'in', recommendations)
			.execute())
			add('recommendation', r.id, r.consultation_id, r.language, {
				short_title: r.short_title,
				plain_text: r.plain_text
			});

	const background = idsOf(refs, 'background');
	if (background.length)
		for (const r of await db
			.selectFrom('background_documents')
			.select(['id', 'consultation_id', 'language', 'title', 'summary'])
			.where('id', 'in', background)
			.execute())
			add('background', r.id, r.consultation_id, r.language, { title: r.title, summary: r.summary });

	const summaries = idsOf(refs, 'summary');
	if (summaries.length)
		for (const r of await db
			.selectFrom('summaries as s')
			.innerJoin('recommendations as r', 'r.id', 's.recommendation_id')
			.innerJoin('consultations as c', 'c.id', 'r.consultation_id')
			.select([
				's.id',
				'r.consultation_id',
				'c.language',
				's.published_main_points',
				's.published_disagreements',
				's.published_voices'
			])
			.where('s.id', 'in', summaries)
			.execute())
			add('summary', r.id, r.consultation_id, r.language, {
				main_points: r.published_main_points,
				disagreements: r.published_disagreements,
				voices: r.published_voices
			});

	const answers = idsOf(refs, 'answer');
	if (answers.length)
		for (const r of await db
			.selectFrom('answers as a')
			.innerJoin('recommendations as r', 'r.id', 'a.recommendation_id')
			.innerJoin('consultations as c', 'c.id', 'r.consultation_id')
			.select(['a.id', 'r.consultation_id', 'c.language', 'a.explanation', 'a.commitment'])
			.where('a.id', 'in', answers)
			.execute())
			add('answer', r.id, r.consultation_id, r.language, { explanation: r.explanation, commitment: r.commitment });

	const comments = idsOf(refs, 'comment');
	if (comments.length)
		for (const r of await db
			.selectFrom('comments as m')
			.innerJoin('recommendations as r', 'r.id', 'm.recommendation_id')
			.select(['m.id', 'r.consultation_id', 'm.language', 'm.body'])
			.where('m.id', 'in', comments)
			.where('m.status', '=', 'visible')
			// A comment waiting for a moderator is not published: nothing to translate for readers yet.
			.where('m.held_for', 'is', null)
			.execute())
			add('comment', r.id, r.consultation_id, r.language, { body: r.body });

	return out;
}

/** The rows of a table keyed by item (item_type, item_id) that belong to these refs' items: one condition per kind of item. */
function refsIn(refs: readonly TextRef[]) {
	const byType = new Map<TranslatableItem, Set<number>>();
	for (const r of refs) byType.set(r.itemType, (byType.get(r.itemType) ?? new Set()).add(r.itemId));
	const each = [...byType].map(([type, ids]) => sql`(item_type = ${type} and item_id in (${sql.join([...ids])}))`);
	return sql<boolean>`(${sql.join(each, sql` or `)})`;
}

export interface TranslationFound {
	id: number;
	itemType: TranslatableItem;
	itemId: number;
	field: TranslatableField;
	language: string;
	sourceHash: string;
	text: string;
	origin: TranslationOrigin;
	translatedBy: number | null;
	checkedBy: number | null;
	checkedAt: string | null;
	updatedAt: string;
}

/** The translations into `language` of these texts, current or not: one query, whatever the number of texts. */
export async function findInto(db: Executor, refs: readonly TextRef[], language: string): Promise<TranslationFound[]> {
	if (refs.length === 0) return [];
	return db
		.selectFrom('translations')
		.select([
			'id',
			'item_type as itemType',
			'item_id as itemId',
			'field',
			'language',
			'source_hash as sourceHash',
			'text',
			'origin',
			'translated_by as translatedBy',
			'checked_by as checkedBy',
			'checked_at as checkedAt',
			'updated_at as updatedAt'
		])
		.where('language', '=', language)
		.where(refsIn(refs))
		.execute();
}

export interface TranslationWrite {
	source: SourceText;
	language: string;
	text: string;
	origin: TranslationOrigin;
	translatedBy: number | null;
	checkedBy: number | null;
	now: string;
}

function rowOf(t: TranslationWrite) {
	const made = {
		source_language: t.source.language,
		source_hash: hashSource(t.source.text),
		text: t.text,
		origin: t.origin,
		translated_by: t.translatedBy,
		checked_by: t.checkedBy,
		checked_at: t.checkedBy === null ? null : t.now,
		updated_at: t.now
	};
	const key = {
		consultation_id: t.source.consultationId,
		item_type: t.source.itemType,
		item_id: t.source.itemId,
		field: t.source.field,
		language: t.language,
		created_at: t.now
	};
	return { made, row: { ...key, ...made } };
}

const oneTextOneLanguage = ['item_type', 'item_id', 'field', 'language'] as const;

/**
 * Writes the translation of a text into a language, replacing the one there was (one per text and
 * language): made from the source as it is now, so it is current.
 */
export async function save(db: Executor, t: TranslationWrite): Promise<number> {
	const { made, row } = rowOf(t);
	const saved = await db
		.insertInto('translations')
		.values(row)
		.onConflict((oc) => oc.columns([...oneTextOneLanguage]).doUpdateSet(made))
		.returning('id')
		.executeTakeFirstOrThrow();
	return saved.id;
}

/** Like save, but keeps a translation that exists. Returns whether one was added. */
export async function saveIfAbsent(db: Executor, t: TranslationWrite): Promise<boolean> {
	const result = await db
		.insertInto('translations')
		.values(rowOf(t).row)
		.onConflict((oc) => oc.columns([...oneTextOneLanguage]).doNothing())
		.executeTakeFirst();
	return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Which of these texts have a machine translation into `language` waiting: their keys with the source hash asked for. One query. */
export async function pendingJobs(
	db: Executor,
	refs: readonly TextRef[],
	language: string
): Promise<Map<string, string>> {
	if (!refs.length) return new Map();
	const rows = await db
		.selectFrom('translation_jobs')
		.select(['item_type as itemType', 'item_id as itemId', 'field', 'source_hash as sourceHash'])
		.where('language', '=', language)
		.where('status', '=', 'pending')
		.where(refsIn(refs))
		.execute();
	return new Map(rows.map((r) => [textKey(r), r.sourceHash]));
}

export interface TranslationRequest extends TextRef {
	consultationId: number;
	language: string;
	userId: number;
	now: string;
}

/** Records that a reader asks a person to translate a text into a language. False when they asked before. */
export async function insertRequest(db: Executor, r: TranslationRequest): Promise<boolean> {
	const result = await db
		.insertInto('translation_requests')
		.values({
			consultation_id: r.consultationId,
			item_type: r.itemType,
			item_id: r.itemId,
			field: r.field,
			language: r.language,
			user_id: r.userId,
			created_at: r.now
		})
		.onConflict((oc) => oc.columns(['item_type', 'item_id', 'field', 'language', 'user_id']).doNothing())
		.executeTakeFirst();
	return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Which of these texts this reader asked a person to translate into `language`: their keys. One query. */
export async function requestedBy(
	db: Executor,
	userId: number,
	refs: readonly TextRef[],
	language: string
): Promise<Set<string>> {
	if (!refs.length) return new Set();
	const rows = await db
		.selectFrom('translation_requests')
		.select(['item_type as itemType', 'item_id as itemId', 'field'])
		.where('user_id', '=', userId)
		.where('language', '=', language)
		.where(refsIn(refs))
		.execute();
	return new Set(rows.map(textKey));
}

/** The language a consultation is run in: the one its staff read. */
export async function consultationLanguage(db: Executor, consultationId: number): Promise<string | undefined> {
	const row = await db
		.selectFrom('consultations')
		.select('language')
		.where('id', '=', consultationId)
		.executeTakeFirst();
	return row?.language;
}
