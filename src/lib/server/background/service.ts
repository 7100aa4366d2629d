import type { BackgroundDocument, BackgroundListItem, Phase } from '../../domain';
import * as consultations from '../consultations/service';
import type { DB } from '../db/create';
import { notFound } from '../errors';
import * as repository from './repository';

/** One workshop report or practice example, with what it supports. Raises common:error.notFound.*. */
export async function getDocument(
	db: DB,
	consultationSlug: string,
	documentSlug: string
): Promise<{ consultation: { slug: string; title: string; phase: Phase }; document: BackgroundDocument }> {
	const consultation = await consultations.requireVisible(db, consultationSlug);
	const row = await repository.findBySlug(db, consultation.id, documentSlug);
	if (!row) throw notFound('background');
	const [sections, recommendations, themes] = await Promise.all([
		repository.listSections(db, row.id),
		repository.listLinkedRecommendations(db, row.id),
		repository.listLinkedThemes(db, row.id)
	]);
	return {
		consultation: { slug: consultation.slug, title: consultation.title, phase: consultation.phase },
		document: {
			kind: row.kind,
			slug: row.slug,
			number: row.number,
			title: row.title,
			subtitle: row.subtitle,
			summary: row.summary,
			organisation: row.organisation,
			inputFrom: row.input_from.split('\n').filter(Boolean),
			language: row.language,
			sections,
			recommendations,
			themes
		}
	};
}

/** All background documents of a consultation, workshops first. Raises common:error.notFound.consultation. */
export async function listDocuments(
	db: DB,
	consultationSlug: string
): Promise<{
	consultation: { slug: string; title: string; language: string; phase: Phase };
	documents: BackgroundListItem[];
}> {
	const consultation = await consultations.requireVisible(db, consultationSlug);
	const documents = await repository.listAll(db, consultation.id);
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
