import type { MembershipRole, SiteRole } from '../db/types';

/** The person behind a request, as policies see them. `null` is someone who is not logged in. */
export interface Actor {
	id: number;
	displayName: string;
	siteRole: SiteRole;
	experienceExpert: boolean;
	locale: string;
	isDemo: boolean;
	memberships: { organisationId: number; role: MembershipRole }[];
}

export type MaybeActor = Actor | null;

export const isAdmin = (actor: MaybeActor): boolean => actor?.siteRole === 'admin';
export const coordinates = (actor: MaybeActor, organisationId: number): boolean =>
	!!actor?.memberships.some((m) => m.organisationId === organisationId && m.role === 'coordinator');
