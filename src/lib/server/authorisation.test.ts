import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from './auth/actor';
import type { AuthLimits } from './auth/limits';
import { hashPassword } from './auth/password';
import { changePassword } from './auth/service';
import { createSession, validateSessionToken, type Session } from './auth/session';
import { generousLimits } from './auth/test-actors';
import * as comments from './comments/service';
import { insertComment } from './comments/test-comments';
import * as consultations from './consultations/service';
import { writeSetting } from './consultations/repository';
import * as imports from './import/service';
import { sampleMarkdown } from './import/test-reports';
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
import { loadTranslator } from '../i18n/translator';
import { getDashboard, noFilters } from './results/service';
import * as notifications from './notifications/service';
import * as votes from './votes/service';
import * as plain from './plain/service';
import * as revisions from './revisions/service';
import * as translators from './translators/service';
import { loadSources, save } from './translations/repository';
import type { TranslateConfig } from './config';
import * as machine from './translations/machine/service';
import * as translationRequests from './translations/requests';
import * as positions from './positions/service';
import { positionInput } from './positions/test-positions';
import * as meetings from './meetings/service';
import { recordMeeting } from './meetings/test-meetings';

/*
 * The authorisation table: every action against every role, including people who are not logged in.
 * Each cell calls the real service (where the checks live), and a refused call must change nothing:
 * the audit log, which records every change, stays as it was. The last test reads the services and
 * fails when a service function that takes an actor has no row here.
 */

/** The thread the staff actions work on. */
const thread36 = { slug: 'gekleurde-armoede', number: 36 };
let plainSaves = 0;
const roles = [
	'anonymous',
	'participant',
	'expert',
	'translator',
	'member',
	'facilitator',
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
	/** A new account of the role, made for one cell (null for anonymous). */
	newActor: (role: Role) => Promise<Actor | null>;
	admin: Actor;
	orgA: { id: number; slug: string };
	/** A second coordinator of association A, who writes the drafts others sign off. */
	drafter: Actor;
	target: { participant: number; moderator: number };
	/** Each actor's session, by user id. */
	sessions: Record<number, Session>;
	/** A second session of the administrator, elsewhere. */
	adminOtherSession: string;
	tokens: string[];
	limits: AuthLimits;
}

type Action = {
	name: string;
	allowed: Role[];
	/** Prepares the cell (as an administrator); its changes are not part of what is checked. */
	setup?: (f: Fixture) => Promise<number>;
	/**
	 * The cell runs as a new account of its role, made for it alone: the action ends that account or its
	 * other sessions, which the other cells of the role still use.
	 */
	newActor?: true;
	run: (f: Fixture, actor: Actor | null, prepared: number) => Promise<unknown>;
};

/** Everyone's password in this table. */
const PASSWORD = 'een lange zin';
const slug = 'gekleurde-armoede';

const loggedIn = roles.filter((r): r is Exclude<Role, 'anonymous'> => r !== 'anonymous');
const orgManagers: Role[] = ['coordinator', 'admin'];
const moderators: Role[] = ['moderator', 'admin'];
const policyStaff: Role[] = ['policy', 'admin'];
/** Translators into French (the badge), and administrators, who may translate into any language. */
const frenchTranslators: Role[] = ['translator', 'admin'];
/** Association A's coordinator and the member they named facilitator record its group meetings (issue 13). */
const meetingRecorders: Role[] = ['facilitator', 'coordinator'];

/** A group meeting of association A on recommendation 36, written straight to the database: a full draft unless said. */
const newMeeting = async (f: Fixture, status: 'draft' | 'review' | 'published' = 'draft') =>
	(
		await recordMeeting(f.db, {
			organisationId: f.orgA.id,
			status,
			participants: 10,
			items: [{ number: 36, agree: 5, disagree: 3, notSure: 2, quotes: ['Het openbaar vervoer is te duur.'] }]
		})
	).id;
/** The draft each meeting-recording cell works on. */
const draftOf = (f: Fixture, id: number) => ({ slug: f.orgA.slug, id });

/** A comment written straight to the database, with an unchecked machine translation into French. */
async function machineTranslated(f: Fixture): Promise<number> {
	const id = await newComment(f);
	const [source] = await loadSources(f.db, [{ itemType: 'comment', itemId: id, field: 'body' }]);
	await save(f.db, {
		source,
		language: 'fr',
		text: 'Appelez-moi au 0470 12 34 56',
		origin: 'machine',
		translatedBy: null,
		checkedBy: null,
		now: new Date().toISOString()
	});
	return id;
}
const commentBody = (id: number) => ({ itemType: 'comment' as const, itemId: id, field: 'body' as const });
/** Machine translation switched on for the "translate this" rows (nothing is sent: no pass runs). */
const machineOn: TranslateConfig = {
	url: 'http://127.0.0.1:9',
	apiKey: null,
	timeoutMs: 1000,
	dailyCharacters: 100_000,
	asksPerPersonPerDay: 1000
};

/** A comment on recommendation 36 (by the target participant unless said), written straight to the database. */
function newComment(
	f: Fixture,
	status: 'visible' | 'hidden' = 'visible',
	authorId = f.target.participant
): Promise<number> {
	return insertComment(f.db, { number: 36, authorId, body: 'Bel me op 0470 12 34 56', status });
}

/**
 * Service functions that take an actor and need no row, because they refuse nobody: a visitor gets an
 * empty answer, a person only what is theirs.
 */
const noRowNeeded: Record<string, string> = {
	listComments: 'any visitor reads a thread; which held comments each reader sees is tested in moderation/held.test.ts',
	myVote: 'a visitor gets null; a person only their own vote',
	isFollowing: 'a visitor gets false; a person only whether they follow the thread',
	unreadCount: 'a visitor gets 0; a person only their own count',
	getThreadPositions:
		'any visitor reads the published positions; a member gets only the links to their own associations (positions.test.ts)',
	createAccess:
		'anyone may ask whether they may create a consultation; the answer is about them (consultations/create.test.ts)',
	meetingRoles: "a visitor gets nothing; only an association's coordinators see its facilitators (meetings.test.ts)",
	listPreparing:
		'the home page asks for everyone: null for all but those who may create consultations (consultations/create.test.ts)'
};

/** Where association A's position rows work: recommendation 40 of the demo consultation. */
const positionRef = (f: Fixture, number = 40) => ({ slug, number, organisation: f.orgA.slug });

/** A draft of association A's position, written by the drafter (a new version when one is published). */
async function draftPosition(f: Fixture, number = 40): Promise<number> {
	return (await positions.saveDraft(f.db, f.drafter, { ...positionRef(f, number), ...positionInput() })).positionId;
}

/** A new published position of association A (the one there was is withdrawn first), signed off by the coordinator. */
async function publishedPosition(f: Fixture, number: number): Promise<number> {
	await positions.withdrawPosition(f.db, f.drafter, positionRef(f, number)).catch(() => undefined);
	await draftPosition(f, number);
	return (await positions.signOffPosition(f.db, f.actors.coordinator, positionRef(f, number))).positionId;
}

/** A consultation as the create form sends it. */
const newConsultation = { title: 'Nieuw verslag', purpose: 'Wat vindt u ervan?', language: 'nl' };

/** Switches policy staff's right to create consultations, straight in the table (no audit entry). */
async function policyCreate(f: Fixture, allowed: boolean): Promise<number> {
	await writeSetting(f.db, 'policy_create_consultations', allowed ? '1' : '0', new Date().toISOString());
	return 0;
}

/** A new draft consultation (made by the administrator), with a report read into it when asked; its id. */
async function draftConsultation(f: Fixture, withImport: boolean): Promise<number> {
	await policyCreate(f, false);
	const { slug } = await consultations.createConsultation(f.db, f.admin, newConsultation);
	if (withImport) await imports.startImport(f.db, f.admin, { slug, text: sampleMarkdown });
	return (await f.db.selectFrom('consultations').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
}

/** The slug of a consultation, and the id of its open report import. */
async function importOf(f: Fixture, consultationId: number) {
	const { slug } = await f.db
		.selectFrom('consultations')
		.select('slug')
		.where('id', '=', consultationId)
		.executeTakeFirstOrThrow();
	const open = await f.db
		.selectFrom('report_imports')
		.select('id')
		.where('consultation_id', '=', consultationId)
		.where('used_at', 'is', null)
		.executeTakeFirst();
	return { slug, importId: open?.id ?? 0 };
}

const actions: Action[] = [
	{
		name: 'read a consultation',
		allowed: [...roles],
		run: (f) => consultations.getOverview(f.db, 'gekleurde-armoede', 'nl')
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
		name: 'change my password',
		allowed: loggedIn,
		newActor: true,
		run: (f, a) =>
			changePassword(f.db, a, a ? f.sessions[a.id] : null, {
				currentPassword: PASSWORD,
				newPassword: 'een heel nieuw wachtwoord'
			})
	},
	{
		name: 'delete my account',
		allowed: loggedIn,
		newActor: true,
		run: (f, a) => users.deleteAccount(f.db, a, { mode: 'keep', confirm: a?.displayName ?? 'niemand' })
	},
	{ name: 'read my notifications', allowed: loggedIn, run: (f, a) => notifications.listNotifications(f.db, a) },
	{ name: 'mark my notifications read', allowed: loggedIn, run: (f, a) => notifications.markRead(f.db, a, null) },
	{
		name: 'follow a thread',
		allowed: loggedIn,
		run: (f, a) => notifications.setFollowing(f.db, a, { slug, number: 36, follow: true })
	},
	{
		name: 'vote on a recommendation',
		allowed: loggedIn,
		run: (f, a) => votes.castVote(f.db, a, f.limits, { slug, number: 36, choice: 'agree' })
	},
	{ name: 'take my vote back', allowed: loggedIn, run: (f, a) => votes.withdrawVote(f.db, a, { slug, number: 36 }) },
	{
		name: 'keep my vote after the text changed',
		allowed: loggedIn,
		run: async (f, a) => {
			if (a) await votes.castVote(f.db, a, f.limits, { slug, number: 37, choice: 'unsure' });
			return votes.confirmVote(f.db, a, { slug, number: 37 });
		}
	},
	{
		name: 'post a comment',
		allowed: loggedIn,
		run: (f, a) =>
			comments.postComment(f.db, a, f.limits, { slug, number: 36, body: 'Vraag ons vooraf.', language: 'nl' })
	},
	{
		name: 'edit my own comment',
		allowed: loggedIn,
		run: async (f, a) =>
			comments.editComment(f.db, a, {
				commentId: await newComment(f, 'visible', a?.id),
				body: 'Een betere versie.',
				language: 'nl'
			})
	},
	{
		name: "edit someone else's comment",
		allowed: [],
		setup: (f) => newComment(f),
		run: (f, a, id) => comments.editComment(f.db, a, { commentId: id, body: 'Een betere versie.', language: 'nl' })
	},
	{
		name: "mark my own comment's language",
		allowed: loggedIn,
		run: async (f, a) =>
			comments.setCommentLanguage(f.db, a, { commentId: await newComment(f, 'visible', a?.id), language: 'fr' })
	},
	{
		name: "mark someone else's comment's language",
		allowed: [],
		setup: (f) => newComment(f),
		run: (f, a, id) => comments.setCommentLanguage(f.db, a, { commentId: id, language: 'fr' })
	},
	{
		name: 'delete my own comment',
		allowed: loggedIn,
		run: async (f, a) => comments.deleteComment(f.db, a, await newComment(f, 'visible', a?.id))
	},
	{
		name: "delete someone else's comment",
		allowed: [],
		setup: (f) => newComment(f),
		run: (f, a, id) => comments.deleteComment(f.db, a, id)
	},
	{
		name: 'report a comment',
		allowed: loggedIn,
		setup: (f) => newComment(f),
		run: (f, a, id) => comments.reportComment(f.db, a, f.limits, { commentId: id, reason: 'spam' })
	},
	{
		name: 'ask a person to translate a comment',
		allowed: loggedIn,
		setup: (f) => newComment(f),
		run: (f, a, id) =>
			translationRequests.askPersonTranslation(f.db, a, f.limits, {
				ref: { itemType: 'comment', itemId: id, field: 'body' },
				language: 'tr'
			})
	},
	{
		name: 'ask a computer to translate a comment',
		allowed: loggedIn,
		setup: (f) => newComment(f),
		run: (f, a, id) =>
			machine.askMachineTranslation(
				f.db,
				a,
				{ itemType: 'comment', itemId: id, field: 'body' },
				'tr',
				new Date().toISOString(),
				machineOn
			)
	},
	{
		name: 'mark a comment helpful',
		allowed: loggedIn,
		setup: (f) => newComment(f),
		run: (f, a, id) => comments.toggleHelpful(f.db, a, id)
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
		name: 'name a facilitator of the association',
		allowed: orgManagers,
		run: (f, a) =>
			meetings.setFacilitator(f.db, a, { slug: f.orgA.slug, userId: f.target.participant, facilitator: true })
	},
	{
		name: "list the association's group meetings",
		allowed: meetingRecorders,
		run: (f, a) => meetings.listMeetings(f.db, a, f.orgA.slug)
	},
	{
		name: 'start recording a group meeting',
		allowed: meetingRecorders,
		run: (f, a) => meetings.startMeeting(f.db, a, f.limits, { slug: f.orgA.slug, consultation: slug })
	},
	{
		name: "open the association's meeting draft",
		allowed: meetingRecorders,
		setup: (f) => newMeeting(f),
		run: (f, a, id) => meetings.getMeeting(f.db, a, draftOf(f, id))
	},
	{
		name: 'save the details of a meeting draft',
		allowed: meetingRecorders,
		setup: (f) => newMeeting(f),
		run: (f, a, id) =>
			meetings.saveMeetingDetails(f.db, a, {
				...draftOf(f, id),
				heldOn: '2026-11-20',
				place: 'Buurthuis',
				languages: ['nl'],
				participants: '10'
			})
	},
	{
		name: 'choose the recommendations of a meeting draft',
		allowed: meetingRecorders,
		setup: (f) => newMeeting(f),
		run: (f, a, id) => meetings.chooseRecommendations(f.db, a, { ...draftOf(f, id), numbers: ['36', '37'] })
	},
	{
		name: 'save the counts and quotes of a meeting draft',
		allowed: meetingRecorders,
		setup: (f) => newMeeting(f),
		run: (f, a, id) =>
			meetings.saveMeetingItem(f.db, a, {
				...draftOf(f, id),
				number: 36,
				agree: '4',
				disagree: '4',
				notSure: '2',
				quotes: ['Goed idee'],
				quoteLanguages: ['nl']
			})
	},
	{
		name: 'send a group meeting',
		allowed: meetingRecorders,
		setup: (f) => newMeeting(f),
		run: (f, a, id) => meetings.sendMeeting(f.db, a, draftOf(f, id))
	},
	{
		name: "print a meeting's handout",
		allowed: meetingRecorders,
		setup: (f) => newMeeting(f),
		run: (f, a, id) => meetings.getPrintSheet(f.db, a, draftOf(f, id))
	},
	{
		name: 'see group meetings waiting for a moderator',
		allowed: moderators,
		run: async (f, a) => {
			await meetings.countHeldMeetings(f.db, a);
			return meetings.listHeldMeetings(f.db, a);
		}
	},
	{
		name: 'open a group meeting as a moderator',
		allowed: moderators,
		setup: (f) => newMeeting(f, 'review'),
		run: (f, a, id) => meetings.getMeetingForModerator(f.db, a, id)
	},
	{
		name: 'publish a held group meeting',
		allowed: moderators,
		setup: (f) => newMeeting(f, 'review'),
		run: (f, a, id) => meetings.approveMeeting(f.db, a, { meetingId: id })
	},
	{
		name: 'hide a group meeting',
		allowed: moderators,
		setup: (f) => newMeeting(f, 'published'),
		run: (f, a, id) => meetings.hideMeeting(f.db, a, { meetingId: id, reason: 'personal' })
	},
	{
		name: 'hide a quote of a group meeting',
		allowed: moderators,
		setup: async (f) =>
			(
				await recordMeeting(f.db, {
					organisationId: f.orgA.id,
					participants: 4,
					items: [{ number: 36, agree: 1, disagree: 1, notSure: 1, quotes: ['Bel me op 0470 12 34 56'] }]
				})
			).quoteIds[0],
		run: (f, a, id) => meetings.hideMeetingQuote(f.db, a, { quoteId: id, reason: 'personal' })
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
	{
		name: 'give or take the translator badge',
		allowed: ['admin'],
		run: (f, a) => users.setTranslatorLanguages(f.db, a, f.target.participant, [])
	},
	{
		name: "see the translators' queue",
		allowed: ['translator', 'moderator', 'policy', 'admin'],
		run: (f, a) => translators.getTranslationQueue(f.db, a, {})
	},
	{
		name: 'open the form to translate a comment into French',
		allowed: frenchTranslators,
		setup: (f) => newComment(f),
		run: (f, a, id) => translators.getTranslationForm(f.db, a, commentBody(id), 'fr')
	},
	{
		name: 'translate a comment into French',
		allowed: frenchTranslators,
		setup: (f) => newComment(f),
		run: (f, a, id) =>
			translators.writeTranslation(f.db, a, commentBody(id), 'fr', { text: 'Appelez-moi', check: false })
	},
	{
		name: 'translate a comment into Turkish (not the translator’s language)',
		allowed: ['admin'],
		setup: (f) => newComment(f),
		run: (f, a, id) => translators.writeTranslation(f.db, a, commentBody(id), 'tr', { text: 'Beni ara', check: false })
	},
	{
		name: "check a machine's French translation of a comment",
		allowed: frenchTranslators,
		setup: (f) => machineTranslated(f),
		run: (f, a, id) =>
			translators.writeTranslation(f.db, a, commentBody(id), 'fr', {
				text: 'Appelez-moi au 0470 12 34 56',
				check: true
			})
	},
	{
		name: "draft an association's position",
		allowed: ['coordinator'],
		run: (f, a) => positions.saveDraft(f.db, a, { ...positionRef(f, 41), ...positionInput() })
	},
	{
		name: "read an association's draft position and its members' remarks",
		// A facilitator is a member of the association too.
		allowed: ['member', 'facilitator', 'coordinator'],
		setup: (f) => draftPosition(f),
		run: (f, a) => positions.getPositionEditor(f.db, a, { ...positionRef(f), language: 'nl' })
	},
	{
		name: "remark on an association's draft position",
		// A facilitator is a member of the association too.
		allowed: ['member', 'facilitator', 'coordinator'],
		setup: (f) => draftPosition(f),
		run: (f, a) => positions.addRemark(f.db, a, f.limits, { ...positionRef(f), body: 'Zeg iets over de kosten.' })
	},
	{
		name: 'sign off a position another coordinator drafted',
		allowed: ['coordinator'],
		setup: (f) => draftPosition(f, 42),
		run: (f, a) => positions.signOffPosition(f.db, a, positionRef(f, 42))
	},
	{
		name: "withdraw an association's position",
		allowed: ['coordinator'],
		setup: (f) => publishedPosition(f, 43),
		run: (f, a) => positions.withdrawPosition(f.db, a, positionRef(f, 43))
	},
	{
		name: 'see the positions on a thread to hide one',
		allowed: moderators,
		run: (f, a) => positions.getPositionsToModerate(f.db, a, { slug, number: 44, language: 'nl' })
	},
	{
		name: 'hide a position',
		allowed: moderators,
		setup: (f) => publishedPosition(f, 45),
		run: (f, a, id) => positions.hidePosition(f.db, a, { positionId: id, reason: 'spam' })
	},
	{
		name: 'see the positions on the dashboard',
		allowed: policyStaff,
		run: (f, a) => positions.getDashboardPositions(f.db, a, [])
	},
	{
		name: 'deactivate or activate an association',
		allowed: ['admin'],
		run: (f, a) => organisations.setOrganisationActive(f.db, a, { slug: 'vereniging-b', active: true })
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
		run: (f, a) => summaries.getSummaryEditor(f.db, a, thread36)
	},
	{
		name: 'publish a summary',
		allowed: moderators,
		run: (f, a) =>
			summaries.saveSummary(f.db, a, {
				...thread36,
				publish: true,
				mainPoints: '- Mensen willen vooraf gevraagd worden',
				disagreements: '',
				voices: ''
			})
	},
	{
		name: 'open the answer editor',
		allowed: policyStaff,
		run: (f, a) => answers.getAnswerEditor(f.db, a, thread36)
	},
	{
		name: 'publish a policy answer',
		allowed: policyStaff,
		run: (f, a) =>
			answers.saveAnswer(f.db, a, {
				...thread36,
				status: 'under_study',
				explanation: 'We bekijken dit.',
				publish: true
			})
	},
	{
		name: "open the editor of a recommendation's official text",
		allowed: policyStaff,
		run: (f, a) => revisions.getRevisionEditor(f.db, a, { slug, number: 37 })
	},
	{
		name: "revise a recommendation's official text",
		allowed: policyStaff,
		setup: async (f) => Number((await revisions.getRevisionEditor(f.db, f.admin, { slug, number: 37 })).form.version),
		run: (f, a, version) =>
			revisions.reviseRecommendation(f.db, a, {
				slug,
				number: 37,
				shortTitle: 'Een korte titel',
				officialText: `Tekst van versie ${version + 1}.`,
				kind: 'correction',
				version: String(version)
			})
	},
	{
		name: "open the editor of a recommendation's plain version",
		allowed: policyStaff,
		run: (f, a) => plain.getPlainEditor(f.db, a, { slug, number: 38 })
	},
	{
		name: "write a recommendation's plain version",
		allowed: policyStaff,
		// Each cell starts from the text there is (read as the administrator) and writes a new one.
		run: async (f, a) =>
			plain.savePlainVersion(f.db, a, {
				slug,
				number: 38,
				plainText: `Eenvoudige tekst ${++plainSaves}.`,
				version: (await plain.getPlainEditor(f.db, f.admin, { slug, number: 38 })).form.version
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
		name: "set a consultation's organiser",
		allowed: ['admin'],
		run: (f, a) =>
			consultations.updateOrganiser(f.db, a, { slug: 'gekleurde-armoede', organiserName: 'Samenspraak demo' })
	},
	{
		name: 'create a consultation (policy staff not allowed)',
		allowed: ['admin'],
		setup: (f) => policyCreate(f, false),
		run: (f, a) => consultations.createConsultation(f.db, a, newConsultation)
	},
	{
		name: 'create a consultation (policy staff allowed by an administrator)',
		allowed: policyStaff,
		setup: (f) => policyCreate(f, true),
		run: (f, a) => consultations.createConsultation(f.db, a, newConsultation)
	},
	{
		name: 'open a draft consultation to prepare it',
		allowed: ['admin'],
		setup: (f) => policyCreate(f, false),
		run: (f, a) => consultations.preparable(f.db, a, 'gekleurde-armoede')
	},
	{
		name: 'read a report into a draft consultation',
		allowed: ['admin'],
		setup: (f) => draftConsultation(f, false),
		run: async (f, a, id) => imports.startImport(f.db, a, { slug: (await importOf(f, id)).slug, text: sampleMarkdown })
	},
	{
		name: 'read a report into a draft consultation (policy staff allowed)',
		allowed: policyStaff,
		setup: async (f) => {
			const id = await draftConsultation(f, false);
			await policyCreate(f, true);
			return id;
		},
		run: async (f, a, id) => imports.startImport(f.db, a, { slug: (await importOf(f, id)).slug, text: sampleMarkdown })
	},
	{
		name: 'see a report import',
		allowed: ['admin'],
		setup: (f) => draftConsultation(f, true),
		run: async (f, a, id) => imports.getImport(f.db, a, (await importOf(f, id)).slug)
	},
	{
		name: 'fix an imported report',
		allowed: ['admin'],
		setup: (f) => draftConsultation(f, true),
		run: async (f, a, id) =>
			imports.editImport(f.db, a, {
				...(await importOf(f, id)),
				edit: { action: 'theme', theme: 't1', title: 'Wonen' }
			})
	},
	{
		name: 'publish an imported report',
		allowed: ['admin'],
		setup: (f) => draftConsultation(f, true),
		run: async (f, a, id) => imports.publishImport(f.db, a, await importOf(f, id))
	},
	{
		name: 'let policy staff create consultations',
		allowed: ['admin'],
		run: (f, a) => consultations.setPolicyMayCreate(f.db, a, { allowed: false })
	},
	{
		name: 'list consultations with their settings',
		allowed: ['admin'],
		run: (f, a) => consultations.listForAdmin(f.db, a)
	},
	{
		name: 'see the printed report',
		allowed: policyStaff,
		run: async (f, a) =>
			exportsService.getPrintReport(
				f.db,
				a,
				{ slug: 'gekleurde-armoede', filters: noFilters, locale: 'nl' },
				await loadTranslator('nl')
			)
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
			exportsService.createExportLink(f.db, a, a ? f.sessions[a.id].id : null, {
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
		run: (f, a, i) => exportsService.openExportLink(f.db, a, a ? f.sessions[a.id].id : null, f.tokens[i])
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
		const passwordHash = await hashPassword(PASSWORD);
		const user = async (name: string, siteRole: 'participant' | 'moderator' | 'policy' | 'admin', expert = false) =>
			(
				await db
					.insertInto('users')
					.values({
						display_name: name,
						display_name_key: name,
						password_hash: passwordHash,
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
		const member = (organisation_id: number, user_id: number, role: 'member' | 'coordinator') =>
			db.insertInto('memberships').values({ organisation_id, user_id, role, created_at: now }).execute();
		/** A person who is what the role says: a site role, the badge, or a place in an association. */
		const person = async (role: Exclude<Role, 'anonymous'>, name: string) => {
			const site = role === 'moderator' || role === 'policy' || role === 'admin' ? role : 'participant';
			const id = await user(name, site, role === 'expert');
			if (role === 'member') await member(orgA, id, 'member');
			if (role === 'facilitator') {
				await member(orgA, id, 'member');
				await db.updateTable('memberships').set({ facilitator: 1 }).where('user_id', '=', id).execute();
			}
			if (role === 'coordinator') await member(orgA, id, 'coordinator');
			if (role === 'otherCoordinator') await member(orgB, id, 'coordinator');
			if (role === 'translator')
				await db.insertInto('translator_languages').values({ user_id: id, language: 'fr', granted_at: now }).execute();
			return id;
		};
		const drafterId = await user('drafter', 'participant');
		await member(orgA, drafterId, 'coordinator');
		const targetParticipant = await user('target', 'participant');
		const targetModerator = await user('targetmoderator', 'moderator');
		await member(orgA, targetParticipant, 'member');
		await member(orgA, targetModerator, 'member');

		// Actors exactly as a request sees them: through a real session.
		const sessions: Record<number, Session> = {};
		const actorOf = async (id: number) => {
			const validated = await validateSessionToken(db, (await createSession(db, id)).token);
			sessions[id] = validated.session!;
			return validated.actor!;
		};
		const actors = { anonymous: null } as Record<Role, Actor | null>;
		for (const role of loggedIn) actors[role] = await actorOf(await person(role, role.toLowerCase()));
		let made = 0;
		const newActor = async (role: Role) =>
			role === 'anonymous' ? null : actorOf(await person(role, `${role.toLowerCase()}-${++made}`));
		const adminOtherSession = (await validateSessionToken(db, (await createSession(db, actors.admin!.id)).token))
			.session!.id;
		f = {
			db,
			actors,
			newActor,
			admin: actors.admin!,
			orgA: { id: orgA, slug: 'vereniging-a' },
			drafter: await actorOf(drafterId),
			target: { participant: targetParticipant, moderator: targetModerator },
			sessions,
			adminOtherSession,
			tokens: [],
			limits: generousLimits()
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
				const actor = action.newActor ? await f.newActor(role) : f.actors[role];
				if (allowed) {
					await expect(action.run(f, actor, prepared)).resolves.not.toThrow();
				} else {
					const before = await auditCount();
					const outcome = await action.run(f, actor, prepared).then(
						() => 'allowed',
						(e) => (e instanceof DomainError ? e.status : e)
					);
					expect(outcome).toBe(role === 'anonymous' ? 401 : 403);
					expect(await auditCount()).toBe(before);
				}
			});
		}
	}

	it('has a row for every service function that takes an actor, except the few listed that refuse nobody', () => {
		const server = fileURLToPath(new URL('.', import.meta.url));
		const takesActor = /export\s+(?:async\s+)?function\s+(\w+)\s*\(\s*db:\s*DB\s*,\s*actor\s*:/g;
		const functions = readdirSync(server, { withFileTypes: true })
			.filter((d) => d.isDirectory() && existsSync(join(server, d.name, 'service.ts')))
			.flatMap((d) =>
				[...readFileSync(join(server, d.name, 'service.ts'), 'utf8').matchAll(takesActor)].map((m) => m[1])
			);
		// The reading finds signatures written over several lines too.
		expect(functions).toEqual(expect.arrayContaining(['getProfile', 'postComment', 'changePassword', 'castVote']));
		const sources = actions.map((a) => a.run.toString());
		const inTable = (name: string) => sources.some((source) => new RegExp(`\\b${name}\\b`).test(source));
		expect(functions.filter((name) => !(name in noRowNeeded) && !inTable(name))).toEqual([]);
		// Every exception is still a service function that takes an actor, and has no row after all.
		expect(Object.keys(noRowNeeded).filter((name) => !functions.includes(name) || inTable(name))).toEqual([]);
	});
});
