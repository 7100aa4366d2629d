import type { TranslatableField, TranslatableItem } from '../../domain';
import type { Shown } from '../../views';
import type { DB } from '../db/create';
import { parseMarked, type MarkedBlock } from '../../text/marked';
import * as repository from './repository';
import { hashSource, textKey, type SourceText, type TextRef } from './repository';

/*
 * Reading in my language: each text a page shows is looked up among its translations into the reader's
 * language, all in one query per page. A translation is shown only when it is current: made from the
 * source text as it is now (same hash). Otherwise the text is shown as written.
 */

export type { SourceText, TextRef };

/** Names the texts of one consultation: `text(itemType, itemId, field, written, language?)`. */
export function sourcesOf(consultationId: number, language: string) {
	return (
		itemType: TranslatableItem,
		itemId: number,
		field: TranslatableField,
		text: string,
		lang = language
	): SourceText => ({
		itemType,
		itemId,
		field,
		text,
		language: lang,
		consultationId
	});
}

/** What a lookup needs of a text: which text it is, its language and its words as written. */
export type Readable = Omit<SourceText, 'consultationId'>;

/** A comment's body as a text to look up. */
export const commentBody = (c: { id: number; body: string; language: string }): Readable => ({
	itemType: 'comment',
	itemId: c.id,
	field: 'body',
	text: c.body,
	language: c.language
});

/** Who reads texts of one consultation: the language they read in, and the one the texts are written in. */
export interface Reader {
	language: string;
	written: string;
}

/** Marked-up text (a summary section, an answer) as shown: parsed from its translation where there is one. */
export function shownMarked(shown: Shown, asWritten: MarkedBlock[]): MarkedBlock[] {
	return shown.translated ? parseMarked(shown.text) : asWritten;
}

/** Shows a text in the reader's language, where a current translation exists. */
export type Localise = (source: Readable) => Shown;

/** The text as written, in its own language. */
export function asWritten(source: Pick<SourceText, 'text' | 'language'>): Shown {
	return { text: source.text, lang: source.language === 'und' ? '' : source.language, translated: null, coming: false };
}

/**
 * Finds the translations of `sources` into `language` (one query) and returns a function that shows
 * each source: translated when a current translation exists, as written otherwise. Texts already in the
 * reader's language are shown as written. `coming` names the texts a machine translation is on its way for.
 */
export async function localiser(
	db: DB,
	sources: readonly Readable[],
	language: string,
	options: { coming?: (source: Readable) => boolean } = {}
): Promise<Localise> {
	const wanted = sources.filter((s) => s.language !== language && s.text.trim() !== '');
	const found = wanted.length ? await repository.findInto(db, wanted, language) : [];
	const byKey = new Map(found.map((t) => [textKey(t), t]));
	return (source) => {
		const shown = asWritten(source);
		if (source.language === language) return shown;
		const t = byKey.get(textKey(source));
		if (!t || t.sourceHash !== hashSource(source.text)) return { ...shown, coming: options.coming?.(source) ?? false };
		return {
			text: t.text,
			lang: language,
			translated: {
				origin: t.origin,
				checked: t.origin === 'official' || t.checkedBy !== null,
				original: source.text,
				originalLang: shown.lang
			},
			coming: false
		};
	};
}

/**
 * Like localiser, for texts a reader may ask to have translated (comments): a text with no current
 * translation is `coming` while a machine translation of it as it is now waits, and `asked` says whether
 * this reader asked a person to translate it. One query when every text is translated (or in the
 * reader's language), three at most.
 */
export async function readerLocaliser(
	db: DB,
	sources: readonly Readable[],
	language: string,
	readerId: number | null
): Promise<{ shown: Localise; asked: (source: Readable) => boolean }> {
	const localise = await localiser(db, sources, language);
	const untranslated = sources.filter(
		(s) => s.language !== language && s.text.trim() !== '' && localise(s).translated === null
	);
	const [pending, asked] = await Promise.all([
		repository.pendingJobs(db, untranslated, language),
		readerId === null ? new Set<string>() : repository.requestedBy(db, readerId, untranslated, language)
	]);
	return {
		shown: (source) => {
			const shown = localise(source);
			return shown.translated || pending.get(textKey(source)) !== hashSource(source.text)
				? shown
				: { ...shown, coming: true };
		},
		asked: (source) => asked.has(textKey(source))
	};
}

/**
 * Staff read every text in the consultation's language: each source with the language it is read in
 * (`into`) is shown translated where a current translation exists, or as written with `translated: null`;
 * null when it is written in that language already. One query per language asked for (usually one).
 */
export async function forStaff<S extends Readable & { into: string }>(
	db: DB,
	sources: readonly S[]
): Promise<(source: S) => Shown | null> {
	const languages = [...new Set(sources.filter((s) => s.language !== s.into).map((s) => s.into))];
	const localisers = new Map(
		await Promise.all(
			languages.map(
				async (l) =>
					[
						l,
						await localiser(
							db,
							sources.filter((s) => s.into === l),
							l
						)
					] as const
			)
		)
	);
	return (source) => (source.language === source.into ? null : localisers.get(source.into)!(source));
}
