import { isAdmin, isStaff, type MaybeActor } from '../auth/actor';

/*
 * Who works on translations (issue 12). Translators carry a badge for the languages they translate
 * into, given by an administrator; staff see the queue too, to know what waits.
 */

/** The translators' queue: translators and staff. */
export const canSeeTranslationQueue = (actor: MaybeActor): boolean =>
	isStaff(actor) || (actor?.translates.length ?? 0) > 0;

/** Writing or checking a translation into `language`: a translator of that language, or an administrator. */
export const canTranslateInto = (actor: MaybeActor, language: string): boolean =>
	isAdmin(actor) || !!actor?.translates.includes(language);
