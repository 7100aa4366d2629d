import type { MaybeActor } from '../auth/actor';
import { requireAllowed } from '../auth/require';
import * as audit from '../audit/repository';
import { decodeBlocks } from '../background/blocks';
import type { DB } from '../db/create';
import { DomainError, IssueCollector, notFound } from '../errors';
import { findThreadRef } from '../recommendations/service';
import { hashSource } from '../translations/repository';
import { queueTranslationsOf } from '../translators/service';
import { canRevise } from '../revisions/policy';
import { cleanText } from '../../text/clean';
import { fromParagraphs } from '../../text/paragraphs';
import * as repository from './repository';

/*
 * The plain-language version of a recommendation (issue 15): imported recommendations keep the report's
 * text as the official text; staff write a version in plain words beside it, which readers see first.
 * It is translated through the translation model like any other text: a machine translation is queued
 * into every interface language when it is saved (when machine translation is on), and the translators'
 * queue lists the translations the change made out of date.
 *
 * Staff may write it while the consultation is still a draft, so it is ready when the consultation opens.
 */

/** The longest plain-language version: a few short paragraphs, as long as the longest summary section. */
export const PLAIN_MAX = 6000;

/** Those who revise the official text write the plain version too: policy staff and administrators. */
export const canWritePlain = canRevise;

/** A token for the text an editor started from: a save over a text someone changed since is refused. */
const versionOf = (text: string) => hashSource(text).slice(0, 16);

/**
 * The editor of a recommendation's plain-language version: the official text beside it, and the version
 * there is. Drafts too. Raises loginRequired, forbidden and notFound.
 */
export async function getPlainEditor(db: DB, actor: MaybeActor, input: { slug: string; number: number }) {
	requireAllowed(actor, canWritePlain(actor));
	const thread = await findThreadRef(db, input.slug, input.number, true);
	const row = await repository.findTexts(db, thread.id);
	if (!row) throw notFound('recommendation');
	return {
		thread,
		official: decodeBlocks(row.official_text),
		form: { plainText: row.plain_text, version: versionOf(row.plain_text) }
	};
}

/**
 * Saves the plain-language version (empty removes it: readers then see the official text only), records it
 * in the moderation log, and queues its machine translations. `version` is the token of the text the editor
 * started from. Raises loginRequired, forbidden, notFound, revisions:plain.error.stale (409: someone saved
 * in between) and field errors (revisions:plain.error.unchanged, summary:error.tooLong).
 */
export async function savePlainVersion(
	db: DB,
	actor: MaybeActor,
	input: { slug: string; number: number; plainText: string; version: string },
	now = new Date()
): Promise<{ translating: number }> {
	requireAllowed(actor, canWritePlain(actor));
	const thread = await findThreadRef(db, input.slug, input.number, true);
	const issues = new IssueCollector();
	// Paragraphs stay apart by one empty line, as readers see them.
	const plainText = fromParagraphs(cleanText(input.plainText ?? '').split(/\n\s*\n/));
	issues.atMost('plainText', plainText, PLAIN_MAX, 'summary:error.tooLong');
	issues.throwIfAny();
	const row = await repository.findTexts(db, thread.id);
	if (!row) throw notFound('recommendation');
	if (versionOf(row.plain_text) !== String(input.version ?? '').trim())
		throw new DomainError('revisions:plain.error.stale', 409);
	if (row.plain_text === plainText) {
		issues.add('plainText', 'revisions:plain.error.unchanged');
		issues.throwIfAny();
	}
	const at = now.toISOString();
	return db.transaction().execute(async (trx) => {
		const saved = await repository.replacePlainText(trx, {
			recommendationId: row.id,
			from: row.plain_text,
			to: plainText,
			at
		});
		if (!saved) throw new DomainError('revisions:plain.error.stale', 409);
		await audit.record(trx, {
			actorId: actor.id,
			action: 'recommendation.plain',
			subjectType: 'recommendation',
			subjectId: row.id,
			detail: JSON.stringify({ characters: [...plainText].length }),
			now: at
		});
		const translating = plainText
			? await queueTranslationsOf(trx, { itemType: 'recommendation', itemId: row.id, fields: ['plain_text'] }, at)
			: 0;
		return { translating };
	});
}
