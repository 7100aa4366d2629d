import type { GlossaryEntry } from '../../domain';
import { defaultLocale } from '../../i18n/locales';
import type { DB } from '../db/create';
import type { MatchableTerm } from '../../text/annotate';

export type GlossaryRow = GlossaryEntry & { forms: string[] };

/** Every term with its explanation in `locale`, falling back to Dutch, in one query. */
export async function listWithExplanations(db: DB, locale: string): Promise<GlossaryRow[]> {
	const rows = await db
		.selectFrom('glossary_terms as g')
		.leftJoin('glossary_explanations as e', (join) =>
			join.onRef('e.term_id', '=', 'g.id').on('e.locale', 'in', [...new Set([locale, defaultLocale])])
		)
		.select(['g.slug', 'g.term', 'g.kind', 'g.expansion', 'g.match_forms', 'e.locale', 'e.explanation'])
		.execute();

	const bySlug = new Map<string, GlossaryRow>();
	for (const r of rows) {
		let entry = bySlug.get(r.slug);
		if (!entry) {
			entry = {
				slug: r.slug,
				term: r.term,
				kind: r.kind,
				expansion: r.expansion,
				explanation: '',
				explanationLanguage: defaultLocale,
				forms: r.match_forms.split('\n').filter(Boolean)
			};
			bySlug.set(r.slug, entry);
		}
		// The requested language wins over the Dutch fallback, whatever order the rows come in.
		if (r.explanation && (r.locale === locale || !entry.explanation)) {
			entry.explanation = r.explanation;
			entry.explanationLanguage = r.locale ?? defaultLocale;
		}
	}
	return [...bySlug.values()].sort((a, b) => a.term.localeCompare(b.term, 'nl', { sensitivity: 'base' }));
}

/** Every term's kind and the forms to find, for the writing check: nothing to explain, so one small query. */
export async function listForms(db: DB): Promise<Pick<MatchableTerm, 'kind' | 'forms'>[]> {
	const rows = await db.selectFrom('glossary_terms').select(['kind', 'match_forms']).execute();
	return rows.map((r) => ({ kind: r.kind, forms: r.match_forms.split('\n').filter(Boolean) }));
}

export function toMatchable(rows: readonly GlossaryRow[]): MatchableTerm[] {
	return rows.map((r) => ({ slug: r.slug, kind: r.kind, forms: r.forms }));
}
