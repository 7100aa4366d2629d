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

/**
 * Where each translatable text lives: the table (as `x`, joined to what gives its consultation and
 * language), and the column of each field. Summaries are translated as published; comments only while
 * visible. Written as SQL fragments from this constant only, never from input. A new kind of item (a
 * collective position) is one entry here.
 */
const sourceTables = {
	consultation: {
		from: 'consultations x',
		consultation: 'x.id',
		language: 'x.language',
		fields: { title: 'x.title', subtitle: 'x.subtitle', purpose: 'x.purpose' }
	},
	theme: {
		from: 'themes x join consultations c on c.id = x.consultation_id',
		consultation: 'x.consultation_id',
		language: 'c.language',
		fields: { title: 'x.title', short_title: 'x.short_title' }
	},
	recommendation: {
		from: 'recommendations x',
		consultation: 'x.consultation_id',
		language: 'x.language',
		fields: { short_title: 'x.short_title', plain_text: 'x.plain_text' }
	},
	background: {
		from: 'background_documents x',
		consultation: 'x.consultation_id',
		language: 'x.language',
		fields: { title: 'x.title', summary: 'x.summary' }
	},
	summary: {
		from: 'summaries x join recommendations r on r.id = x.recommendation_id join consultations c on c.id = r.consultation_id',
		consultation: 'r.consultation_id',
		language: 'c.language',
		fields: {
			main_points: 'x.published_main_points',
			disagreements: 'x.published_disagreements',
			voices: 'x.published_voices'
		}
	},
	answer: {
		from: 'answers x join recommendations r on r.id = x.recommendation_id join consultations c on c.id = r.consultation_id',
		consultation: 'r.consultation_id',
		language: 'c.language',
		fields: { explanation: 'x.explanation', commitment: 'x.commitment' }
	},
	comment: {
		// A comment waiting for a moderator is not published: nothing to translate for readers yet.
		from: "comments x join recommendations r on r.id = x.recommendation_id and x.status = 'visible' and x.held_for is null",
		consultation: 'r.consultation_id',
		language: 'x.language',
		fields: { body: 'x.body' }
	},
	position: {
		// The version readers see of a published (or withdrawn) position; a hidden one is not translated.
		from: 'positions x join position_versions v on v.id = x.current_version_id and x.hidden_at is null join recommendations r on r.id = x.recommendation_id',
		consultation: 'r.consultation_id',
		language: 'v.language',
		fields: { explanation: 'v.explanation' }
	},
	meeting_quote: {
		// Only what readers see: a quote of a published meeting record that no moderator hid.
		from: "meeting_quotes x join meeting_items i on i.id = x.item_id join meetings m on m.id = i.meeting_id and m.status = 'published' and x.hidden_at is null",
		consultation: 'm.consultation_id',
		language: 'x.language',
		fields: { body: 'x.body' }
	}
} as const satisfies Record<
	TranslatableItem,
	{ from: string; consultation: string; language: string; fields: Partial<Record<TranslatableField, string>> }
>;

/** Which fields of each item are translated. */
export const fieldsOf = Object.fromEntries(
	Object.entries(sourceTables).map(([type, t]) => [type, Object.keys(t.fields)])
) as { [T in TranslatableItem]: (keyof (typeof sourceTables)[T]['fields'])[] };

/** The same text always gives the same hash; any change to it gives another, which puts its translations out of date. */
export function hashSource(text: string): string {
	return createHash('sha256').update(text.normalize('NFC'), 'utf8').digest('hex');
}

export function textKey(ref: TextRef): string {
	return `${ref.itemType}:${ref.itemId}:${ref.field}`;
}

type Executor = DB | Transaction<Database>;

/**
 * The source texts of these refs, in one query whatever their kinds. Empty texts (no subtitle, no
 * commitment, an unpublished summary part) are left out: there is nothing to translate.
 */
export async function loadSources(db: Executor, refs: readonly TextRef[]): Promise<SourceText[]> {
	const ids = new Map<string, Set<number>>();
	for (const r of refs) {
		const key = `${r.itemType}:${r.field}`;
		if (r.itemType in sourceTables && r.field in sourceTables[r.itemType].fields && Number.isSafeInteger(r.itemId))
			ids.set(key, (ids.get(key) ?? new Set()).add(r.itemId));
	}
	if (ids.size === 0) return [];
	const parts = [...ids].map(([key, set]) => {
		const [type, field] = key.split(':') as [TranslatableItem, TranslatableField];
		const t = sourceTables[type];
		const column = (t.fields as Partial<Record<TranslatableField, string>>)[field]!;
		return sql`select ${type} as item_type, x.id as item_id, ${sql.raw(t.consultation)} as consultation_id,
			${sql.raw(t.language)} as language, ${field} as field, ${sql.raw(column)} as text
			from ${sql.raw(t.from)} where x.id in (${sql.join([...set])})`;
	});
	const { rows } = await sql<{
		item_type: TranslatableItem;
		item_id: number;
		consultation_id: number;
		language: string;
		field: TranslatableField;
		text: string | null;
	}>`${sql.join(parts, sql` union all `)}`.execute(db);
	return rows
		.filter((r) => r.text && r.text.trim())
		.map((r) => ({
			itemType: r.item_type,
			itemId: Number(r.item_id),
			field: r.field,
			consultationId: Number(r.consultation_id),
			language: r.language,
			text: r.text!
		}));
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
