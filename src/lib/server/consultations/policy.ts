import type { Phase } from '../../domain';

/** Phases the public may see. A draft is visible only to staff (who arrive with accounts, in a later issue). */
export const publicPhases: readonly Phase[] = ['open', 'closed', 'summarised', 'answered'];

export function isPubliclyVisible(phase: Phase): boolean {
	return publicPhases.includes(phase);
}
