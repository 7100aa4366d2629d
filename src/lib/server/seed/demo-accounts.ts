import { seedDemoMeeting } from './demo-meeting';
import { displayNameKey } from '../auth/names';
import { hashPassword } from '../auth/password';
import type { DB } from '../db/create';
import type { OrganisationKind, ParticipantGroup, SiteRole } from '../db/types';

/*
 * Demo accounts, one per role, all marked is_demo and shown with a "demo" badge. They are created only
 * with the demo data and never in production mode (see prepareDatabase). The README lists them.
 */

export const DEMO_PASSWORD = 'demo-samenspraak';
export const DEMO_INVITE_CODE = 'BRUGDEMO';

const organisations: { slug: string; name: string; kind: OrganisationKind; description: string }[] = [
	{
		slug: 'de-brug-demo',
		name: 'Buurtwerk De Brug (demo)',
		kind: 'poverty_association',
		description: 'Een vereniging waar mensen in armoede het woord nemen. Alleen een voorbeeld.'
	},
	{
		slug: 'amal-demo',
		name: 'Vrouwengroep Amal (demo)',
		kind: 'migrant_organisation',
		description: 'Een groep van vrouwen met een migratieachtergrond. Alleen een voorbeeld.'
	}
];

const accounts: {
	name: string;
	role: SiteRole;
	expert?: boolean;
	group?: ParticipantGroup;
	memberOf?: { slug: string; role: 'member' | 'coordinator' }[];
}[] = [
	{
		name: 'demo-bewoner',
		role: 'participant',
		group: 'resident',
		memberOf: [{ slug: 'de-brug-demo', role: 'member' }]
	},
	{ name: 'demo-ervaringsdeskundige', role: 'participant', expert: true, group: 'experience_expert' },
	{
		name: 'demo-coordinator',
		role: 'participant',
		group: 'poverty_association',
		memberOf: [{ slug: 'de-brug-demo', role: 'coordinator' }]
	},
	{ name: 'demo-moderator', role: 'moderator', group: 'professional' },
	{ name: 'demo-beleid', role: 'policy', group: 'professional' },
	{ name: 'demo-beheerder', role: 'admin', group: 'professional' }
];

/** Creates the demo associations and accounts that do not exist yet. Returns how many accounts it added. */
export async function seedDemoAccounts(db: DB, now = new Date()): Promise<number> {
	const iso = now.toISOString();
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	return db.transaction().execute(async (trx) => {
		const orgIds = new Map<string, number>();
		for (const org of organisations) {
			const existing = await trx
				.selectFrom('organisations')
				.select('id')
				.where('slug', '=', org.slug)
				.executeTakeFirst();
			const id =
				existing?.id ??
				(
					await trx
						.insertInto('organisations')
						.values({ ...org, name_key: displayNameKey(org.name), created_at: iso, updated_at: iso })
						.returning('id')
						.executeTakeFirstOrThrow()
				).id;
			orgIds.set(org.slug, id);
		}

		let added = 0;
		for (const account of accounts) {
			const key = displayNameKey(account.name);
			if (await trx.selectFrom('users').select('id').where('display_name_key', '=', key).executeTakeFirst()) continue;
			const { id } = await trx
				.insertInto('users')
				.values({
					display_name: account.name,
					display_name_key: key,
					password_hash: passwordHash,
					email: null,
					email_key: null,
					site_role: account.role,
					experience_expert: account.expert ? 1 : 0,
					participant_group: account.group ?? null,
					is_demo: 1,
					created_at: iso,
					updated_at: iso,
					deleted_at: null
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			for (const m of account.memberOf ?? []) {
				await trx
					.insertInto('memberships')
					.values({ organisation_id: orgIds.get(m.slug)!, user_id: id, role: m.role, created_at: iso })
					.execute();
			}
			added++;
		}

		const code = await trx
			.selectFrom('invite_codes')
			.select('id')
			.where('code', '=', DEMO_INVITE_CODE)
			.executeTakeFirst();
		if (!code) {
			await trx
				.insertInto('invite_codes')
				.values({
					code: DEMO_INVITE_CODE,
					organisation_id: orgIds.get('de-brug-demo')!,
					created_by: null,
					label: 'Demo',
					locale: 'nl',
					max_uses: 1000,
					expires_at: new Date(now.getTime() + 365 * 24 * 60 * 60 * 1000).toISOString(),
					created_at: iso
				})
				.execute();
		}
		// The demo association's group meeting, recorded by its coordinator (issue 13).
		const coordinator = await trx
			.selectFrom('users')
			.select('id')
			.where('display_name_key', '=', displayNameKey('demo-coordinator'))
			.executeTakeFirst();
		await seedDemoMeeting(trx, orgIds.get('de-brug-demo')!, coordinator?.id ?? null, iso);
		return added;
	});
}
