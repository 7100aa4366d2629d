import type { DB } from '../db/create';
import type { ParticipantGroup, SiteRole } from '../db/types';
import type { Actor } from './actor';
import { createAuthLimits, type AuthLimits } from './limits';
import { createSession, validateSessionToken } from './session';

/**
 * For tests: a person in the database, logged in, as the services see them. Only what a test names is
 * set; the rest is a participant in Dutch without an address who wants no mail.
 */
export async function createActor(
	db: DB,
	person: {
		name: string;
		role?: SiteRole;
		locale?: string;
		group?: ParticipantGroup | null;
		email?: string | null;
		wantsMail?: boolean;
	}
): Promise<Actor> {
	const now = new Date().toISOString();
	const { id } = await db
		.insertInto('users')
		.values({
			display_name: person.name,
			display_name_key: person.name.toLowerCase(),
			password_hash: null,
			email: person.email ?? null,
			email_key: person.email?.toLowerCase() ?? null,
			email_notifications: person.wantsMail ? 1 : 0,
			site_role: person.role ?? 'participant',
			locale: person.locale ?? 'nl',
			participant_group: person.group === undefined ? 'resident' : person.group,
			created_at: now,
			updated_at: now,
			deleted_at: null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return (await validateSessionToken(db, (await createSession(db, id)).token)).actor!;
}

/** For tests: a moderator and an administrator, named for their role (names are unique: one pair a database). */
export async function createStaff(db: DB): Promise<{ moderator: Actor; admin: Actor }> {
	return {
		moderator: await createActor(db, { name: 'Moderator', role: 'moderator' }),
		admin: await createActor(db, { name: 'Beheerder', role: 'admin' })
	};
}

/** For tests that post, report and sign up many times: limits that only a runaway loop would reach. */
export function generousLimits(): AuthLimits {
	return createAuthLimits('memory', {
		loginsPerAddress: 1000,
		failedLoginsPerAccount: 1000,
		signUpsPerAddress: 1000,
		resetsPerAddress: 1000,
		commentsPerMinute: 100_000,
		votesPerMinute: 100_000
	});
}
