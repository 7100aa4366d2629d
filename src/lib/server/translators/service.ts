import { translatableItems, type TranslatableField, type TranslatableItem, type TranslationOrigin } from '../../domain';
import { locales } from '../../i18n/locales';
import { pageNumber } from '../../paging';
import { cleanText } from '../../text/clean';
import { isAdmin, type MaybeActor } from '../auth/actor';
import { requireAllowed } from '../auth/require';
import * as audit from '../audit/repository';
import type { DB } from '../db/create';
import { DomainError, IssueCollector, notFound } from '../errors';
import * as translations from '../translations/repository';
import { fieldsOf, hashSource, textKey, type SourceText, type TextRef } from '../translations/repository';
import { maxLength } from '../translations/machine/engine';
import { machineTranslationConfigured, queueMachineTranslation } from '../translations/machine/service';
import type { Transaction } from 'kysely';
import type { Database } from '../db/types';
import { canSeeTranslationQueue, canTranslateInto } from './policy';
import * as repository from './repository';

/*
 * People who translate (issue 12). The translators' queue lists what waits for a person, most needed
 * first; a translator writes a translation, or checks (and corrects) one a machine or the team made.
 *
 * A text needs a person in a language when it has no current translation into it made or checked by a
 * person (official, team, volunteer, or checked), and
 *   - it is a comment in another language than its consultation's, and the language is the
 *     consultation's: staff must read it (these come first);
 *   - or readers asked for a person's translation (the more readers wait, the sooner);
 *   - or it is a published summary or the current answer (they are published with their translations);
 *   - or its translation is out of date (the source changed), or a machine's not yet checked.
 *
 * Whether a translation is current depends on the hash of its source, which the database cannot
 * compute: the queue is worked out here from a fixed number of queries (the requests, the foreign
 * comments, the published summaries and answers, the translations, and the sources: one per kind of
 * item), whatever the number of texts, and then paged.
 */

export const QUEUE_PAGE = 20;
/** The longest translation of any text (the longest sources are summary sections of 6000 characters). */
export const TRANSLATION_MAX = 18_000;
const PREVIEW = 240;

export type QueueState = 'missing' | 'outdated' | 'unchecked';
export const queueStates: readonly QueueState[] = ['missing', 'outdated', 'unchecked'];

export interface QueueItem extends TextRef {
	/** The language to translate into. */
	language: string;
	sourceLanguage: string;
	/** The start of the source text. */
	preview: string;
	state: QueueState;
	/** The translation there is, if any. */
	origin: TranslationOrigin | null;
	/** A comment staff cannot read in the consultation's language. */
	staffMustRead: boolean;
	/** Readers who asked for a person's translation. */
	waiting: number;
}

/** The longest translation accepted for a source: as for the machine, three times as long plus a little for short texts. */
export function longestTranslation(source: string): number {
	return Math.min(TRANSLATION_MAX, maxLength(source));
}

/**
 * Queues the machine translation of every field (or the given fields) of an item just published (a
 * summary, an answer, a recommendation's plain version) into
 * every other interface language, in the caller's transaction: published with its translations, or
 * with them on the way. Nothing when machine translation is off. Returns the number of jobs queued;
 * kick `locals.translator` afterwards. Readers meanwhile see "a translation is coming", and the
 * translators' queue lists these texts until a person made or checked their translation.
 */
export async function queueTranslationsOf(
	db: DB | Transaction<Database>,
	item: {
		itemType: 'summary' | 'answer' | 'position' | 'meeting_quote' | 'recommendation';
		itemId: number;
		/** Only these fields (a recommendation's plain version, say); every field of the item by default. */
		fields?: readonly TranslatableField[];
	},
	now: string
): Promise<number> {
	const { fields = fieldsOf[item.itemType], ...ref } = item;
	const refs = fields.map((field) => ({ ...ref, field }));
	if (!machineTranslationConfigured()) return 0;
	let queued = 0;
	for (const source of await translations.loadSources(db, refs))
		queued += await queueMachineTranslation(db, { source, languages: locales, now });
	return queued;
}

/** The citation markers of a text ([#12], [#m4]), sorted: a translation must keep those of its source. */
function markers(text: string): string[] {
	return [...text.matchAll(/\[#m?\d{1,9}\]/g)].map((m) => m[0]).sort();
}

/** The languages an actor works on in the queue: their own, or every language for staff. */
function queueLanguages(actor: NonNullable<MaybeActor>): string[] {
	return actor.siteRole === 'participant' ? locales.filter((l) => actor.translates.includes(l)) : [...locales];
}

/** A person made it, or a person checked it. */
const byPerson = (t: { origin: TranslationOrigin; checked: boolean }) => t.origin !== 'machine' || t.checked;

/**
 * The translators' queue: a page of the texts waiting for a person, into one of my languages (staff:
 * any), optionally only into `into` and from `from`. Most needed first: comments staff must read, then
 * by how many readers wait, then missing, out-of-date and unchecked translations. A fixed number of
 * queries. Raises loginRequired, forbidden.
 */
export async function getTranslationQueue(
	db: DB,
	actor: MaybeActor,
	filters: { into?: string | null; from?: string | null; page?: number } = {}
) {
	requireAllowed(actor, canSeeTranslationQueue(actor));
	const mine = queueLanguages(actor);
	const into = filters.into && mine.includes(filters.into) ? filters.into : null;
	const from = filters.from && (locales as readonly string[]).includes(filters.from) ? filters.from : null;
	const targets = into ? [into] : mine;

	const [waiting, foreign, outcomes, existing] = await Promise.all([
		repository.waitingReaders(db, targets),
		repository.foreignComments(db, targets),
		repository.publishedOutcomes(db),
		repository.translationsInto(db, targets)
	]);
	// Candidates: a text and a language to translate it into.
	const candidates = new Map<string, { ref: TextRef; language: string; waiting: number; staff: boolean }>();
	const add = (ref: TextRef, language: string) => {
		const key = `${textKey(ref)}>${language}`;
		let c = candidates.get(key);
		if (!c) candidates.set(key, (c = { ref, language, waiting: 0, staff: false }));
		return c;
	};
	for (const w of waiting) add(w, w.language).waiting = w.readers;
	for (const f of foreign) add(f, f.language).staff = true;
	for (const o of outcomes) for (const language of targets) add(o, language);
	for (const t of existing) add(t, t.language);

	const sources = new Map(
		(
			await translations.loadSources(
				db,
				[...candidates.values()].map((c) => c.ref)
			)
		).map((s) => [textKey(s), s])
	);
	const found = new Map(existing.map((t) => [`${textKey(t)}>${t.language}`, t]));

	const items: QueueItem[] = [];
	for (const [key, c] of candidates) {
		const source = sources.get(textKey(c.ref));
		if (!source || source.language === c.language) continue;
		if (from && source.language !== from) continue;
		const t = found.get(key);
		const current = !!t && t.sourceHash === hashSource(source.text);
		// Readers who ask for a person are answered by a volunteer, an official or a checked translation,
		// not by the team's unchecked one.
		if (current && byPerson(t) && !(c.waiting > 0 && t.origin === 'team' && !t.checked)) continue;
		const state: QueueState = !t ? 'missing' : !current ? 'outdated' : 'unchecked';
		// Only a missing translation that nobody needs yet stays out of the queue: a team's current
		// translation counts as made by a person.
		const outcome = c.ref.itemType === 'summary' || c.ref.itemType === 'answer';
		if (state === 'missing' && !c.staff && c.waiting === 0 && !outcome) continue;
		items.push({
			...c.ref,
			language: c.language,
			sourceLanguage: source.language,
			preview: [...source.text].length > PREVIEW ? `${[...source.text].slice(0, PREVIEW).join('')}…` : source.text,
			state,
			origin: t?.origin ?? null,
			staffMustRead: c.staff,
			waiting: c.waiting
		});
	}
	const kindOrder = (type: TranslatableItem) => translatableItems.indexOf(type);
	items.sort(
		(a, b) =>
			Number(b.staffMustRead) - Number(a.staffMustRead) ||
			b.waiting - a.waiting ||
			queueStates.indexOf(a.state) - queueStates.indexOf(b.state) ||
			kindOrder(a.itemType) - kindOrder(b.itemType) ||
			a.itemId - b.itemId ||
			a.field.localeCompare(b.field) ||
			a.language.localeCompare(b.language)
	);
	const total = items.length;
	const pages = Math.max(1, Math.ceil(total / QUEUE_PAGE));
	const page = Math.min(pageNumber(filters.page), pages);
	return {
		languages: mine,
		filters: { into, from },
		items: items.slice((page - 1) * QUEUE_PAGE, page * QUEUE_PAGE),
		total,
		page,
		pages
	};
}

/** A text named in an address: /translate/<item>/<id>/<field>/<language>. Raises notFound.page. */
export function parseTextRef(input: { item: string; id: string | number; field: string }): TextRef {
	const itemType = input.item as TranslatableItem;
	const itemId = typeof input.id === 'number' ? input.id : /^\d{1,9}$/.test(input.id) ? Number(input.id) : NaN;
	if (
		!translatableItems.includes(itemType) ||
		!Number.isSafeInteger(itemId) ||
		!(fieldsOf[itemType] as readonly string[]).includes(input.field)
	)
		throw notFound('page');
	return { itemType, itemId, field: input.field as TranslatableField };
}

/** The source of a text to translate into `language`, and who may work on it. Raises forbidden, notFound.page. */
async function openText(db: DB, actor: MaybeActor, ref: TextRef, language: string) {
	requireAllowed(actor, canTranslateInto(actor, language));
	const [source] = (locales as readonly string[]).includes(language) ? await translations.loadSources(db, [ref]) : [];
	if (!source || source.language === language) throw notFound('page');
	return { me: actor, source };
}

function currentOf(source: SourceText, found: translations.TranslationFound | undefined) {
	return found && { ...found, outOfDate: found.sourceHash !== hashSource(source.text) };
}

/**
 * The page to write or check a translation: the source with its language, the translation there is
 * (with its origin, whether a person checked it, and whether it is out of date), how many readers wait,
 * and whether I may check it. Raises loginRequired, forbidden, notFound.page.
 */
export async function getTranslationForm(db: DB, actor: MaybeActor, ref: TextRef, language: string) {
	const { me, source } = await openText(db, actor, ref, language);
	const [found, author, waiting] = await Promise.all([
		translations.findInto(db, [ref], language),
		repository.commentAuthor(db, ref),
		repository.countWaiting(db, ref, language)
	]);
	const current = currentOf(source, found[0]);
	return {
		ref,
		language,
		source: { text: source.text, language: source.language },
		current: current
			? {
					text: current.text,
					origin: current.origin,
					checked: current.origin === 'official' || current.checkedBy !== null,
					outOfDate: current.outOfDate,
					byMe: current.translatedBy === me.id
				}
			: null,
		waiting,
		ownText: author === me.id,
		maxLength: longestTranslation(source.text),
		markers: markers(source.text).length > 0
	};
}

/**
 * Writes a translation (origin volunteer, by me, not checked), or checks the one there is: `check`
 * marks it checked by me, with my corrections if I made any. A corrected translation keeps its origin
 * (a machine's stays "by a computer, checked by a person": true, and it says a person vouches for it);
 * whoever rewrites a text from scratch writes their own instead, which then says "by a volunteer".
 *
 * Refused: a translator checking a translation of their own comment or their own translation, checking
 * one that is out of date or missing (write one instead), a text longer than three times its source
 * (+20), one that drops or changes a citation marker ([#12]), an empty text, and (for translators, not
 * administrators) replacing an official translation. Answers the readers' requests for it. Recorded in
 * the audit log as translation.write or translation.check. Raises loginRequired, forbidden,
 * notFound.page, ValidationError (text), DomainError translate:error.*.
 */
export async function writeTranslation(
	db: DB,
	actor: MaybeActor,
	ref: TextRef,
	language: string,
	input: { text: string; check: boolean },
	now = new Date()
): Promise<{ id: number; checked: boolean; answered: number }> {
	const { me, source } = await openText(db, actor, ref, language);
	const [found, author] = await Promise.all([
		translations.findInto(db, [ref], language),
		repository.commentAuthor(db, ref)
	]);
	const current = currentOf(source, found[0]);
	if (input.check) {
		if (author === me.id) throw new DomainError('translate:error.ownComment', 403);
		if (!current || current.outOfDate) throw new DomainError('translate:error.nothingToCheck', 409);
		if (current.translatedBy === me.id) throw new DomainError('translate:error.ownTranslation', 403);
	}
	if (current?.origin === 'official' && !current.outOfDate && !isAdmin(me))
		throw new DomainError('translate:error.official', 403);

	const issues = new IssueCollector();
	const text = cleanText(input.text ?? '').trim();
	const longest = longestTranslation(source.text);
	const length = [...text].length;
	if (!text) issues.add('text', 'translate:error.empty');
	else if (length > longest) issues.add('text', 'translate:error.tooLong', { max: longest, count: length });
	else if (markers(text).join() !== markers(source.text).join())
		issues.add('text', 'translate:error.markers', { markers: [...new Set(markers(source.text))].join(' ') || '—' });
	issues.throwIfAny();

	const iso = now.toISOString();
	const check = input.check && current;
	return db.transaction().execute(async (trx) => {
		const id = await translations.save(trx, {
			source,
			language,
			text,
			origin: check ? current.origin : 'volunteer',
			translatedBy: check ? current.translatedBy : me.id,
			checkedBy: check ? me.id : null,
			now: iso
		});
		const askers = await repository.answerRequests(trx, ref, language);
		await audit.record(trx, {
			actorId: me.id,
			action: check ? 'translation.check' : 'translation.write',
			subjectType: ref.itemType,
			subjectId: ref.itemId,
			detail: JSON.stringify({
				field: ref.field,
				language,
				...(check ? { corrected: text !== current.text } : {})
			}),
			now: iso
		});
		return { id, checked: !!check, answered: askers.length };
	});
}
