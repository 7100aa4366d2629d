import type { Phase } from '../../domain';
import type { MaybeActor } from '../auth/actor';

/** Anyone logged in may vote and comment, while the consultation is open. */
export const canParticipate = (actor: MaybeActor, phase: Phase): boolean => actor !== null && phase === 'open';
