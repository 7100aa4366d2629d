import type { BackgroundDocument, BackgroundListItem, Phase } from '../../domain';
import * as consultations from '../consultations/service';
import type { DB } from '../db/create';
import { notFound } from '../errors';
import * as translations from '../translations/service';
import type { Localise, SourceText } from '../translations/service';
import * as repository from './repository';

type BackgroundRow = Awaited<ReturnType<typeof repository.listAll>>[number];

/** One workshop report or practice example, with what it supports. Raises common:error.notFound.*. */
export async function getDocument(
	db: DB,
	consultationSlug: string,
	documentSlug: string,
	locale: string
): Promise<{ consultation: { slug: string; title: string; phase: Phase }; document: BackgroundDocument }> {
	const consultation = await consultations.requireVisible(db, consultationSlug);
	const row = await repository.findBySlug(db, consultation.id, documentSlug);
	if (!row) throw notFound('background');
	const [sections, recommendations, themes] = await Promise.all([
		repository.listSections(db, row.id),
		repository.listLinkedRecommendations(db, row.id),
		repository.listLinkedThemes(db, row.id)
	]);
	const text = translations.sourcesOf(consultation.id, consultation.language);
	const title = text('background', row.id, 'title', row.title, row.language);
	const summary = text('background', row.id, 'summary', row.summary, row.language);
	const recommendationTitles = recommendations.map((r) =>
		text('recommendation', r.id, 'short_title', r.short_title, r.language)
	);
	const themeTitles = themes.map((t) => text('theme', t.id, 'title', t.title));
	const themeShortTitles = themes.map((t) => text('theme', t.id, 'short_title', t.short_title));
	const localise = await translations.localiser(
		db,
		[title, summary, ...recommendationTitles, ...themeTitles, ...themeShortTitles],
		locale
	);
	return {
		consultation: { slug: consultation.slug, title: consultation.title, phase: consultation.phase },
		document: {
			kind: row.kind,
			slug: row.slug,
			number: row.number,
			title: row.title,
			subtitle: row.subtitle,
			summary: row.summary,
			titleShown: localise(title),
			summaryShown: localise(summary),
			organisation: row.organisation,
			inputFrom: row.input_from.split('\n').filter(Boolean),
			language: row.language,
			sections,
			recommendations: recommendations.map((r, i) => ({
				number: r.number,
				shortTitle: r.short_title,
				tag: r.tag,
				titleShown: localise(recommendationTitles[i])
			})),
			themes: themes.map((t, i) => ({
				numeral: t.numeral,
				position: t.position,
				title: t.title,
				shortTitle: t.short_title,
				titleShown: localise(themeTitles[i]),
				shortTitleShown: localise(themeShortTitles[i])
			}))
		}
	};
}

/** All background documents of a consultation, workshops first. Raises common:error.notFound.consultation. */
export async function listDocuments(
	db: DB,
	consultationSlug: string,
	locale: string
): Promise<{
	consultation: { slug: string; title: string; language: string; phase: Phase };
	documents: BackgroundListItem[];
}> {
	const consultation = await consultations.requireVisible(db, consultationSlug);
	const rows = await repository.listAll(db, consultation.id);
	const list = backgroundList(rows, translations.sourcesOf(consultation.id, consultation.language));
	const documents = list.show(await translations.localiser(db, list.sources, locale));
	return {
		consultation: {
			slug: consultation.slug,
			title: consultation.title,
			language: consultation.language,
			phase: consultation.phase
		},
		documents
	};
}

/**
 * Background documents as a list, in the reader's language where translated: `sources` names their
 * texts (to look up with the page's other texts in one query), `show` builds the items once looked up.
 */
export function backgroundList(
	rows: readonly BackgroundRow[],
	text: ReturnType<typeof translations.sourcesOf>
): { sources: SourceText[]; show: (localise: Localise) => BackgroundListItem[] } {
	const named = rows.map((d) => ({
		title: text('background', d.id, 'title', d.title, d.language),
		summary: text('background', d.id, 'summary', d.summary, d.language)
	}));
	return {
		sources: named.flatMap((s) => [s.title, s.summary]),
		show: (localise) =>
			rows.map((d, i) => ({
				kind: d.kind,
				slug: d.slug,
				number: d.number,
				title: d.title,
				subtitle: d.subtitle,
				summary: d.summary,
				titleShown: localise(named[i].title),
				summaryShown: localise(named[i].summary)
			}))
	};
}
