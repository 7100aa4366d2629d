import type { GlossaryEntry, RichParagraph } from '../../domain';
import type { Locale } from '../../i18n/locales';
import type { DB } from '../db/create';
import { createAnnotator } from './annotate';
import * as repository from './repository';

/** The whole glossary, sorted, explained in the interface language (Dutch where a translation is missing). */
export async function list(db: DB, locale: Locale): Promise<GlossaryEntry[]> {
	const rows = await repository.listWithExplanations(db, locale);
	return rows.map(({ forms: _forms, ...entry }) => entry);
}

export interface Explainer {
	/**
	 * Marks glossary terms in groups of paragraphs (each term once per page, where it first appears) and
	 * returns the entries for the terms it marked, in order of appearance.
	 */
	explain(groups: string[][]): { paragraphs: RichParagraph[][]; terms: GlossaryEntry[] };
}

/** An explainer for one page, in one language. One query, whatever the number of terms or paragraphs. */
export async function explainerFor(db: DB, locale: Locale): Promise<Explainer> {
	const rows = await repository.listWithExplanations(db, locale);
	const annotate = createAnnotator(repository.toMatchable(rows));
	const bySlug = new Map(rows.map((r) => [r.slug, r]));
	return {
		explain(groups) {
			const seen = new Set<string>();
			const paragraphs = groups.map((group) => group.map((p) => annotate(p, seen)));
			const terms = [...seen].map((slug) => {
				const { forms: _forms, ...entry } = bySlug.get(slug)!;
				return entry;
			});
			return { paragraphs, terms };
		}
	};
}
