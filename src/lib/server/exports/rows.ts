import type { DB } from '../db/create';
import { timeWindow, type Results } from '../results/service';
import * as repository from './repository';
import type { TranslationOrigin } from '../../domain';
import type { Shown } from '../../views';
import * as translations from '../translations/service';

/** How many comments are read at a time: memory stays flat however many there are. */
export const BATCH = 2000;

export interface CommentRow {
	id: number;
	recommendationNumber: number;
	parentId: number | null;
	/** The pseudonym, or null for a deleted account. Never an email address. */
	author: string | null;
	experienceExpert: boolean;
	/** Written from a demo account (users.is_demo), read with the author in the same query. */
	demo: boolean;
	participantGroup: string | null;
	language: string;
	stance: string | null;
	helpful: number;
	createdAt: string;
	edited: boolean;
	redacted: boolean;
	body: string;
	/** The revision of the recommendation's text it was written on. */
	revision: number;
	/** Its current translation into the consultation's language; null when written in it, or none is current. */
	translation: { text: string; language: string; origin: TranslationOrigin; checked: boolean } | null;
}

const translatedInto = (shown: Shown): CommentRow['translation'] =>
	shown.translated
		? { text: shown.text, language: shown.lang, origin: shown.translated.origin, checked: shown.translated.checked }
		: null;

/**
 * The published comments of the results' recommendations within the filters, oldest first, read in
 * batches by id (keyset pagination, so each batch costs the same however far in), each with its current
 * translation into the consultation's language. Hidden, deleted and held comments are left out, as in
 * every count.
 */
export async function* publishedComments(db: DB, results: Results): AsyncGenerator<CommentRow[]> {
	const numberOf = new Map(results.recommendations.map((r) => [r.id, r.number]));
	const recommendationIds = [...numberOf.keys()];
	if (!recommendationIds.length) return;
	const scope = { recommendationIds, ...timeWindow(results.filters), group: results.filters.group };
	let after = 0;
	for (;;) {
		const rows = await repository.publishedCommentsAfter(db, scope, after, BATCH);
		if (!rows.length) return;
		after = rows[rows.length - 1].id;
		// One query per batch: the batch's translations into the consultation's language.
		const language = results.consultation.language;
		const localise = await translations.localiser(db, rows.map(translations.commentBody), language);
		yield rows.map((r) => ({
			id: r.id,
			recommendationNumber: numberOf.get(r.recommendation_id)!,
			parentId: r.parent_id,
			author: r.display_name,
			experienceExpert: r.experience_expert === 1,
			demo: r.is_demo === 1,
			participantGroup: r.participant_group,
			language: r.language,
			stance: r.stance,
			helpful: r.helpful_count,
			createdAt: r.created_at,
			edited: r.edited_at !== null,
			redacted: r.redacted_at !== null,
			body: r.body,
			revision: r.text_version,
			translation: translatedInto(localise(translations.commentBody(r)))
		}));
		if (rows.length < BATCH) return;
	}
}
