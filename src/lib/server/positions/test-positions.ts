import type { Actor } from '../auth/actor';
import { createActor } from '../auth/test-actors';
import { validateSessionToken, createSession } from '../auth/session';
import type { DB } from '../db/create';
import { saveDraft, signOffPosition, type PositionInput } from './service';

let made = 0;

/**
 * For tests: an association with `coordinators` coordinators and `members` members, each logged in as
 * the services see them (with their membership). Names are unique per call.
 */
export async function createAssociation(
	db: DB,
	options: { coordinators?: number; members?: number; name?: string } = {}
): Promise<{ id: number; slug: string; name: string; coordinators: Actor[]; members: Actor[] }> {
	const n = ++made;
	const slug = `vereniging-${n}-${Math.random().toString(36).slice(2, 6)}`;
	const name = options.name ?? `Vereniging ${slug}`;
	const now = new Date().toISOString();
	const { id } = await db
		.insertInto('organisations')
		.values({ slug, name, name_key: slug, kind: 'poverty_association', created_at: now, updated_at: now })
		.returning('id')
		.executeTakeFirstOrThrow();
	const person = async (role: 'member' | 'coordinator', i: number) => {
		const actor = await createActor(db, { name: `${role}-${slug}-${i}` });
		await db
			.insertInto('memberships')
			.values({ organisation_id: id, user_id: actor.id, role, created_at: now })
			.execute();
		// Again through a session, so the actor carries the membership.
		return (await validateSessionToken(db, (await createSession(db, actor.id)).token)).actor!;
	};
	const coordinators: Actor[] = [];
	for (let i = 0; i < (options.coordinators ?? 2); i++) coordinators.push(await person('coordinator', i));
	const members: Actor[] = [];
	for (let i = 0; i < (options.members ?? 1); i++) members.push(await person('member', i));
	return { id, slug, name, coordinators, members };
}

/** A complete position form, changed where a test says. */
export function positionInput(changes: Partial<PositionInput> = {}): PositionInput {
	return {
		stance: 'agrees_with_conditions',
		explanation: 'We steunen dit, als de wachttijd korter wordt.',
		language: 'nl',
		mandate: 'members_meeting',
		mandateOther: '',
		decidedOn: '2026-03-03',
		membersTakingPart: '14',
		...changes
	};
}

/** Drafts and signs off a position (the first coordinator drafts, the second signs off). */
export async function publishPosition(
	db: DB,
	org: { slug: string; coordinators: Actor[] },
	thread: { slug: string; number: number },
	changes: Partial<PositionInput> = {}
) {
	const ref = { ...thread, organisation: org.slug };
	await saveDraft(db, org.coordinators[0], { ...ref, ...positionInput(changes) });
	return signOffPosition(db, org.coordinators[1], ref);
}
