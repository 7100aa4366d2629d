import type { Phase } from '../../domain';
import { isAdmin, type MaybeActor } from '../auth/actor';
/** Phases the public may see: a draft is seen by nobody but the staff who prepare it, on the admin pages. */
export const publicPhases: readonly Phase[] = ['open', 'closed', 'summarised', 'answered'];

export function isPubliclyVisible(phase: Phase): boolean {
	return publicPhases.includes(phase);
}

/** Only administrators move a consultation between phases and change its moderation settings. */
export const canManageConsultation = (actor: MaybeActor): boolean => isAdmin(actor);

/**
 * Who creates a consultation and imports its report (issue 15): administrators, and policy staff when an
 * administrator has switched that on (the site setting `policy_create_consultations`).
 */
export const canCreateConsultation = (actor: MaybeActor, policyMayCreate: boolean): boolean =>
	isAdmin(actor) || (policyMayCreate && actor?.siteRole === 'policy');
