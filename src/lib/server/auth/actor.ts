import type { MembershipRole, SiteRole } from '../db/types';

/** The person behind a request, as policies see them. `null` is someone who is not logged in. */
export interface Actor {
	id: number;
	displayName: string;
	siteRole: SiteRole;
	experienceExpert: boolean;
	locale: string;
	isDemo: boolean;
	/** A moderator paused this account until this moment (ISO): it may read, not take part. */
	suspendedUntil: string | null;
	memberships: { organisationId: number; role: MembershipRole }[];
	/** The languages this person translates into: the translator badge, given by an administrator (issue 12). */
	translates: string[];
}

export type MaybeActor = Actor | null;

export const isAdmin = (actor: MaybeActor): boolean => actor?.siteRole === 'admin';
/** Moderators and administrators keep threads safe and write the summaries. */
export const isModerator = (actor: MaybeActor): boolean =>
	actor?.siteRole === 'moderator' || actor?.siteRole === 'admin';
/** Policy staff and administrators answer recommendations. */
export const isPolicyStaff = (actor: MaybeActor): boolean =>
	actor?.siteRole === 'policy' || actor?.siteRole === 'admin';
/** Staff (moderators, policy staff, administrators) see the translators' queue, like translators. */
export const isStaff = (actor: MaybeActor): boolean => !!actor && actor.siteRole !== 'participant';
export const coordinates = (actor: MaybeActor, organisationId: number): boolean =>
	!!actor?.memberships.some((m) => m.organisationId === organisationId && m.role === 'coordinator');
