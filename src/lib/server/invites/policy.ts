import { coordinates, isAdmin, type MaybeActor } from '../auth/actor';

/** Site-wide codes are for administrators; an association's codes also for its coordinators. */
export const canCreateInvite = (actor: MaybeActor, organisationId: number | null): boolean =>
	isAdmin(actor) || (organisationId !== null && coordinates(actor, organisationId));

/** Whoever may create a code for that association may also print its card and revoke it. */
export const canManageInvite = (actor: MaybeActor, invite: { organisation_id: number | null }): boolean =>
	canCreateInvite(actor, invite.organisation_id);
