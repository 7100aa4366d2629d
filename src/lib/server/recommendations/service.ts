import type { RecommendationListItem, Thread } from '../../domain';
import type { Locale } from '../../i18n/locales';
import { toParagraphs } from '../../text/paragraphs';
import { blockTexts, richBlocks } from '../../text/blocks';
import { decodeBlocks } from '../background/blocks';
import * as consultations from '../consultations/service';
import type { DB } from '../db/create';
import type { HoldPolicy } from '../db/types';
import { notFound } from '../errors';
import * as glossary from '../glossary/service';
import { backgroundList } from '../background/service';
import * as translations from '../translations/service';
import type { SourceText } from '../translations/service';
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

	const [neighbours, backgroundRows, explainer] = await Promise.all([
		repository.findNeighbours(db, consultation.id, row.position),
		repository.listBackground(db, row.id),
		glossary.explainerFor(db, locale)
	]);

	// Every text of the page that a reader reads, looked up in the reader's language in one query.
	const text = translations.sourcesOf(consultation.id, row.language);
	const sources = {
		title: text('recommendation', row.id, 'short_title', row.short_title),
		consultation: text('consultation', consultation.id, 'title', consultation.title, consultation.language),
		plain: text('recommendation', row.id, 'plain_text', row.plain_text),
		theme: text('theme', row.theme_id, 'title', row.theme_title, consultation.language),
		themeShort: text('theme', row.theme_id, 'short_title', row.theme_short_title, consultation.language),
		previous:
			neighbours.previous &&
			text('recommendation', neighbours.previous.id, 'short_title', neighbours.previous.short_title),
		next: neighbours.next && text('recommendation', neighbours.next.id, 'short_title', neighbours.next.short_title),
		background: backgroundList(backgroundRows, text)
	};
	const localise = await translations.localiser(
		db,
		[
			sources.title,
			sources.consultation,
			sources.plain,
			sources.theme,
			sources.themeShort,
			...[sources.previous, sources.next].filter((s) => s !== null),
			...sources.background.sources
		],
		locale
	);
	const plainShown = row.plain_text.trim() ? localise(sources.plain) : null;

	// Plain language comes first on the page, so a term is explained where a reader meets it first.
	const official = decodeBlocks(row.official_text);
	const explained = explainer.explain([toParagraphs(plainShown?.text ?? ''), blockTexts(official)]);
	const [plainText, officialText] = explained.paragraphs;
	const listItem = (r: typeof neighbours.previous, source: SourceText | null): RecommendationListItem | null =>
		r && source ? { number: r.number, shortTitle: r.short_title, tag: r.tag, titleShown: localise(source) } : null;

	return {
		id: row.id,
		consultation: {
			slug: consultation.slug,
			title: consultation.title,
			phase: consultation.phase,
			language: consultation.language,
			titleShown: localise(sources.consultation)
		},
		theme: {
			numeral: row.theme_numeral,
			position: row.theme_position,
			title: row.theme_title,
			shortTitle: row.theme_short_title,
			titleShown: localise(sources.theme),
			shortTitleShown: localise(sources.themeShort)
		},
		number: row.number,
		shortTitle: row.short_title,
		titleShown: localise(sources.title),
		tag: row.tag,
		language: row.language,
		officialText,
		textVersion: row.text_version,
		lastChangeVersion: row.last_change_version,
		officialBlocks: richBlocks(official, officialText),
		reportNumber: row.report_number,
		plainText,
		plainShown,
		background: sources.background.show(localise),
		previous: listItem(neighbours.previous, sources.previous),
		next: listItem(neighbours.next, sources.next),
		terms: explained.terms
	};
}

export interface ThreadRef {
	id: number;
	number: number;
	shortTitle: string;
	/** The language of the recommendation's text (and of staff writing about it). */
	language: string;
	/** The consultation's language: staff read every comment in it. */
	consultationLanguage: string;
	consultationSlug: string;
	consultationTitle: string;
	phase: Thread['consultation']['phase'];
	/** What waits for a moderator besides comments with personal details (see HoldPolicy). */
	holdPolicy: HoldPolicy;
	holdNewAccountDays: number;
	holdAfterReports: number;
}

/**
 * The recommendation behind an address, for the participation services. Raises common:error.notFound.*.
 * With `drafts`, one in a draft consultation too: only for staff who prepare it, checked by the caller.
 */
export async function findThreadRef(db: DB, slug: string, number: number, drafts = false): Promise<ThreadRef> {
	const consultation = await consultations.requireVisible(db, slug, drafts);
	if (!Number.isSafeInteger(number) || number < 1) throw notFound('recommendation');
	const row = await repository.findRefByNumber(db, consultation.id, number);
	if (!row) throw notFound('recommendation');
	return {
		id: row.id,
		number: row.number,
		shortTitle: row.short_title,
		language: row.language,
		consultationLanguage: consultation.language,
		consultationSlug: consultation.slug,
		consultationTitle: consultation.title,
		phase: consultation.phase,
		holdPolicy: consultation.hold_policy,
		holdNewAccountDays: consultation.hold_new_account_days,
		holdAfterReports: consultation.hold_after_reports
	};
}
