import { isLocale } from '../../i18n/locales';
import type { MaybeActor } from '../auth/actor';
import type { AuthLimits } from '../auth/limits';
import { requireLogin } from '../auth/require';
import type { DB } from '../db/create';
import { DomainError, notFound } from '../errors';
import * as repository from './repository';
import type { TextRef } from './repository';

/*
 * "Ask a person to translate this": a reader names a text they cannot read and the language they read.
 * Once per text, language and reader; the translators' queue counts how many readers wait for each.
 */

/**
 * Asks a person to translate a published text (any TextRef: a comment, a summary, …) into `language`.
 * Returns `asked: false` when this reader had asked already (nothing changes). Counts against the same
 * per-minute limit as comments and reports. Raises common:error.loginRequired (401),
 * common:error.notFound.comment or .page (404: no such text, hidden, waiting for a moderator, or not a
 * platform language), common:error.sameLanguage (400: the text is already in that language) and
 * auth:error.tooManyAttempts (429).
 */
export async function askPersonTranslation(
	db: DB,
	actor: MaybeActor,
	limits: AuthLimits,
	input: { ref: TextRef; language: string },
	now = new Date()
): Promise<{ asked: boolean }> {
	requireLogin(actor);
	const [source] = isLocale(input.language) ? await repository.loadSources(db, [input.ref]) : [];
	if (!source) throw notFound(input.ref.itemType === 'comment' ? 'comment' : 'page');
	if (source.language === input.language) throw new DomainError('common:error.sameLanguage', 400);
	await limits.consume('commentAccount', String(actor.id));
	const asked = await repository.insertRequest(db, {
		itemType: source.itemType,
		itemId: source.itemId,
		field: source.field,
		consultationId: source.consultationId,
		language: input.language,
		userId: actor.id,
		now: now.toISOString()
	});
	return { asked };
}
