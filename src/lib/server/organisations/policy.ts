import { coordinates, isAdmin, type MaybeActor } from '../auth/actor';

/** Only administrators create associations. */
export const canCreateOrganisation = (actor: MaybeActor): boolean => isAdmin(actor);

/** Administrators, and the association's own coordinators, see its members and manage them. */
export const canManageOrganisation = (actor: MaybeActor, organisationId: number): boolean =>
	isAdmin(actor) || coordinates(actor, organisationId);
