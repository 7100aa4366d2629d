import { isPolicyStaff, type MaybeActor } from '../auth/actor';

/** The results dashboard and the exports: policy staff and administrators. */
export const canSeeResults = (actor: MaybeActor): boolean => isPolicyStaff(actor);
