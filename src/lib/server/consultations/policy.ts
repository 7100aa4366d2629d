import type { Phase } from '../../domain';
import { isAdmin, type MaybeActor } from '../auth/actor';
/** Phases the public may see: a draft is seen by nobody but administrators, on their consultations page. */
export const publicPhases: readonly Phase[] = ['open', 'closed', 'summarised', 'answered'];

export function isPubliclyVisible(phase: Phase): boolean {
	return publicPhases.includes(phase);
}

/** Only administrators move a consultation between phases and change its moderation settings. */
export const canManageConsultation = (actor: MaybeActor): boolean => isAdmin(actor);
