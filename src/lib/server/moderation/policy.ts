import type { MaybeActor } from '../auth/actor';
import { isAdmin, isModerator } from '../auth/actor';
import type { SiteRole } from '../db/types';

/** The moderation queue and its actions (hide, restore, edit out personal details, dismiss reports). */
export const canModerate = (actor: MaybeActor): boolean => isModerator(actor);

/** Moderators pause participants' accounts; administrators may pause anyone but themselves. */
export const canSuspend = (actor: MaybeActor, target: { id: number; siteRole: SiteRole }): boolean => {
	if (!actor || actor.id === target.id) return false;
	if (isAdmin(actor)) return true;
	return isModerator(actor) && target.siteRole === 'participant';
};
