import { seedDemoMeeting } from './demo-meeting';
import { displayNameKey } from '../auth/names';
import { hashPassword } from '../auth/password';
import type { Transaction } from 'kysely';
import type { DB } from '../db/create';
import type { Database, OrganisationKind, ParticipantGroup, SiteRole } from '../db/types';

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
		// The second coordinator signs off the association's positions (a coordinator never signs their own).
		name: 'demo-coordinator-2',
		role: 'participant',
		group: 'poverty_association',
		memberOf: [{ slug: 'de-brug-demo', role: 'coordinator' }]
	},
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
		await seedDemoPosition(trx, orgIds.get('de-brug-demo')!, iso);
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

/** The demo association's published position on recommendation 7 of the demo consultation. */
const demoPosition = {
	recommendation: 7,
	stance: 'agrees_with_conditions' as const,
	explanation:
		'Wij zijn akkoord: mensen moeten eerst steun vinden bij elkaar, in hun eigen groep. Pas dan durven ze naar buiten.\n\n' +
		'- Geef groepen genoeg tijd. Een jaar is te kort.\n' +
		'- Betaal de mensen die de groep trekken, ook als ze vrijwilliger zijn.\n' +
		'- Vraag niet meteen cijfers en resultaten.',
	mandate: 'members_meeting' as const,
	decidedOn: '2026-03-03',
	members: 14,
	split: { agree: 11, disagree: 1, abstain: 2 }
};

/**
 * Gives "Buurtwerk De Brug (demo)" one published position (drafted by demo-coordinator, signed off by
 * demo-coordinator-2), once: marked as demo wherever it shows, through its demo authors.
 */
async function seedDemoPosition(trx: Transaction<Database>, organisationId: number, iso: string): Promise<void> {
	const rec = await trx
		.selectFrom('recommendations as r')
		.innerJoin('consultations as c', 'c.id', 'r.consultation_id')
		.select('r.id')
		.where('c.slug', '=', 'gekleurde-armoede')
		.where('r.number', '=', demoPosition.recommendation)
		.executeTakeFirst();
	if (!rec) return;
	const exists = await trx
		.selectFrom('positions')
		.select('id')
		.where('organisation_id', '=', organisationId)
		.where('recommendation_id', '=', rec.id)
		.executeTakeFirst();
	if (exists) return;
	const person = async (name: string) =>
		(await trx.selectFrom('users').select('id').where('display_name_key', '=', displayNameKey(name)).executeTakeFirst())
			?.id ?? null;
	const [drafter, signer] = [await person('demo-coordinator'), await person('demo-coordinator-2')];
	const { id: positionId } = await trx
		.insertInto('positions')
		.values({
			organisation_id: organisationId,
			recommendation_id: rec.id,
			status: 'published',
			created_by: drafter,
			created_at: iso,
			updated_at: iso,
			first_published_at: iso,
			withdrawn_at: null,
			withdrawn_by: null,
			hidden_at: null,
			hidden_reason: null,
			hidden_by: null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	const { id: versionId } = await trx
		.insertInto('position_versions')
		.values({
			position_id: positionId,
			version: 1,
			stance: demoPosition.stance,
			explanation: demoPosition.explanation,
			language: 'nl',
			mandate: demoPosition.mandate,
			decided_on: demoPosition.decidedOn,
			members_taking_part: demoPosition.members,
			split_agree: demoPosition.split.agree,
			split_disagree: demoPosition.split.disagree,
			split_abstain: demoPosition.split.abstain,
			drafted_by: drafter,
			signed_off_by: signer,
			sign_off: 'second_coordinator',
			created_at: iso,
			updated_at: iso,
			published_at: iso
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await trx.updateTable('positions').set({ current_version_id: versionId }).where('id', '=', positionId).execute();
}
