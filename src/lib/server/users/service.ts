import { requireAllowed, requireLogin } from '../auth/require';
import { siteRoles } from '../../domain';
import { isParticipantGroup, participantGroups } from '../../domain';
import { isLocale, locales } from '../../i18n/locales';
import type { Actor, MaybeActor } from '../auth/actor';
import { displayNameKey, displayNameProblem, nameLimits, normaliseDisplayName } from '../auth/names';
import { hashPassword, passwordLimits, passwordProblem } from '../auth/password';
import { invalidateUserSessions } from '../auth/session';
import { suggestNames } from '../auth/service';
import { generateHumanCode, formatCode, hashToken } from '../auth/tokens';
import * as audit from '../audit/repository';
import * as auth from '../auth/repository';
import type { DB } from '../db/create';
import type { ParticipantGroup, SiteRole } from '../db/types';
import { DomainError, forbidden, IssueCollector, loginRequired, notFound } from '../errors';
import * as invites from '../invites/repository';
import * as organisations from '../organisations/repository';
import * as votes from '../votes/repository';
import { canAdministerUsers, canChangeSiteRole, canIssueResetCode, canSetBadge, canSetTranslator } from './policy';
import { myContributions } from './my-data';
import * as repository from './repository';

export { participantGroups };
const DAY = 24 * 60 * 60 * 1000;
export const RESET_CODE_DAYS = 3;

function requireActor(actor: MaybeActor): Actor {
	requireLogin(actor);
	return actor;
}

/** My profile and associations. Raises common:error.loginRequired. */
export async function getProfile(db: DB, actor: MaybeActor) {
	const me = requireActor(actor);
	const [user, memberships] = await Promise.all([repository.findById(db, me.id), organisations.listForUser(db, me.id)]);
	if (!user) throw loginRequired();
	return {
		displayName: user.display_name ?? '',
		email: user.email ?? '',
		locale: user.locale,
		readLanguages: user.read_languages.split(',').filter(Boolean),
		participantGroup: user.participant_group,
		emailNotifications: user.email_notifications === 1,
		siteRole: user.site_role,
		experienceExpert: user.experience_expert === 1,
		isDemo: user.is_demo === 1,
		memberships: memberships.map((m) => ({ slug: m.slug, name: m.name, kind: m.kind, role: m.role }))
	};
}

export interface ProfileInput {
	displayName: string;
	email: string;
	locale: string;
	readLanguages: string[];
	participantGroup: string;
	/** Email me about replies and answers; has effect only with an email address. */
	emailNotifications?: boolean;
}

/** Changes my display name, email, languages and self-declared group. Raises ValidationError. */
export async function updateProfile(db: DB, actor: MaybeActor, input: ProfileInput, now = new Date()): Promise<void> {
	const me = requireActor(actor);
	const issues = new IssueCollector();
	const displayName = normaliseDisplayName(input.displayName ?? '');
	let problem = displayNameProblem(displayName);
	// Staff may carry staff-like names, and nobody is refused the name they already have.
	const current = await repository.findById(db, me.id);
	if (
		problem === 'imitatesStaff' &&
		(me.siteRole !== 'participant' || current?.display_name_key === displayNameKey(displayName))
	) {
		problem = null;
	}
	if (problem) issues.add('displayName', `auth:name.${problem}`, nameLimits);
	else {
		const other = await repository.findByNameKey(db, displayNameKey(displayName));
		if (other && other.id !== me.id) {
			issues.add('displayName', 'auth:name.taken', { suggestion: (await suggestNames(db, displayName))[0] ?? '' });
		}
	}
	const email = (input.email ?? '').trim();
	if (email && (email.length > 254 || !/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]{2,}$/u.test(email)))
		issues.add('email', 'auth:email.invalid');
	else if (email) {
		const other = await repository.findByEmailKey(db, email.toLowerCase());
		if (other && other.id !== me.id) issues.add('email', 'auth:email.taken');
	}
	if (!isLocale(input.locale)) issues.add('locale', 'account:error.locale');
	const readLanguages = (input.readLanguages ?? []).filter((l) => /^[a-z]{2,3}$/.test(l)).slice(0, 20);
	const group = input.participantGroup || null;
	if (group !== null && !isParticipantGroup(group)) issues.add('participantGroup', 'account:error.group');
	issues.throwIfAny();
	await db.transaction().execute(async (trx) => {
		await repository.updateUser(trx, me.id, {
			display_name: displayName,
			display_name_key: displayNameKey(displayName),
			email: email || null,
			email_key: email ? email.toLowerCase() : null,
			locale: input.locale,
			read_languages: [...new Set(readLanguages)].join(','),
			participant_group: group as ParticipantGroup | null,
			email_notifications: email && input.emailNotifications ? 1 : 0,
			updated_at: now.toISOString()
		});
		// Tallies per group follow the group I declare now, for the votes I cast before too.
		await votes.regroup(trx, me.id, group as ParticipantGroup | null);
	});
}

/** Everything we hold about me, as one JSON-ready object. Raises common:error.loginRequired. */
export async function exportMyData(db: DB, actor: MaybeActor, now = new Date()) {
	const me = requireActor(actor);
	const [user, memberships, codes, sessions, mine] = await Promise.all([
		repository.findById(db, me.id),
		organisations.listForUser(db, me.id),
		invites.listCreatedBy(db, me.id),
		auth.listSessionsOf(db, me.id),
		myContributions(db, me.id)
	]);
	if (!user) throw loginRequired();
	return {
		exportedAt: now.toISOString(),
		note: 'Samenspraak stores no IP address and no tracking data. Passwords are stored only as an argon2id hash and are not included.',
		account: {
			displayName: user.display_name,
			email: user.email,
			interfaceLanguage: user.locale,
			languagesIRead: user.read_languages.split(',').filter(Boolean),
			participantGroup: user.participant_group,
			emailNotifications: user.email_notifications === 1,
			siteRole: user.site_role,
			experienceExpertBadge: user.experience_expert === 1,
			createdAt: user.created_at,
			updatedAt: user.updated_at
		},
		memberships: memberships.map((m) => ({ association: m.name, role: m.role, since: m.created_at })),
		inviteCodesCreated: codes.map((c) => ({
			code: formatCode(c.code),
			label: c.label,
			maxUses: c.max_uses,
			uses: c.uses,
			expiresAt: c.expires_at,
			revokedAt: c.revoked_at,
			createdAt: c.created_at
		})),
		sessions: sessions.map((s) => ({ startedAt: s.created_at, expiresAt: s.expires_at })),
		// Each vote and comment says which revision of the recommendation's text it was on (issue 15).
		votes: mine.votes.map((v) => ({
			consultation: v.consultation,
			recommendation: v.recommendation,
			choice: v.choice,
			group: v.participant_group,
			onTextVersion: v.text_version,
			createdAt: v.created_at,
			updatedAt: v.updated_at
		})),
		comments: mine.comments.map((c) => ({
			id: c.id,
			consultation: c.consultation,
			recommendation: c.recommendation,
			replyTo: c.parent_id,
			text: c.body,
			language: c.language,
			stance: c.stance,
			status: c.status,
			hiddenReason: c.hidden_reason,
			onTextVersion: c.text_version,
			createdAt: c.created_at,
			editedAt: c.edited_at,
			personalDetailsRemovedAt: c.redacted_at
		})),
		markedHelpful: mine.helpful.map((h) => ({
			consultation: h.consultation,
			recommendation: h.recommendation,
			comment: h.comment_id,
			at: h.created_at
		})),
		reportsMade: mine.reports.map((r) => ({
			consultation: r.consultation,
			recommendation: r.recommendation,
			comment: r.comment_id,
			reason: r.reason,
			note: r.note,
			status: r.status,
			outcome: r.outcome,
			at: r.created_at
		})),
		following: mine.follows.map((f) => ({
			consultation: f.consultation,
			recommendation: f.recommendation,
			since: f.created_at
		}))
	};
}

/**
 * Deletes my account. `remove` deletes it with everything it wrote; `keep` keeps contributions under
 * "deleted participant" and wipes name, email, password, group and memberships. The last administrator
 * cannot leave. Raises ValidationError (confirm, mode) and account:error.lastAdmin.
 */
export async function deleteAccount(
	db: DB,
	actor: MaybeActor,
	input: { mode: string; confirm: string },
	now = new Date()
): Promise<void> {
	const me = requireActor(actor);
	const issues = new IssueCollector();
	if (input.mode !== 'remove' && input.mode !== 'keep') issues.add('mode', 'account:error.deleteMode');
	if (displayNameKey(input.confirm ?? '') !== displayNameKey(me.displayName))
		issues.add('confirm', 'account:error.deleteConfirm');
	issues.throwIfAny();
	if (me.siteRole === 'admin' && (await repository.countAdmins(db)) <= 1)
		throw new DomainError('account:error.lastAdmin', 409);
	const iso = now.toISOString();
	await db.transaction().execute(async (trx) => {
		await invalidateUserSessions(trx, me.id);
		if (input.mode === 'remove') {
			await repository.deleteUser(trx, me.id);
		} else {
			await organisations.removeAllMemberships(trx, me.id);
			await repository.updateUser(trx, me.id, {
				display_name: null,
				display_name_key: null,
				password_hash: null,
				email: null,
				email_key: null,
				participant_group: null,
				read_languages: '',
				site_role: 'participant',
				experience_expert: 0,
				deleted_at: iso,
				updated_at: iso
			});
		}
		await audit.record(trx, {
			actorId: null,
			action: `account.deleted.${input.mode as 'remove' | 'keep'}`,
			subjectType: 'user',
			subjectId: me.id,
			now: iso
		});
	});
}

/** The user list for administrators, 50 a page. Raises common:error.forbidden. */
export async function listUsers(db: DB, actor: MaybeActor, query: { search?: string; role?: string; page?: number }) {
	requireAllowed(actor, canAdministerUsers(actor));
	const role = siteRoles.includes(query.role as SiteRole) ? (query.role as SiteRole) : undefined;
	const nameKeyPrefix = query.search ? displayNameKey(query.search) : undefined;
	return repository.listUsers(db, { nameKeyPrefix, role, page: query.page });
}

/** Grants or removes a site role. Administrators only, never on themselves. Raises forbidden, notFound.user. */
export async function setSiteRole(
	db: DB,
	actor: MaybeActor,
	userId: number,
	role: string,
	now = new Date()
): Promise<void> {
	const me = requireActor(actor);
	if (!siteRoles.includes(role as SiteRole)) throw new DomainError('account:error.role');
	const target = await repository.findById(db, userId);
	if (!target || target.deleted_at) throw notFound('user');
	if (!canChangeSiteRole(me, target)) throw forbidden();
	const iso = now.toISOString();
	await repository.updateUser(db, userId, { site_role: role as SiteRole, updated_at: iso });
	await audit.record(db, {
		actorId: me.id,
		action: 'role.set',
		subjectType: 'user',
		subjectId: userId,
		detail: `${target.site_role} -> ${role}`,
		now: iso
	});
}

/** Gives or takes the verified experience-expert badge. Administrators only. Raises forbidden, notFound.user. */
export async function setExperienceExpert(
	db: DB,
	actor: MaybeActor,
	userId: number,
	verified: boolean,
	now = new Date()
): Promise<void> {
	const me = requireActor(actor);
	if (!canSetBadge(me)) throw forbidden();
	const target = await repository.findById(db, userId);
	if (!target || target.deleted_at) throw notFound('user');
	const iso = now.toISOString();
	await repository.updateUser(db, userId, { experience_expert: verified ? 1 : 0, updated_at: iso });
	await audit.record(db, {
		actorId: me.id,
		action: verified ? 'badge.granted' : 'badge.removed',
		subjectType: 'user',
		subjectId: userId,
		now: iso
	});
}

/**
 * Sets the languages a person translates into (the translator badge): any of the interface languages,
 * none to take the badge away. Each language given or taken is written to the audit log
 * (translator.granted, translator.withdrawn, with the language). Administrators only, also for
 * themselves (the badge gives no power over others). Raises forbidden, notFound.user.
 */
export async function setTranslatorLanguages(
	db: DB,
	actor: MaybeActor,
	userId: number,
	languages: readonly string[],
	now = new Date()
): Promise<{ granted: string[]; withdrawn: string[] }> {
	requireAllowed(actor, canSetTranslator(actor));
	const target = await repository.findById(db, userId);
	if (!target || target.deleted_at) throw notFound('user');
	// Unknown languages are ignored: the form offers only the interface languages.
	const wanted = locales.filter((l) => languages.includes(l));
	const iso = now.toISOString();
	return db.transaction().execute(async (trx) => {
		const had = (await repository.translatorLanguagesOf(trx, [userId])).get(userId) ?? [];
		const granted = wanted.filter((l) => !had.includes(l));
		const withdrawn = had.filter((l) => !(wanted as string[]).includes(l));
		await repository.grantTranslatorLanguages(trx, { userId, languages: granted, grantedBy: actor.id, now: iso });
		await repository.withdrawTranslatorLanguages(trx, userId, withdrawn);
		for (const [action, changed] of [
			['translator.granted', granted],
			['translator.withdrawn', withdrawn]
		] as const)
			for (const language of changed)
				await audit.record(trx, {
					actorId: actor.id,
					action,
					subjectType: 'user',
					subjectId: userId,
					detail: language,
					now: iso
				});
		return { granted, withdrawn };
	});
}

/**
 * Issues a one-time password reset code for someone without email, to hand over in person. Valid for
 * three days; earlier unused codes for that person stop working. Raises forbidden, notFound.user.
 */
export async function issueResetCode(
	db: DB,
	actor: MaybeActor,
	userId: number,
	now = new Date()
): Promise<{ code: string; expiresAt: string; displayName: string }> {
	const me = requireActor(actor);
	const target = await repository.findById(db, userId);
	if (!target || target.deleted_at || !target.display_name) throw notFound('user');
	const memberships = await organisations.listForUser(db, userId);
	if (
		!canIssueResetCode(me, { id: target.id, siteRole: target.site_role, organisationIds: memberships.map((m) => m.id) })
	)
		throw forbidden();
	const code = generateHumanCode(10);
	const iso = now.toISOString();
	const expiresAt = new Date(now.getTime() + RESET_CODE_DAYS * DAY).toISOString();
	await db.transaction().execute(async (trx) => {
		await auth.retireResets(trx, userId, iso);
		await auth.insertReset(trx, {
			userId,
			codeHash: hashToken(code),
			kind: 'code',
			createdBy: me.id,
			expiresAt,
			now: iso
		});
		await audit.record(trx, {
			actorId: me.id,
			action: 'reset.issued',
			subjectType: 'user',
			subjectId: userId,
			now: iso
		});
	});
	return { code: formatCode(code), expiresAt, displayName: target.display_name };
}

/**
 * For the command line only (whoever runs it already controls the server): creates an administrator,
 * or makes an existing account one and sets its password. Raises ValidationError (displayName, password).
 */
export async function createAdministrator(
	db: DB,
	input: { displayName: string; password: string },
	now = new Date()
): Promise<{ created: boolean; id: number }> {
	const displayName = normaliseDisplayName(input.displayName ?? '');
	const issues = new IssueCollector();
	const problem = displayNameProblem(displayName);
	// Staff may carry staff-like names; every other rule holds.
	if (problem && problem !== 'imitatesStaff') issues.add('displayName', `auth:name.${problem}`, nameLimits);
	const pw = passwordProblem(input.password ?? '', displayName);
	if (pw) issues.add('password', `auth:password.${pw}`, passwordLimits);
	issues.throwIfAny();
	const iso = now.toISOString();
	const passwordHash = await hashPassword(input.password);
	const existing = await repository.findByNameKey(db, displayNameKey(displayName));
	if (existing) {
		await repository.updateUser(db, existing.id, {
			site_role: 'admin',
			password_hash: passwordHash,
			deleted_at: null,
			updated_at: iso
		});
		await audit.record(db, {
			actorId: null,
			action: 'role.set',
			subjectType: 'user',
			subjectId: existing.id,
			detail: 'admin (command line)',
			now: iso
		});
		return { created: false, id: existing.id };
	}
	const id = await repository.insertUser(db, {
		display_name: displayName,
		display_name_key: displayNameKey(displayName),
		password_hash: passwordHash,
		email: null,
		email_key: null,
		site_role: 'admin',
		participant_group: null,
		created_at: iso,
		updated_at: iso,
		deleted_at: null
	});
	await audit.record(db, {
		actorId: null,
		action: 'account.created',
		subjectType: 'user',
		subjectId: id,
		detail: 'admin (command line)',
		now: iso
	});
	return { created: true, id };
}
