import type { Thread } from '../../domain';
import type { Locale } from '../../i18n/locales';
import { toParagraphs } from '../../text/paragraphs';
import * as consultations from '../consultations/service';
import type { DB } from '../db/create';
import type { HoldPolicy } from '../db/types';
import { notFound } from '../errors';
import * as glossary from '../glossary/service';
import * as repository from './repository';

/**
 * A recommendation's thread page: its texts with glossary terms marked, its theme, the background that
 * supports it and its neighbours. Raises common:error.notFound.consultation or .recommendation.
 */
export async function getThread(db: DB, slug: string, number: number, locale: Locale): Promise<Thread> {
	const consultation = await consultations.requireVisible(db, slug);
	if (!Number.isSafeInteger(number) || number < 1) throw notFound('recommendation');
	const row = await repository.findByNumber(db, consultation.id, number);
	if (!row) throw notFound('recommendation');

	const [neighbours, background, explainer] = await Promise.all([
		repository.findNeighbours(db, consultation.id, row.position),
		repository.listBackground(db, row.id),
		glossary.explainerFor(db, locale)
	]);

	// Plain language comes first on the page, so a term is explained where a reader meets it first.
	const explained = explainer.explain([toParagraphs(row.plain_text), toParagraphs(row.official_text)]);
	const [plainText, officialText] = explained.paragraphs;

	return {
		id: row.id,
		consultation: {
			slug: consultation.slug,
			title: consultation.title,
			phase: consultation.phase,
			language: consultation.language
		},
		theme: {
			numeral: row.theme_numeral,
			position: row.theme_position,
			title: row.theme_title,
			shortTitle: row.theme_short_title
		},
		number: row.number,
		shortTitle: row.short_title,
		tag: row.tag,
		language: row.language,
		officialText,
		plainText,
		background,
		previous: neighbours.previous,
		next: neighbours.next,
		terms: explained.terms
	};
}

export interface ThreadRef {
	id: number;
	number: number;
	shortTitle: string;
	/** The language of the recommendation's text (and of staff writing about it). */
	language: string;
	consultationSlug: string;
	consultationTitle: string;
	phase: Thread['consultation']['phase'];
	/** What waits for a moderator besides comments with personal details (see HoldPolicy). */
	holdPolicy: HoldPolicy;
	holdNewAccountDays: number;
	holdAfterReports: number;
}

/** The recommendation behind an address, for the participation services. Raises common:error.notFound.*. */
export async function findThreadRef(db: DB, slug: string, number: number): Promise<ThreadRef> {
	const consultation = await consultations.requireVisible(db, slug);
	if (!Number.isSafeInteger(number) || number < 1) throw notFound('recommendation');
	const row = await repository.findRefByNumber(db, consultation.id, number);
	if (!row) throw notFound('recommendation');
	return {
		id: row.id,
		number: row.number,
		shortTitle: row.short_title,
		language: row.language,
		consultationSlug: consultation.slug,
		consultationTitle: consultation.title,
		phase: consultation.phase,
		holdPolicy: consultation.hold_policy,
		holdNewAccountDays: consultation.hold_new_account_days,
		holdAfterReports: consultation.hold_after_reports
	};
}
