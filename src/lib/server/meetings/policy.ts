import { coordinates, isModerator, type MaybeActor } from '../auth/actor';

/*
 * Group meetings (issue 13). Yes/no predicates; whether someone is a named facilitator is read from the
 * database by the service and passed in.
 */

/** The association's coordinators (and administrators) name and unname its facilitators. */
export const canNameFacilitators = (actor: MaybeActor, organisationId: number): boolean =>
	actor?.siteRole === 'admin' || coordinates(actor, organisationId);

/** Only the association's coordinators and the members they named facilitator record its meetings. */
export const canRecordMeeting = (actor: MaybeActor, organisationId: number, facilitator: boolean): boolean =>
	!!actor && (coordinates(actor, organisationId) || facilitator);

/** Moderators publish or hide a held record, and hide a quote. */
export const canModerateMeeting = (actor: MaybeActor): boolean => isModerator(actor);
