import { sql } from 'kysely';
import type { DB } from '../db/create';
import type { TranslatableField, TranslatableItem, TranslationOrigin } from '../../domain';
import { fieldsOf, type TextRef } from '../translations/repository';
import { countRows } from '../db/count';

/*
 * The translators' SQL: what readers asked for, the comments staff cannot read, the published
 * summaries and answers, and the translations there are; each in one query, whatever their number.
 */

/** The columns that name a text, selected as a TextRef. */
const textRefColumns = ['item_type as itemType', 'item_id as itemId', 'field'] as const;

/** A text and a language: the one it is to be read in, or (a translation) the one it is written in. */
export interface TextIn extends TextRef {
	language: string;
}

export interface Waiting extends TextIn {
	readers: number;
}

/** How many readers asked for a person's translation of each text into one of these languages. */
export async function waitingReaders(db: DB, languages: readonly string[]): Promise<Waiting[]> {
	if (languages.length === 0) return [];
	const rows = await db
		.selectFrom('translation_requests')
		.select([...textRefColumns, 'language', (eb) => eb.fn.countAll<number>().as('n')])
		.where('language', 'in', [...languages])
		.groupBy(['item_type', 'item_id', 'field', 'language'])
		.execute();
	return rows.map(({ n, ...r }) => ({ ...r, readers: Number(n) }));
}

/**
 * The visible comments written in another language than their consultation's (or in "another
 * language"), with that consultation's language: staff must be able to read them.
 */
export async function foreignComments(db: DB, languages: readonly string[]): Promise<TextIn[]> {
	if (languages.length === 0) return [];
	const rows = await db
		.selectFrom('comments as m')
		.innerJoin('recommendations as r', 'r.id', 'm.recommendation_id')
		.innerJoin('consultations as c', 'c.id', 'r.consultation_id')
		.select(['m.id', 'c.language'])
		.where('m.status', '=', 'visible')
		.whereRef('m.language', '!=', 'c.language')
		.where('c.language', 'in', [...languages])
		.where('c.phase', '!=', 'draft')
		.execute();
	return rows.map((r) => ({ itemType: 'comment', itemId: r.id, field: 'body', language: r.language }));
}

/** Every field of the published summaries and of the current published answers (not earlier versions). */
export async function publishedOutcomes(db: DB): Promise<TextRef[]> {
	const rows = await db
		.selectFrom('summaries as s')
		.select([sql<TranslatableItem>`'summary'`.as('type'), 's.id'])
		.where('s.published_at', 'is not', null)
		.unionAll(
			db
				.selectFrom('answers as a')
				.select([sql<TranslatableItem>`'answer'`.as('type'), 'a.id'])
				.where('a.published_at', 'is not', null)
				.where(({ not, exists, selectFrom }) =>
					not(
						exists(
							selectFrom('answers as later')
								.select('later.id')
								.whereRef('later.recommendation_id', '=', 'a.recommendation_id')
								.where('later.published_at', 'is not', null)
								.whereRef('later.published_at', '>', 'a.published_at')
						)
					)
				)
		)
		.execute();
	return rows.flatMap((r) =>
		(fieldsOf[r.type as 'summary' | 'answer'] as readonly TranslatableField[]).map((field) => ({
			itemType: r.type,
			itemId: r.id,
			field
		}))
	);
}

export interface TranslationState extends TextIn {
	sourceHash: string;
	origin: TranslationOrigin;
	checked: boolean;
}

/** Every translation into these languages, without its text: one query. */
export async function translationsInto(db: DB, languages: readonly string[]): Promise<TranslationState[]> {
	if (languages.length === 0) return [];
	const rows = await db
		.selectFrom('translations')
		.select([...textRefColumns, 'language', 'source_hash as sourceHash', 'origin', 'checked_by'])
		.where('language', 'in', [...languages])
		.execute();
	return rows.map(({ checked_by, ...r }) => ({ ...r, checked: checked_by !== null }));
}

/** Who wrote a comment (null for other texts, or a deleted account). */
export async function commentAuthor(db: DB, ref: TextRef): Promise<number | null> {
	if (ref.itemType !== 'comment') return null;
	const row = await db.selectFrom('comments').select('author_id').where('id', '=', ref.itemId).executeTakeFirst();
	return row?.author_id ?? null;
}

/** The readers waiting for a person's translation of a text into a language. */
export async function countWaiting(db: DB, ref: TextRef, language: string): Promise<number> {
	return countRows(
		db
			.selectFrom('translation_requests')
			.where('item_type', '=', ref.itemType)
			.where('item_id', '=', ref.itemId)
			.where('field', '=', ref.field)
			.where('language', '=', language)
	);
}

/** A person translated the text: the readers' requests are answered. Returns who had asked. */
export async function answerRequests(db: DB, ref: TextRef, language: string): Promise<number[]> {
	const rows = await db
		.deleteFrom('translation_requests')
		.where('item_type', '=', ref.itemType)
		.where('item_id', '=', ref.itemId)
		.where('field', '=', ref.field)
		.where('language', '=', language)
		.returning('user_id')
		.execute();
	return rows.map((r) => r.user_id);
}
