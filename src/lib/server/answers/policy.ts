import { isPolicyStaff, type MaybeActor } from '../auth/actor';

/** The answer to a recommendation ("you said, we did") is written by policy staff and administrators. */
export const canAnswer = (actor: MaybeActor): boolean => isPolicyStaff(actor);
