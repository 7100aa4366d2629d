import { requireLogin } from '../auth/require';
import type { MaybeActor } from '../auth/actor';
import { displayNameKey } from '../auth/names';
import * as audit from '../audit/repository';
import type { DB } from '../db/create';
import type { MembershipRole, OrganisationKind } from '../db/types';
import { forbidden, IssueCollector, notFound } from '../errors';
import * as invites from '../invites/service';
import { canCreateOrganisation, canManageOrganisation } from './policy';
import * as repository from './repository';
import { cleanLine, cleanText } from '../../text/clean';
import { freeSlug, slugify } from '../../text/slug';

export const organisationKinds: readonly OrganisationKind[] = [
	'poverty_association',
	'migrant_organisation',
	'civil_society'
];
export const ORGANISATION_NAME_MAX = 100;
export const ORGANISATION_DESCRIPTION_MAX = 1000;

/**
 * Creates an association (name, type, short description). Administrators only.
 * Raises common:error.forbidden and ValidationError (name, kind, description).
 */
export async function createOrganisation(
	db: DB,
	actor: MaybeActor,
	input: { name: string; kind: string; description: string },
	now = new Date()
): Promise<{ slug: string }> {
	requireLogin(actor);
	if (!canCreateOrganisation(actor)) throw forbidden();
	const issues = new IssueCollector();
	const name = cleanLine((input.name ?? '').normalize('NFKC'));
	if ([...name].length < 2) issues.add('name', 'organisations:error.nameShort');
	else if ([...name].length > ORGANISATION_NAME_MAX)
		issues.add('name', 'organisations:error.nameLong', { max: ORGANISATION_NAME_MAX });
	else if (/[\p{Cc}\p{Cf}<>]/u.test(name)) issues.add('name', 'organisations:error.nameCharacters');
	if (!organisationKinds.includes(input.kind as OrganisationKind)) issues.add('kind', 'organisations:error.kind');
	const description = cleanText(input.description ?? '');
	issues.atMost('description', description, ORGANISATION_DESCRIPTION_MAX, 'organisations:error.descriptionLong');
	const nameKey = displayNameKey(name);
	if (!issues.has('name') && (await repository.nameKeyTaken(db, nameKey)))
		issues.add('name', 'organisations:error.nameTaken');
	issues.throwIfAny();

	const slug = await freeSlug(slugify(name, 'vereniging'), (candidates) => repository.slugsTaken(db, candidates));
	const iso = now.toISOString();
	const id = await repository.insert(db, {
		slug,
		name,
		nameKey,
		kind: input.kind as OrganisationKind,
		description,
		now: iso
	});
	await audit.record(db, {
		actorId: actor.id,
		action: 'organisation.created',
		subjectType: 'organisation',
		subjectId: id,
		now: iso
	});
	return { slug };
}

/** All associations with their member counts (public: names and types only). */
export async function listOrganisations(db: DB) {
	const rows = await repository.listWithCounts(db);
	return rows.map((r) => ({
		slug: r.slug,
		name: r.name,
		kind: r.kind,
		description: r.description,
		memberCount: Number(r.member_count ?? 0)
	}));
}

/**
 * An association's public page, and for its coordinators and administrators also its members and codes.
 * Raises common:error.notFound.organisation.
 */
export async function getOrganisation(db: DB, actor: MaybeActor, slug: string) {
	const org = await repository.findBySlug(db, slug);
	if (!org) throw notFound('organisation');
	const manage = canManageOrganisation(actor, org.id);
	const [members, codes] = manage
		? await Promise.all([repository.listMembers(db, org.id), invites.listInvites(db, actor, org.id)])
		: [null, null];
	return {
		organisation: org,
		canManage: manage,
		canDeactivate: canCreateOrganisation(actor),
		members,
		invites: codes
	};
}

/**
 * Deactivates an association (it stops taking part: its coordinators can no longer draft positions),
 * or activates it again. Its published positions stay, marked as from a deactivated association.
 * Administrators only; recorded in the audit log. Raises loginRequired, forbidden, notFound.organisation.
 */
export async function setOrganisationActive(
	db: DB,
	actor: MaybeActor,
	input: { slug: string; active: boolean },
	now = new Date()
): Promise<void> {
	requireLogin(actor);
	if (!canCreateOrganisation(actor)) throw forbidden();
	const org = await repository.findBySlug(db, input.slug);
	if (!org) throw notFound('organisation');
	const iso = now.toISOString();
	await repository.setDeactivated(db, org.id, input.active ? null : iso, iso);
	await audit.record(db, {
		actorId: actor.id,
		action: input.active ? 'organisation.activated' : 'organisation.deactivated',
		subjectType: 'organisation',
		subjectId: org.id,
		now: iso
	});
}

/**
 * Makes a member coordinator or member again, or removes them. Coordinators and administrators only;
 * nobody removes or demotes themselves here, so an association always keeps the coordinator who acts.
 * Raises common:error.forbidden, common:error.notFound.organisation / .member.
 */
export async function changeMember(
	db: DB,
	actor: MaybeActor,
	slug: string,
	userId: number,
	change: MembershipRole | 'remove',
	now = new Date()
): Promise<void> {
	requireLogin(actor);
	const org = await repository.findBySlug(db, slug);
	if (!org) throw notFound('organisation');
	if (!canManageOrganisation(actor, org.id) || actor.id === userId) throw forbidden();
	if (!(await repository.findMembership(db, org.id, userId))) throw notFound('member');
	if (change === 'remove') await repository.removeMembership(db, org.id, userId);
	else await repository.setMembershipRole(db, org.id, userId, change);
	await audit.record(db, {
		actorId: actor.id,
		action: `membership.${change}`,
		subjectType: 'user',
		subjectId: userId,
		detail: `organisation ${org.id}`,
		now: now.toISOString()
	});
}
