import type { GlossaryEntry, RichParagraph } from '../../domain';
import type { Locale } from '../../i18n/locales';
import type { DB } from '../db/create';
import { createAnnotator } from '../../text/annotate';
import type { WritingTerms } from '../../writing/check';
import * as repository from './repository';

/** The whole glossary, sorted, explained in the interface language (Dutch where a translation is missing). */
export async function list(db: DB, locale: Locale): Promise<GlossaryEntry[]> {
	const rows = await repository.listWithExplanations(db, locale);
	return rows.map(({ forms: _forms, ...entry }) => entry);
}

/** The glossary's terms as the writing check finds them (issue 15): in the text staff write, for everyone to read. */
export function writingTerms(db: DB): Promise<WritingTerms> {
	return repository.listForms(db);
}

export interface Explainer {
	/**
	 * Marks glossary terms in groups of paragraphs (each term once per page, where it first appears) and
	 * returns the entries for the terms it marked, in order of appearance.
	 */
	explain(groups: string[][]): { paragraphs: RichParagraph[][]; terms: GlossaryEntry[] };
}

// Building the explainer (the terms, their explanations, one pattern of all their forms) costs about
// 1.5 ms, the same for every page in a language: keep it a minute per database and language.
const CACHE_MS = 60_000;
const cache = new WeakMap<DB, Map<Locale, { expires: number; explainer: Promise<Explainer> }>>();

/** Forgets the cached explainers, for when glossary terms change. */
export function forgetExplainers(db: DB): void {
	cache.delete(db);
}

/** An explainer for pages in one language. At most one query a minute, whatever the number of terms. */
export function explainerFor(db: DB, locale: Locale, now = Date.now()): Promise<Explainer> {
	let perLocale = cache.get(db);
	if (!perLocale) {
		perLocale = new Map();
		cache.set(db, perLocale);
	}
	const hit = perLocale.get(locale);
	if (hit && hit.expires > now) return hit.explainer;
	const explainer = buildExplainer(db, locale);
	perLocale.set(locale, { expires: now + CACHE_MS, explainer });
	explainer.catch(() => perLocale.delete(locale));
	return explainer;
}

async function buildExplainer(db: DB, locale: Locale): Promise<Explainer> {
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
