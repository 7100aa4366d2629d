import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from './auth/actor';
import { createSession, validateSessionToken } from './auth/session';
import * as consultations from './consultations/service';
import type { DB } from './db/create';
import { createTestDb, type TestDb } from './db/test-db';
import { DomainError } from './errors';
import * as invites from './invites/service';
import * as organisations from './organisations/service';
import { demo } from './seed/demo-data';
import { seedConsultation } from './seed/service';
import * as users from './users/service';
import * as answers from './answers/service';
import { listAuditLog } from './audit/service';
import * as moderation from './moderation/service';
import * as summaries from './summaries/service';
import * as exportsService from './exports/service';
import { getDashboard, noFilters } from './results/service';

/*
 * The authorisation table: every action against every role, including people who are not logged in.
 * Each cell calls the real service (where the checks live), and a refused call must change nothing:
 * the audit log, which records every change, stays as it was.
 */

const roles = [
	'anonymous',
	'participant',
	'expert',
	'member',
	'coordinator',
	'otherCoordinator',
	'moderator',
	'policy',
	'admin'
] as const;
type Role = (typeof roles)[number];

interface Fixture {
	db: DB;
	actors: Record<Role, Actor | null>;
	admin: Actor;
	orgA: { id: number; slug: string };
	target: { participant: number; moderator: number };
	/** Each actor's session id, by user id. */
	sessions: Record<number, string>;
	/** A second session of the administrator, elsewhere. */
	adminOtherSession: string;
	tokens: string[];
}

type Action = {
	name: string;
	allowed: Role[];
	/** Prepares the cell (as an administrator); its changes are not part of what is checked. */
	setup?: (f: Fixture) => Promise<number>;
	run: (f: Fixture, actor: Actor | null, prepared: number) => Promise<unknown>;
};

const loggedIn: Role[] = roles.filter((r) => r !== 'anonymous');
const orgManagers: Role[] = ['coordinator', 'admin'];
const moderators: Role[] = ['moderator', 'admin'];
const policyStaff: Role[] = ['policy', 'admin'];

/** A comment by the target participant on recommendation 36, written straight to the database. */
async function newComment(f: Fixture, status: 'visible' | 'hidden' = 'visible'): Promise<number> {
	const rec = await f.db.selectFrom('recommendations').select('id').where('number', '=', 36).executeTakeFirstOrThrow();
	const { id } = await f.db
		.insertInto('comments')
		.values({
			recommendation_id: rec.id,
			parent_id: null,
			author_id: f.target.participant,
			body: 'Bel me op 0470 12 34 56',
			language: 'nl',
			stance: null,
			status,
			hidden_reason: status === 'hidden' ? 'personal' : null,
			client_token: null,
			created_at: new Date().toISOString(),
			edited_at: null,
			deleted_at: null,
			held_for: null,
			hidden_at: null,
			redacted_at: null,
			moderated_at: null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return id;
}

const actions: Action[] = [
	{
		name: 'read a consultation',
		allowed: [...roles],
		run: (f) => consultations.getOverview(f.db, 'gekleurde-armoede')
	},
	{ name: 'see my profile', allowed: loggedIn, run: (f, a) => users.getProfile(f.db, a) },
	{ name: 'download my data', allowed: loggedIn, run: (f, a) => users.exportMyData(f.db, a) },
	{
		name: 'change my profile',
		allowed: loggedIn,
		run: async (f, a) => {
			const p = await users.getProfile(f.db, a);
			await users.updateProfile(f.db, a, {
				...p,
				participantGroup: p.participantGroup ?? '',
				readLanguages: p.readLanguages
			});
		}
	},
	{
		name: 'create an invite code for an association',
		allowed: orgManagers,
		run: (f, a) =>
			invites.createInvite(f.db, a, {
				organisationSlug: f.orgA.slug,
				maxUses: 1,
				validDays: 7,
				label: '',
				locale: 'nl'
			})
	},
	{
		name: 'create a site-wide invite code',
		allowed: ['admin'],
		run: (f, a) =>
			invites.createInvite(f.db, a, { organisationSlug: null, maxUses: 1, validDays: 7, label: '', locale: 'nl' })
	},
	{ name: "list an association's codes", allowed: orgManagers, run: (f, a) => invites.listInvites(f.db, a, f.orgA.id) },
	{
		name: "print an association's invite card",
		allowed: orgManagers,
		setup: async (f) =>
			(
				await invites.createInvite(f.db, f.admin, {
					organisationSlug: f.orgA.slug,
					maxUses: 1,
					validDays: 7,
					label: '',
					locale: 'ar'
				})
			).id,
		run: (f, a, id) => invites.getInviteCard(f.db, a, id, 'http://localhost')
	},
	{
		name: "revoke an association's invite code",
		allowed: orgManagers,
		setup: async (f) =>
			(
				await invites.createInvite(f.db, f.admin, {
					organisationSlug: f.orgA.slug,
					maxUses: 1,
					validDays: 7,
					label: '',
					locale: 'nl'
				})
			).id,
		run: (f, a, id) => invites.revokeInvite(f.db, a, id)
	},
	{
		name: "see an association's members",
		allowed: orgManagers,
		run: async (f, a) => {
			const result = await organisations.getOrganisation(f.db, a, f.orgA.slug);
			if (!result.canManage || result.members === null) throw new DomainError('common:error.forbidden', a ? 403 : 401);
			return result;
		}
	},
	{
		name: 'make a member coordinator',
		allowed: orgManagers,
		run: (f, a) => organisations.changeMember(f.db, a, f.orgA.slug, f.target.participant, 'member')
	},
	{
		name: 'create an association',
		allowed: ['admin'],
		run: (f, a) =>
			organisations.createOrganisation(f.db, a, {
				name: `Vereniging ${Math.random().toString(36).slice(2, 8)}`,
				kind: 'civil_society',
				description: ''
			})
	},
	{
		name: 'issue a reset code for a participant of the association',
		allowed: orgManagers,
		run: (f, a) => users.issueResetCode(f.db, a, f.target.participant)
	},
	{
		name: 'issue a reset code for a staff member',
		allowed: ['admin'],
		run: (f, a) => users.issueResetCode(f.db, a, f.target.moderator)
	},
	{ name: 'list all users', allowed: ['admin'], run: (f, a) => users.listUsers(f.db, a, {}) },
	{
		name: "change someone's site role",
		allowed: ['admin'],
		run: (f, a) => users.setSiteRole(f.db, a, f.target.participant, 'participant')
	},
	{
		name: 'give the experience-expert badge',
		allowed: ['admin'],
		run: (f, a) => users.setExperienceExpert(f.db, a, f.target.participant, false)
	},
	{ name: 'see the moderation queue', allowed: moderators, run: (f, a) => moderation.listQueue(f.db, a) },
	{
		name: 'hide a comment',
		allowed: moderators,
		setup: (f) => newComment(f),
		run: (f, a, id) => moderation.hideComment(f.db, a, { commentId: id, reason: 'personal' })
	},
	{
		name: 'show a hidden comment again',
		allowed: moderators,
		setup: (f) => newComment(f, 'hidden'),
		run: (f, a, id) => moderation.restoreComment(f.db, a, { commentId: id })
	},
	{
		name: 'edit personal details out of a comment',
		allowed: moderators,
		setup: (f) => newComment(f),
		run: (f, a, id) => moderation.redactComment(f.db, a, { commentId: id, body: 'Bel me op [nummer]' })
	},
	{
		name: "mark a comment's reports as handled",
		allowed: moderators,
		setup: (f) => newComment(f),
		run: (f, a, id) => moderation.dismissReports(f.db, a, { commentId: id })
	},
	{
		name: 'pause a participant',
		allowed: moderators,
		run: (f, a) => moderation.suspendAccount(f.db, a, { userId: f.target.participant, days: 1, reason: 'hurtful' })
	},
	{
		name: "end a participant's pause",
		allowed: moderators,
		run: (f, a) => moderation.liftSuspension(f.db, a, f.target.participant)
	},
	{ name: 'read the audit log', allowed: moderators, run: (f, a) => listAuditLog(f.db, a) },
	{
		name: 'open the summary editor',
		allowed: moderators,
		run: (f, a) => summaries.getSummaryEditor(f.db, a, { slug: 'gekleurde-armoede', number: 36 })
	},
	{
		name: 'publish a summary',
		allowed: moderators,
		run: (f, a) =>
			summaries.saveSummary(f.db, a, {
				slug: 'gekleurde-armoede',
				number: 36,
				publish: true,
				mainPoints: '- Mensen willen vooraf gevraagd worden',
				disagreements: '',
				voices: ''
			})
	},
	{
		name: 'open the answer editor',
		allowed: policyStaff,
		run: (f, a) => answers.getAnswerEditor(f.db, a, { slug: 'gekleurde-armoede', number: 36 })
	},
	{
		name: 'publish a policy answer',
		allowed: policyStaff,
		run: (f, a) =>
			answers.saveAnswer(f.db, a, {
				slug: 'gekleurde-armoede',
				number: 36,
				status: 'under_study',
				explanation: 'We bekijken dit.',
				publish: true
			})
	},
	{
		name: "change a consultation's phase",
		allowed: ['admin'],
		run: (f, a) => consultations.setPhase(f.db, a, { slug: 'gekleurde-armoede', phase: 'open' })
	},
	{
		name: "change a consultation's moderation settings",
		allowed: ['admin'],
		run: (f, a) =>
			consultations.updateModerationSettings(f.db, a, {
				slug: 'gekleurde-armoede',
				holdPolicy: 'personal_details',
				holdAfterReports: 2
			})
	},
	{
		name: 'list consultations with their settings',
		allowed: ['admin'],
		run: (f, a) => consultations.listForAdmin(f.db, a)
	},
	{
		name: 'see the results dashboard',
		allowed: policyStaff,
		run: (f, a) => getDashboard(f.db, a, 'gekleurde-armoede', noFilters)
	},
	{
		name: 'make an export link',
		allowed: policyStaff,
		run: (f, a) =>
			exportsService.createExportLink(f.db, a, a ? f.sessions[a.id] : null, {
				slug: 'gekleurde-armoede',
				format: 'votes.csv',
				locale: 'nl',
				filters: noFilters
			})
	},
	{
		name: "open an export link made in someone else's session",
		allowed: [],
		setup: async (f) => {
			const { token } = await exportsService.createExportLink(f.db, f.admin, f.adminOtherSession, {
				slug: 'gekleurde-armoede',
				format: 'votes.csv',
				locale: 'nl',
				filters: noFilters
			});
			f.tokens.push(token);
			return f.tokens.length - 1;
		},
		run: (f, a, i) => exportsService.openExportLink(f.db, a, a ? f.sessions[a.id] : null, f.tokens[i])
	}
];

describe(`authorisation table (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite'})`, () => {
	let t: TestDb;
	let f: Fixture;

	beforeAll(async () => {
		t = await createTestDb();
		const db = t.db;
		await seedConsultation(db, demo);
		const now = new Date().toISOString();
		const org = async (slug: string) =>
			(
				await db
					.insertInto('organisations')
					.values({ slug, name: slug, name_key: slug, kind: 'poverty_association', created_at: now, updated_at: now })
					.returning('id')
					.executeTakeFirstOrThrow()
			).id;
		const orgA = await org('vereniging-a');
		const orgB = await org('vereniging-b');
		const user = async (name: string, siteRole: 'participant' | 'moderator' | 'policy' | 'admin', expert = false) =>
			(
				await db
					.insertInto('users')
					.values({
						display_name: name,
						display_name_key: name,
						password_hash: null,
						email: null,
						email_key: null,
						site_role: siteRole,
						experience_expert: expert ? 1 : 0,
						participant_group: null,
						created_at: now,
						updated_at: now,
						deleted_at: null
					})
					.returning('id')
					.executeTakeFirstOrThrow()
			).id;
		const ids = {
			participant: await user('participant', 'participant'),
			expert: await user('expert', 'participant', true),
			member: await user('member', 'participant'),
			coordinator: await user('coordinator', 'participant'),
			otherCoordinator: await user('othercoordinator', 'participant'),
			moderator: await user('moderator', 'moderator'),
			policy: await user('policy', 'policy'),
			admin: await user('admin', 'admin')
		};
		const targetParticipant = await user('target', 'participant');
		const targetModerator = await user('targetmoderator', 'moderator');
		const member = (organisation_id: number, user_id: number, role: 'member' | 'coordinator') =>
			db.insertInto('memberships').values({ organisation_id, user_id, role, created_at: now }).execute();
		await member(orgA, ids.member, 'member');
		await member(orgA, ids.coordinator, 'coordinator');
		await member(orgB, ids.otherCoordinator, 'coordinator');
		await member(orgA, targetParticipant, 'member');
		await member(orgA, targetModerator, 'member');

		// Actors exactly as a request sees them: through a real session.
		const sessions: Record<number, string> = {};
		const actorOf = async (id: number) => {
			const validated = await validateSessionToken(db, (await createSession(db, id)).token);
			sessions[id] = validated.session!.id;
			return validated.actor!;
		};
		const actors = { anonymous: null } as Record<Role, Actor | null>;
		for (const [role, id] of Object.entries(ids)) actors[role as Role] = await actorOf(id);
		const adminOtherSession = (await validateSessionToken(db, (await createSession(db, ids.admin)).token)).session!.id;
		f = {
			db,
			actors,
			admin: actors.admin!,
			orgA: { id: orgA, slug: 'vereniging-a' },
			target: { participant: targetParticipant, moderator: targetModerator },
			sessions,
			adminOtherSession,
			tokens: []
		};
	});
	afterAll(async () => t.destroy());

	const auditCount = async () =>
		Number(
			(
				await f.db
					.selectFrom('audit_log')
					.select((eb) => eb.fn.countAll<number>().as('n'))
					.executeTakeFirstOrThrow()
			).n
		);

	for (const action of actions) {
		for (const role of roles) {
			const allowed = action.allowed.includes(role);
			it(`${action.name}: ${role} is ${allowed ? 'allowed' : 'refused'}`, async () => {
				const prepared = action.setup ? await action.setup(f) : 0;
				if (allowed) {
					await expect(action.run(f, f.actors[role], prepared)).resolves.not.toThrow();
				} else {
					const before = await auditCount();
					const outcome = await action.run(f, f.actors[role], prepared).then(
						() => 'allowed',
						(e) => (e instanceof DomainError ? e.status : e)
					);
					expect(outcome).toBe(role === 'anonymous' ? 401 : 403);
					expect(await auditCount()).toBe(before);
				}
			});
		}
	}

	it('covers every role in every action', () => {
		expect(actions.length).toBeGreaterThanOrEqual(35);
		for (const action of actions) for (const role of action.allowed) expect(roles).toContain(role);
	});
});
