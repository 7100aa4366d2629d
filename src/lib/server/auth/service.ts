import { isParticipantGroup, type ParticipantGroup } from '../../domain';
import { isLocale } from '../../i18n/locales';
import * as audit from '../audit/repository';
import type { DB } from '../db/create';
import { DomainError, IssueCollector, ValidationError } from '../errors';
import { landingFor } from '../consultations/service';
import * as invites from '../invites/repository';
import { inviteStatus } from '../invites/status';
import * as organisations from '../organisations/repository';
import * as users from '../users/repository';
import type { Actor } from './actor';
import type { AuthLimits } from './limits';
import { displayNameKey, displayNameProblem, nameLimits, normaliseDisplayName, NAME_MAX } from './names';
import { decoyHash, hashPassword, passwordLimits, passwordProblem, verifyPassword } from './password';
import { createSession, invalidateSession, invalidateUserSessions, type Session } from './session';
import * as repository from './repository';
import { hashToken, normaliseCode } from './tokens';

export interface RequestContext {
	db: DB;
	limits: AuthLimits;
	/** Who is asking, for rate limits only: the client address, never stored (the limits keep an HMAC of it). */
	address: string;
	now?: Date;
}

export interface SignUpInput {
	displayName: string;
	password: string;
	email?: string;
	inviteCode?: string;
	/** Who they are here as (optional; the same choices as in the account settings). */
	participantGroup?: string;
	locale: string;
}

export interface LoggedIn {
	userId: number;
	token: string;
	session: Session;
	organisation: { slug: string; name: string } | null;
}

const EMAIL_MAX = 254;
const emailPattern = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]{2,}$/u;

export function emailKey(email: string): string {
	return email.trim().toLowerCase();
}

/** Up to three free names close to a taken one, for the "this name is taken" message. */
export async function suggestNames(db: DB, name: string): Promise<string[]> {
	const base = [...name].slice(0, NAME_MAX - 4).join('');
	const candidates = new Set<string>();
	while (candidates.size < 8) candidates.add(`${base} ${10 + Math.floor(Math.random() * 990)}`);
	const byKey = new Map([...candidates].map((c) => [displayNameKey(c), c]));
	const taken = await users.takenNameKeys(db, [...byKey.keys()]);
	return [...byKey.entries()]
		.filter(([key]) => !taken.has(key))
		.map(([, c]) => c)
		.slice(0, 3);
}

/**
 * Creates an account with a pseudonym and a password (email optional), and with an invite code the
 * membership of the code's association, in one step; then logs the person in.
 * Raises ValidationError (displayName, password, email, inviteCode) and auth:error.tooManyAttempts.
 */
export async function signUp(ctx: RequestContext, input: SignUpInput): Promise<LoggedIn> {
	const now = ctx.now ?? new Date();
	const issues = new IssueCollector();
	const displayName = normaliseDisplayName(input.displayName ?? '');
	const nameProblem = displayNameProblem(displayName);
	if (nameProblem) issues.add('displayName', `auth:name.${nameProblem}`, nameLimits);
	const pwProblem = passwordProblem(input.password ?? '', displayName);
	if (pwProblem) issues.add('password', `auth:password.${pwProblem}`, passwordLimits);
	const email = (input.email ?? '').trim();
	if (email && (email.length > EMAIL_MAX || !emailPattern.test(email))) issues.add('email', 'auth:email.invalid');
	const group = input.participantGroup || null;
	if (group !== null && !isParticipantGroup(group)) issues.add('participantGroup', 'account:error.group');

	const code = normaliseCode(input.inviteCode ?? '');
	let invite: invites.InviteRow | undefined;
	if (input.inviteCode?.trim()) {
		invite = code ? await invites.findByCode(ctx.db, code) : undefined;
		const status = inviteStatus(invite, now);
		if (status !== 'ok') issues.add('inviteCode', `auth:invite.${status}`);
	}
	if (!issues.has('displayName')) {
		if (await users.findByNameKey(ctx.db, displayNameKey(displayName))) {
			const suggestions = await suggestNames(ctx.db, displayName);
			issues.add('displayName', 'auth:name.taken', { suggestion: suggestions[0] ?? '' });
		}
	}
	if (email && !issues.has('email') && (await users.findByEmailKey(ctx.db, emailKey(email)))) {
		issues.add('email', 'auth:email.taken');
	}
	issues.throwIfAny();

	// Counted only for valid requests, so someone fixing a typo is not locked out. With an invite code a
	// group can sign up together from one room (one address): the code's own number of uses limits them,
	// and a per-code-and-address allowance keeps a leaked code from being emptied by one script at once.
	if (invite) await ctx.limits.consume('signUpInviteAddress', `${invite.id}\n${ctx.address}`);
	else await ctx.limits.consume('signUpAddress', ctx.address);
	const passwordHash = await hashPassword(input.password);
	const iso = now.toISOString();
	const locale = isLocale(input.locale) ? input.locale : 'nl';

	const userId = await ctx.db.transaction().execute(async (trx) => {
		if (invite && !(await invites.claimUse(trx, invite.id, iso))) {
			throw new ValidationError({ inviteCode: { code: 'auth:invite.used' } });
		}
		let id: number;
		try {
			id = await users.insertUser(trx, {
				display_name: displayName,
				display_name_key: displayNameKey(displayName),
				password_hash: passwordHash,
				email: email || null,
				email_key: email ? emailKey(email) : null,
				locale,
				participant_group: group as ParticipantGroup | null,
				created_at: iso,
				updated_at: iso,
				deleted_at: null
			});
		} catch (e) {
			// Someone took the name (or email) a moment ago: the unique key decided.
			if (await users.findByNameKey(trx, displayNameKey(displayName))) {
				throw new ValidationError({ displayName: { code: 'auth:name.taken', params: { suggestion: '' } } });
			}
			throw e;
		}
		if (invite?.organisation_id) await organisations.addMembership(trx, invite.organisation_id, id, 'member', iso);
		await audit.record(trx, {
			actorId: id,
			action: 'account.created',
			subjectType: 'user',
			subjectId: id,
			detail: invite ? `invite ${invite.id}` : '',
			now: iso
		});
		return id;
	});

	const { token, session } = await createSession(ctx.db, userId, now);
	return {
		userId,
		token,
		session,
		organisation:
			invite?.organisation_slug && invite.organisation_name
				? { slug: invite.organisation_slug, name: invite.organisation_name }
				: null
	};
}

/**
 * Logs in with a display name and password. The same message for an unknown name and a wrong password.
 * Raises ValidationError (password: auth:login.wrong) and auth:error.tooManyAttempts.
 */
export async function logIn(
	ctx: RequestContext,
	input: { displayName: string; password: string }
): Promise<LoggedIn & { landing: string }> {
	const now = ctx.now ?? new Date();
	const issues = new IssueCollector();
	const displayName = normaliseDisplayName(input.displayName ?? '');
	if (!displayName) issues.add('displayName', 'auth:login.nameMissing');
	if (!input.password) issues.add('password', 'auth:login.passwordMissing');
	if ((input.password ?? '').length > 1000 || displayName.length > 200) issues.add('password', 'auth:login.wrong');
	issues.throwIfAny();

	const key = displayNameKey(displayName);
	await ctx.limits.consume('loginAddress', ctx.address);
	// Limited per account and address, and slowed down per account (see limits.ts): never locked for all.
	const attempt = await ctx.limits.beginLogin(key, ctx.address);

	const user = await users.findByNameKey(ctx.db, key);
	const ok =
		user && user.password_hash && user.deleted_at === null
			? await verifyPassword(user.password_hash, input.password)
			: (await verifyPassword(await decoyHash(), input.password), false);
	if (!ok || !user) {
		await attempt.failed();
		throw new ValidationError({ password: { code: 'auth:login.wrong' } });
	}
	await attempt.succeeded();
	const { token, session } = await createSession(ctx.db, user.id, now);
	// Without a page that asked for the login, they land where they take part or work (landingFor).
	return { userId: user.id, token, session, organisation: null, landing: await landingFor(ctx.db, user.site_role) };
}

/** Ends this session. */
export async function logOut(db: DB, session: Session | null): Promise<void> {
	if (session) await invalidateSession(db, session.id);
}

/**
 * Changes the password after checking the current one, and ends every other session.
 * Raises ValidationError (currentPassword, newPassword).
 */
export async function changePassword(
	db: DB,
	actor: Actor | null,
	session: Session | null,
	input: { currentPassword: string; newPassword: string },
	now = new Date()
): Promise<void> {
	if (!actor || !session) throw new DomainError('common:error.loginRequired', 401);
	const user = await users.findById(db, actor.id);
	const issues = new IssueCollector();
	if (
		!input.currentPassword ||
		!user?.password_hash ||
		!(await verifyPassword(user.password_hash, input.currentPassword))
	) {
		issues.add('currentPassword', 'auth:password.currentWrong');
	}
	const problem = passwordProblem(input.newPassword ?? '', actor.displayName);
	if (problem) issues.add('newPassword', `auth:password.${problem}`, passwordLimits);
	issues.throwIfAny();
	await users.updateUser(db, actor.id, {
		password_hash: await hashPassword(input.newPassword),
		updated_at: now.toISOString()
	});
	await invalidateUserSessions(db, actor.id, session.id);
}

/**
 * Sets a new password with a one-time reset code (from a coordinator or administrator, or an email
 * link), ends every session of the account and logs the person in. A code works once.
 * Raises ValidationError (code, password) and auth:error.tooManyAttempts.
 */
export async function resetPassword(ctx: RequestContext, input: { code: string; password: string }): Promise<LoggedIn> {
	const now = ctx.now ?? new Date();
	const iso = now.toISOString();
	const issues = new IssueCollector();
	const raw = (input.code ?? '').trim();
	if (!raw) issues.add('code', 'auth:reset.codeMissing');
	issues.throwIfAny();
	await ctx.limits.consume('resetAddress', ctx.address);

	// Codes typed by hand are normalised; link tokens are used as they are.
	const candidates = [...new Set([normaliseCode(raw), raw])].filter(Boolean).map(hashToken);
	const reset = await repository.findResetByHashes(ctx.db, candidates);
	if (!reset || reset.deleted_at !== null) issues.add('code', 'auth:reset.codeUnknown');
	else if (reset.used_at) issues.add('code', 'auth:reset.codeUsed');
	else if (reset.expires_at <= iso) issues.add('code', 'auth:reset.codeExpired');
	const problem = passwordProblem(input.password ?? '', reset?.display_name ?? '');
	if (problem) issues.add('password', `auth:password.${problem}`, passwordLimits);
	issues.throwIfAny();

	const passwordHash = await hashPassword(input.password);
	await ctx.db.transaction().execute(async (trx) => {
		// Marking the code used is conditional, so a replayed code loses the race and changes nothing.
		if (!(await repository.claimReset(trx, reset!.id, iso)))
			throw new ValidationError({ code: { code: 'auth:reset.codeUsed' } });
		await users.updateUser(trx, reset!.user_id, { password_hash: passwordHash, updated_at: iso });
		await invalidateUserSessions(trx, reset!.user_id);
		await audit.record(trx, {
			actorId: reset!.user_id,
			action: 'password.reset',
			subjectType: 'user',
			subjectId: reset!.user_id,
			now: iso
		});
	});
	const { token, session } = await createSession(ctx.db, reset!.user_id, now);
	return { userId: reset!.user_id, token, session, organisation: null };
}

/**
 * Sends a one-time reset link (valid one hour) to the address given, when an account has it. The answer
 * is the same whether or not it does, so nobody learns which addresses are registered.
 * Raises ValidationError (email) and auth:error.tooManyAttempts.
 */
export async function requestEmailReset(
	ctx: RequestContext,
	input: { email: string },
	send: (to: string, link: string, locale: string) => Promise<void>,
	origin: string
): Promise<void> {
	const now = ctx.now ?? new Date();
	const email = (input.email ?? '').trim();
	if (!email || email.length > EMAIL_MAX || !emailPattern.test(email)) {
		throw new ValidationError({ email: { code: 'auth:email.invalid' } });
	}
	await ctx.limits.consume('resetAddress', ctx.address);
	await ctx.limits.consume('resetAccount', emailKey(email));
	const user = await users.findByEmailKey(ctx.db, emailKey(email));
	if (!user || user.deleted_at || !user.email) return;
	const token = generateLinkToken();
	const iso = now.toISOString();
	await repository.insertReset(ctx.db, {
		userId: user.id,
		codeHash: hashToken(token),
		kind: 'email',
		createdBy: null,
		expiresAt: new Date(now.getTime() + 60 * 60 * 1000).toISOString(),
		now: iso
	});
	// Outside any transaction: the network may be slow.
	await send(user.email, `${origin}/reset?code=${token}&lang=${user.locale}`, user.locale);
}

function generateLinkToken(): string {
	const bytes = new Uint8Array(24);
	crypto.getRandomValues(bytes);
	return Buffer.from(bytes).toString('base64url');
}
