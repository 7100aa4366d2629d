import { coordinates, isModerator, type MaybeActor } from '../auth/actor';

/** Only the association's coordinators draft, sign off and withdraw its positions (administrators do not speak for it). */
export const canDraftPosition = (actor: MaybeActor, organisationId: number): boolean =>
	coordinates(actor, organisationId);

/** The association's members and coordinators read its drafts and remark on them; nobody else does. */
export const canReadPositionDrafts = (actor: MaybeActor, organisationId: number): boolean =>
	!!actor?.memberships.some((m) => m.organisationId === organisationId);

/** Moderators and administrators hide a position, with a reason, like a comment. */
export const canHidePosition = (actor: MaybeActor): boolean => isModerator(actor);
