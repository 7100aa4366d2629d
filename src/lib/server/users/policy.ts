import type { MaybeActor } from '../auth/actor';
import { coordinates, isAdmin } from '../auth/actor';
import type { SiteRole } from '../db/types';

/** The user administration pages: administrators only. */
export const canAdministerUsers = (actor: MaybeActor): boolean => isAdmin(actor);

/** Administrators change other people's site roles, never their own (so nobody locks themselves out). */
export const canChangeSiteRole = (actor: MaybeActor, target: { id: number }): boolean =>
	isAdmin(actor) && actor!.id !== target.id;

/** The verified experience-expert badge is given and taken by administrators. */
export const canSetBadge = (actor: MaybeActor): boolean => isAdmin(actor);

/** The translator badge (the languages a person translates into) is given and taken by administrators. */
export const canSetTranslator = (actor: MaybeActor): boolean => isAdmin(actor);

/**
 * A one-time reset code for someone who forgot their password: an administrator for anyone else, or a
 * coordinator for a participant of their own association (never for staff, whose accounts weigh more).
 */
export const canIssueResetCode = (
	actor: MaybeActor,
	target: { id: number; siteRole: SiteRole; organisationIds: number[] }
): boolean => {
	if (!actor || actor.id === target.id) return false;
	if (isAdmin(actor)) return true;
	return target.siteRole === 'participant' && target.organisationIds.some((id) => coordinates(actor, id));
};
