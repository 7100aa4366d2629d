import type { Consultation, ConsultationSummary, ThemeWithRecommendations } from '../../domain';
import { toParagraphs } from '../../text/paragraphs';
import type { DB } from '../db/create';
import type { ConsultationRow } from '../db/types';
import { notFound } from '../errors';
import { isPubliclyVisible } from './policy';
import * as repository from './repository';

export function toConsultation(
	row: ConsultationRow,
	counts: { recommendationCount: number; themeCount: number }
): Consultation {
	return {
		slug: row.slug,
		title: row.title,
		subtitle: row.subtitle,
		phase: row.phase,
		language: row.language,
		purpose: toParagraphs(row.purpose),
		introduction: toParagraphs(row.introduction),
		source: {
			title: row.source_title,
			publisher: row.source_publisher,
			date: row.source_date,
			place: row.source_place
		},
		...counts
	};
}

/** The consultations on the home page: open ones to take part in, and finished ones to read. */
export async function listPublic(db: DB): Promise<{ open: ConsultationSummary[]; finished: ConsultationSummary[] }> {
	const all = await repository.listByPhases(db, ['open', 'closed', 'summarised', 'answered']);
	return { open: all.filter((c) => c.phase === 'open'), finished: all.filter((c) => c.phase !== 'open') };
}

/** A consultation with its themes and recommendations. Raises common:error.notFound.consultation. */
export async function getOverview(
	db: DB,
	slug: string
): Promise<{ consultation: Consultation; themes: ThemeWithRecommendations[] }> {
	const row = await repository.findBySlug(db, slug);
	if (!row || !isPubliclyVisible(row.phase)) throw notFound('consultation');
	const themes = await repository.listThemesWithRecommendations(db, row.id);
	const recommendationCount = themes.reduce((n, t) => n + t.recommendations.length, 0);
	return { consultation: toConsultation(row, { recommendationCount, themeCount: themes.length }), themes };
}

/** The visible consultation behind a slug, or common:error.notFound.consultation. */
export async function requireVisible(db: DB, slug: string): Promise<ConsultationRow> {
	const row = await repository.findBySlug(db, slug);
	if (!row || !isPubliclyVisible(row.phase)) throw notFound('consultation');
	return row;
}
