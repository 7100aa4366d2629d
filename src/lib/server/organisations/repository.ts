import type { DB } from '../db/create';
import type { MembershipRole, OrganisationKind } from '../db/types';
import { countOf } from '../db/count';

export interface Organisation {
	id: number;
	slug: string;
	name: string;
	kind: OrganisationKind;
	description: string;
	/** The association stopped; its published positions stay, marked so. */
	deactivated_at: string | null;
}

const columns = ['id', 'slug', 'name', 'kind', 'description', 'deactivated_at'] as const;

export async function findBySlug(db: DB, slug: string): Promise<Organisation | undefined> {
	return db.selectFrom('organisations').select(columns).where('slug', '=', slug).executeTakeFirst();
}

export async function findById(db: DB, id: number): Promise<Organisation | undefined> {
	return db.selectFrom('organisations').select(columns).where('id', '=', id).executeTakeFirst();
}

export async function nameKeyTaken(db: DB, nameKey: string): Promise<boolean> {
	return !!(await db.selectFrom('organisations').select('id').where('name_key', '=', nameKey).executeTakeFirst());
}

export async function slugsTaken(db: DB, slugs: string[]): Promise<Set<string>> {
	const rows = await db.selectFrom('organisations').select('slug').where('slug', 'in', slugs).execute();
	return new Set(rows.map((r) => r.slug));
}

export async function insert(
	db: DB,
	org: { slug: string; name: string; nameKey: string; kind: OrganisationKind; description: string; now: string }
): Promise<number> {
	const { id } = await db
		.insertInto('organisations')
		.values({
			slug: org.slug,
			name: org.name,
			name_key: org.nameKey,
			kind: org.kind,
			description: org.description,
			created_at: org.now,
			updated_at: org.now
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return id;
}

/** Organisations with their member counts, by name. */
export async function listWithCounts(db: DB) {
	return db
		.selectFrom('organisations as o')
		.select((eb) => [
			...columns.map((c) => `o.${c}` as const),
			countOf(eb.selectFrom('memberships as m').whereRef('m.organisation_id', '=', 'o.id'), 'member_count')
		])
		.orderBy('o.name')
		.execute();
}

export async function listMembers(db: DB, organisationId: number) {
	const rows = await db
		.selectFrom('memberships as m')
		.innerJoin('users as u', 'u.id', 'm.user_id')
		.select(['u.id', 'u.display_name', 'u.site_role', 'u.experience_expert', 'u.is_demo', 'm.role', 'm.created_at'])
		.where('m.organisation_id', '=', organisationId)
		.where('u.deleted_at', 'is', null)
		.orderBy('m.role', 'asc')
		.orderBy('u.display_name_key')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		displayName: r.display_name ?? '',
		siteRole: r.site_role,
		experienceExpert: r.experience_expert === 1,
		isDemo: r.is_demo === 1,
		role: r.role,
		since: r.created_at
	}));
}

export async function findMembership(db: DB, organisationId: number, userId: number) {
	return db
		.selectFrom('memberships')
		.select(['role'])
		.where('organisation_id', '=', organisationId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
}

/** Adds a membership; an existing one keeps its role unless `role` raises it to coordinator. */
export async function addMembership(db: DB, organisationId: number, userId: number, role: MembershipRole, now: string) {
	await db
		.insertInto('memberships')
		.values({ organisation_id: organisationId, user_id: userId, role, created_at: now })
		.onConflict((oc) =>
			role === 'coordinator' ? oc.columns(['organisation_id', 'user_id']).doUpdateSet({ role }) : oc.doNothing()
		)
		.execute();
}

export async function setMembershipRole(db: DB, organisationId: number, userId: number, role: MembershipRole) {
	const result = await db
		.updateTable('memberships')
		.set({ role })
		.where('organisation_id', '=', organisationId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	return Number(result.numUpdatedRows);
}

export async function removeMembership(db: DB, organisationId: number, userId: number) {
	await db
		.deleteFrom('memberships')
		.where('organisation_id', '=', organisationId)
		.where('user_id', '=', userId)
		.execute();
}

/** A person leaves every association (when deleting their account but keeping what they wrote). */
export async function removeAllMemberships(db: DB, userId: number): Promise<void> {
	await db.deleteFrom('memberships').where('user_id', '=', userId).execute();
}

export async function listForUser(db: DB, userId: number) {
	return db
		.selectFrom('memberships as m')
		.innerJoin('organisations as o', 'o.id', 'm.organisation_id')
		.select(['o.id', 'o.slug', 'o.name', 'o.kind', 'm.role', 'm.created_at'])
		.where('m.user_id', '=', userId)
		.orderBy('o.name')
		.execute();
}

export async function setDeactivated(db: DB, id: number, at: string | null, now: string): Promise<void> {
	await db.updateTable('organisations').set({ deactivated_at: at, updated_at: now }).where('id', '=', id).execute();
}
