import type { Phase } from '../../domain';
import { isAdmin, type MaybeActor } from '../auth/actor';
/** Phases the public may see. A draft is visible only to staff (who arrive with accounts, in a later issue). */
export const publicPhases: readonly Phase[] = ['open', 'closed', 'summarised', 'answered'];

export function isPubliclyVisible(phase: Phase): boolean {
	return publicPhases.includes(phase);
}

/** Only administrators move a consultation between phases and change its moderation settings. */
export const canManageConsultation = (actor: MaybeActor): boolean => isAdmin(actor);
