import { isPolicyStaff, type MaybeActor } from '../auth/actor';

/** The official text of a published recommendation is revised by policy staff and administrators. */
export const canRevise = (actor: MaybeActor): boolean => isPolicyStaff(actor);
