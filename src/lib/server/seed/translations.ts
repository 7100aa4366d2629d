import type { DB } from '../db/create';
import { fromParagraphs } from '../../text/paragraphs';
import * as translations from '../translations/repository';
import type { SourceText, TextRef } from '../translations/repository';
import type { ReportData, BackgroundData, PlainLanguageData } from './demo-data';

/** A translation of the demo's reader-facing texts into one language (see gekleurde-armoede/translations/). */
export interface DemoTranslation {
	language: string;
	note: string;
	consultation: { title: string; subtitle: string; purpose: string[] };
	themes: { numeral: string; title: string; shortTitle: string }[];
	recommendations: { number: number; shortTitle: string; plain: string[] }[];
	background: { slug: string; title: string; summary: string }[];
}

/**
 * Adds the demo's translations (written by the team, not checked by a native speaker: origin 'team',
 * unchecked) to the demo consultation. Idempotent, and honest about what it was made from: a
 * translation is added only where the text in the database is still the demo text it was translated
 * from, and never replaces a translation that exists (a translator may have improved it).
 * Returns how many translations were added.
 */
export async function seedDemoTranslations(
	db: DB,
	demo: { report: ReportData; background: BackgroundData; plainLanguage: PlainLanguageData },
	files: readonly DemoTranslation[],
	now = new Date()
): Promise<number> {
	const consultation = await db
		.selectFrom('consultations')
		.select('id')
		.where('slug', '=', demo.report.consultation.slug)
		.executeTakeFirst();
	if (!consultation) return 0;
	const [themes, recommendations, documents] = await Promise.all([
		db.selectFrom('themes').select(['id', 'numeral']).where('consultation_id', '=', consultation.id).execute(),
		db.selectFrom('recommendations').select(['id', 'number']).where('consultation_id', '=', consultation.id).execute(),
		db
			.selectFrom('background_documents')
			.select(['id', 'slug'])
			.where('consultation_id', '=', consultation.id)
			.execute()
	]);
	const themeId = new Map(themes.map((t) => [t.numeral, t.id]));
	const recommendationId = new Map(recommendations.map((r) => [r.number, r.id]));
	const documentId = new Map(documents.map((d) => [d.slug, d.id]));

	// Each translatable text: its ref, the Dutch demo text it was translated from, and how to read it in a file.
	type Entry = { ref: TextRef; dutch: string; pick: (f: DemoTranslation) => string | undefined };
	const entries: Entry[] = [];
	const add = (ref: TextRef | null, dutch: string, pick: Entry['pick']) => {
		if (ref && dutch.trim()) entries.push({ ref, dutch, pick });
	};
	const c = demo.report.consultation;
	const cid = consultation.id;
	add({ itemType: 'consultation', itemId: cid, field: 'title' }, c.title, (f) => f.consultation.title);
	add({ itemType: 'consultation', itemId: cid, field: 'subtitle' }, c.subtitle, (f) => f.consultation.subtitle);
	add({ itemType: 'consultation', itemId: cid, field: 'purpose' }, fromParagraphs(c.purpose), (f) =>
		fromParagraphs(f.consultation.purpose)
	);
	const ref = (itemType: TextRef['itemType'], id: number | undefined, field: TextRef['field']) =>
		id === undefined ? null : { itemType, itemId: id, field };
	for (const t of demo.report.themes) {
		const find = (f: DemoTranslation) => f.themes.find((x) => x.numeral === t.numeral);
		add(ref('theme', themeId.get(t.numeral), 'title'), t.title, (f) => find(f)?.title);
		add(ref('theme', themeId.get(t.numeral), 'short_title'), t.shortTitle, (f) => find(f)?.shortTitle);
	}
	const plain = new Map(demo.plainLanguage.versions.map((v) => [v.number, fromParagraphs(v.paragraphs)]));
	for (const r of demo.report.recommendations) {
		const find = (f: DemoTranslation) => f.recommendations.find((x) => x.number === r.number);
		const id = recommendationId.get(r.number);
		add(ref('recommendation', id, 'short_title'), r.shortTitle, (f) => find(f)?.shortTitle);
		add(ref('recommendation', id, 'plain_text'), plain.get(r.number) ?? '', (f) => {
			const p = find(f)?.plain;
			return p ? fromParagraphs(p) : undefined;
		});
	}
	for (const d of demo.background.documents) {
		const find = (f: DemoTranslation) => f.background.find((x) => x.slug === d.slug);
		add(ref('background', documentId.get(d.slug), 'title'), d.title, (f) => find(f)?.title);
		add(ref('background', documentId.get(d.slug), 'summary'), d.summary, (f) => find(f)?.summary);
	}

	const sources = new Map(
		(
			await translations.loadSources(
				db,
				entries.map((e) => e.ref)
			)
		).map((s) => [translations.textKey(s), s])
	);
	const at = now.toISOString();
	// What each language already has: one query per language, so a restart writes nothing it need not.
	const present = new Set<string>();
	for (const file of files)
		for (const found of await translations.findInto(
			db,
			entries.map((e) => e.ref),
			file.language
		))
			present.add(`${file.language}:${translations.textKey(found)}`);
	let added = 0;
	await db.transaction().execute(async (trx) => {
		for (const file of files)
			for (const e of entries) {
				const source: SourceText | undefined = sources.get(translations.textKey(e.ref));
				const text = e.pick(file)?.trim();
				// Only where the database still holds the text this was translated from, and has no translation yet.
				if (!source || !text || source.text !== e.dutch || source.language === file.language) continue;
				if (present.has(`${file.language}:${translations.textKey(e.ref)}`)) continue;
				if (
					await translations.saveIfAbsent(trx, {
						source,
						language: file.language,
						text,
						origin: 'team',
						translatedBy: null,
						checkedBy: null,
						now: at
					})
				)
					added++;
			}
	});
	return added;
}
