import { encodeBlocks } from '../background/blocks';
import type { DB } from '../db/create';
import { fromParagraphs } from '../../text/paragraphs';
import type { BackgroundData, GlossaryData, PlainLanguageData, ReportData } from './demo-data';

export interface SeedResult {
	consultation: 'created' | 'exists';
	glossaryTermsAdded: number;
}

/**
 * Loads a consultation and glossary into the database. Idempotent: a consultation whose slug exists is
 * left alone, and glossary terms are added only when their slug is new, so a second run changes nothing.
 * Everything happens in one transaction, so a crash halfway leaves no half-loaded consultation.
 */
export async function seedConsultation(
	db: DB,
	data: { report: ReportData; background: BackgroundData; glossary: GlossaryData; plainLanguage: PlainLanguageData },
	options: { phase?: 'draft' | 'open'; now?: Date } = {}
): Promise<SeedResult> {
	const now = (options.now ?? new Date()).toISOString();
	const { report, background, glossary, plainLanguage } = data;

	return db.transaction().execute(async (trx) => {
		let consultationResult: SeedResult['consultation'] = 'exists';
		const existing = await trx
			.selectFrom('consultations')
			.select('id')
			.where('slug', '=', report.consultation.slug)
			.executeTakeFirst();

		if (!existing) {
			consultationResult = 'created';
			const c = report.consultation;
			const { id: consultationId } = await trx
				.insertInto('consultations')
				.values({
					slug: c.slug,
					title: c.title,
					subtitle: c.subtitle,
					purpose: fromParagraphs(c.purpose),
					introduction: fromParagraphs(c.introduction),
					language: 'nl',
					phase: options.phase ?? 'open',
					source_title: c.source.title,
					source_publisher: c.source.publisher,
					source_date: c.source.date,
					source_place: c.source.place,
					organiser_name: c.organiser.name,
					organiser_line: c.organiser.line,
					organiser_contact: c.organiser.contact,
					created_at: now,
					updated_at: now
				})
				.returning('id')
				.executeTakeFirstOrThrow();

			const themeIds = new Map<string, number>();
			for (const theme of report.themes) {
				const { id } = await trx
					.insertInto('themes')
					.values({
						consultation_id: consultationId,
						numeral: theme.numeral,
						position: theme.position,
						title: theme.title,
						short_title: theme.shortTitle
					})
					.returning('id')
					.executeTakeFirstOrThrow();
				themeIds.set(theme.numeral, id);
			}

			const plainByNumber = new Map(plainLanguage.versions.map((v) => [v.number, v.paragraphs]));
			const recommendationIds = new Map<number, number>();
			const ordered = [...report.recommendations].sort((a, b) => a.number - b.number);
			for (const [index, r] of ordered.entries()) {
				const themeId = themeIds.get(r.theme);
				if (themeId === undefined) throw new Error(`Recommendation ${r.number} names unknown theme ${r.theme}`);
				const { id } = await trx
					.insertInto('recommendations')
					.values({
						consultation_id: consultationId,
						theme_id: themeId,
						number: r.number,
						short_title: r.shortTitle,
						official_text: fromParagraphs(r.paragraphs),
						plain_text: fromParagraphs(plainByNumber.get(r.number) ?? []),
						language: 'nl',
						tag: r.tag,
						position: index + 1,
						created_at: now,
						updated_at: now
					})
					.returning('id')
					.executeTakeFirstOrThrow();
				recommendationIds.set(r.number, id);
			}

			for (const [index, d] of background.documents.entries()) {
				const { id: documentId } = await trx
					.insertInto('background_documents')
					.values({
						consultation_id: consultationId,
						kind: d.kind,
						slug: d.slug,
						number: d.number,
						title: d.title,
						subtitle: d.subtitle,
						organisation: d.organisation,
						summary: d.summary,
						input_from: (d.inputFrom ?? []).join('\n'),
						language: 'nl',
						position: index + 1
					})
					.returning('id')
					.executeTakeFirstOrThrow();
				const sections = d.sections.map((s, i) => ({
					document_id: documentId,
					position: i + 1,
					section_key: s.key,
					heading: s.heading,
					body: encodeBlocks(s.blocks)
				}));
				if (sections.length > 0) await trx.insertInto('background_sections').values(sections).execute();
				const recs = [...new Set(d.recommendations)].map((n) => {
					const recommendationId = recommendationIds.get(n);
					if (recommendationId === undefined) throw new Error(`${d.slug} links unknown recommendation ${n}`);
					return { document_id: documentId, recommendation_id: recommendationId };
				});
				if (recs.length > 0) await trx.insertInto('background_recommendations').values(recs).execute();
				const themes = [...new Set(d.themes)].map((numeral) => {
					const themeId = themeIds.get(numeral);
					if (themeId === undefined) throw new Error(`${d.slug} links unknown theme ${numeral}`);
					return { document_id: documentId, theme_id: themeId };
				});
				if (themes.length > 0) await trx.insertInto('background_themes').values(themes).execute();
			}
		}

		const known = new Set((await trx.selectFrom('glossary_terms').select('slug').execute()).map((r) => r.slug));
		let glossaryTermsAdded = 0;
		for (const term of glossary.terms) {
			if (known.has(term.slug)) continue;
			const { id } = await trx
				.insertInto('glossary_terms')
				.values({
					slug: term.slug,
					term: term.term,
					kind: term.kind,
					expansion: term.expansion,
					match_forms: term.match.join('\n'),
					created_at: now,
					updated_at: now
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			const explanations = Object.entries(term.explanation)
				.filter(([, text]) => text.trim())
				.map(([locale, explanation]) => ({ term_id: id, locale, explanation: explanation.trim() }));
			if (explanations.length > 0) await trx.insertInto('glossary_explanations').values(explanations).execute();
			glossaryTermsAdded++;
		}

		return { consultation: consultationResult, glossaryTermsAdded };
	});
}
