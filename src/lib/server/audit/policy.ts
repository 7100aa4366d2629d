import { isModerator, type MaybeActor } from '../auth/actor';

/** The audit log names staff and participants: moderators and administrators read it. */
export const canReadAuditLog = (actor: MaybeActor): boolean => isModerator(actor);
