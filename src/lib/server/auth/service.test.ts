import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { createTestDb, type TestDb } from '../db/test-db';
import { ValidationError, DomainError } from '../errors';
import { createInvite, revokeInvite } from '../invites/service';
import { seedDemoAccounts } from '../seed/demo-accounts';
import { issueResetCode } from '../users/service';
import type { Actor } from './actor';
import { createAuthLimits, defaultLimits, type LimitSettings } from './limits';
import { changePassword, logIn, resetPassword, signUp } from './service';
import { createSession, validateSessionToken } from './session';
import { createActor } from './test-actors';
import { createConsultation } from '../seed/test-consultation';

const dialect = process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite';
const DAY = 24 * 60 * 60 * 1000;

/**
 * Limits as in production, in the test database, except for the ones a test is about. Each call counts
 * apart from the others (a random secret of its own), as a fresh server on a fresh database would.
 */
const limitsOn = (t: TestDb, settings: Partial<LimitSettings> = {}) =>
	createAuthLimits({ db: t.db, secret: null }, { ...defaultLimits, ...settings });

/*
 * Accounts through the real services. Each test signs up or makes the people it needs (the demo accounts
 * and their association are there from the start), so it passes alone and in any order.
 */

describe(`accounts (${dialect})`, () => {
	let t: TestDb;
	let coordinator: Actor;
	const ctx = () => ({ db: t.db, limits: limitsOn(t), address: '192.0.2.1' });

	beforeAll(async () => {
		t = await createTestDb();
		await seedDemoAccounts(t.db);
		const user = await t.db
			.selectFrom('users')
			.select('id')
			.where('display_name', '=', 'demo-coordinator')
			.executeTakeFirstOrThrow();
		const org = await t.db
			.selectFrom('organisations')
			.select('id')
			.where('slug', '=', 'de-brug-demo')
			.executeTakeFirstOrThrow();
		coordinator = {
			id: user.id,
			displayName: 'demo-coordinator',
			siteRole: 'participant',
			experienceExpert: false,
			locale: 'nl',
			isDemo: true,
			suspendedUntil: null,
			memberships: [{ organisationId: org.id, role: 'coordinator' }],
			translates: []
		};
	});
	afterAll(async () => t.destroy());

	async function issues(work: Promise<unknown>): Promise<Record<string, string>> {
		try {
			await work;
		} catch (e) {
			if (e instanceof ValidationError)
				return Object.fromEntries(Object.entries(e.issues).map(([k, v]) => [k, v.code]));
			throw e;
		}
		throw new Error('expected a ValidationError');
	}

	it('signs up with only a pseudonym and a password, stores an argon2id hash, and logs in', async () => {
		const result = await signUp(ctx(), { displayName: '  Fatima   B. ', password: 'een lange zin', locale: 'ar' });
		const user = await t.db.selectFrom('users').selectAll().where('id', '=', result.userId).executeTakeFirstOrThrow();
		expect(user.display_name).toBe('Fatima B.');
		expect(user.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		expect(user.email).toBeNull();
		expect(user.locale).toBe('ar');
		const session = await t.db
			.selectFrom('sessions')
			.selectAll()
			.where('user_id', '=', result.userId)
			.executeTakeFirstOrThrow();
		expect(session.id).not.toBe(result.token);
		expect(session.id).toMatch(/^[0-9a-f]{64}$/);
		const validated = await validateSessionToken(t.db, result.token);
		expect(validated.actor?.displayName).toBe('Fatima B.');
	});

	it('stores the group chosen at sign-up (optional), and refuses a group that does not exist', async () => {
		const none = await signUp(ctx(), { displayName: 'Zonder Groep', password: 'een lange zin', locale: 'nl' });
		const withGroup = await signUp(ctx(), {
			displayName: 'Met Groep',
			password: 'een lange zin',
			locale: 'tr',
			participantGroup: 'migrant_organisation'
		});
		const group = async (id: number) =>
			(await t.db.selectFrom('users').select('participant_group').where('id', '=', id).executeTakeFirstOrThrow())
				.participant_group;
		expect(await group(none.userId)).toBeNull();
		expect(await group(withGroup.userId)).toBe('migrant_organisation');
		expect(
			await issues(
				signUp(ctx(), { displayName: 'Rare Groep', password: 'een lange zin', locale: 'nl', participantGroup: 'admin' })
			)
		).toEqual({ participantGroup: 'account:error.group' });
	});

	it('says a name is taken, however it is written, and suggests a free one', async () => {
		await signUp(ctx(), { displayName: 'Farida B.', password: 'een lange zin', locale: 'nl' });
		try {
			await signUp(ctx(), { displayName: 'FÁRIDA b', password: 'een lange zin', locale: 'nl' });
			expect.unreachable();
		} catch (e) {
			expect(e).toBeInstanceOf(ValidationError);
			const issue = (e as ValidationError).issues.displayName;
			expect(issue.code).toBe('auth:name.taken');
			expect(String(issue.params?.suggestion)).toMatch(/^FÁRIDA b \d+$/);
		}
	});

	it('reports every bad field at once and creates nothing', async () => {
		const before = await t.db
			.selectFrom('users')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		expect(
			await issues(
				signUp(ctx(), {
					displayName: '<b>x</b>',
					password: 'kort',
					email: 'geen-adres',
					inviteCode: 'ZZZZ-ZZZZ',
					locale: 'nl'
				})
			)
		).toEqual({
			displayName: 'auth:name.characters',
			password: 'auth:password.tooShort',
			email: 'auth:email.invalid',
			inviteCode: 'auth:invite.unknown'
		});
		const after = await t.db
			.selectFrom('users')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		expect(Number(after.n)).toBe(Number(before.n));
	});

	it('joins with an association code in one step, and refuses a used, revoked or expired code', async () => {
		// A code for five people, valid for a day.
		const dayCode = () =>
			createInvite(t.db, coordinator, {
				organisationSlug: 'de-brug-demo',
				maxUses: 5,
				validDays: 1,
				label: '',
				locale: 'nl'
			});
		const { code, id } = await createInvite(t.db, coordinator, {
			organisationSlug: 'de-brug-demo',
			maxUses: 1,
			validDays: 7,
			label: 'Ouderavond',
			locale: 'ar'
		});
		const joined = await signUp(ctx(), {
			displayName: 'Yusuf',
			password: 'een lange zin',
			inviteCode: code.toLowerCase(),
			locale: 'ar'
		});
		expect(joined.organisation?.slug).toBe('de-brug-demo');
		const membership = await t.db
			.selectFrom('memberships')
			.select('role')
			.where('user_id', '=', joined.userId)
			.executeTakeFirstOrThrow();
		expect(membership.role).toBe('member');
		expect(
			await issues(signUp(ctx(), { displayName: 'Yusuf 2', password: 'een lange zin', inviteCode: code, locale: 'ar' }))
		).toEqual({ inviteCode: 'auth:invite.used' });

		const second = await dayCode();
		await revokeInvite(t.db, coordinator, second.id);
		expect(
			await issues(
				signUp(ctx(), { displayName: 'Rik', password: 'een lange zin', inviteCode: second.code, locale: 'nl' })
			)
		).toEqual({ inviteCode: 'auth:invite.revoked' });

		const third = await dayCode();
		const later = new Date(Date.now() + 2 * DAY);
		expect(
			await issues(
				signUp(
					{ ...ctx(), now: later },
					{ displayName: 'Rik', password: 'een lange zin', inviteCode: third.code, locale: 'nl' }
				)
			)
		).toEqual({ inviteCode: 'auth:invite.expired' });
		expect(id).toBeGreaterThan(0);
	});

	it('lets only as many people join as a code allows, even when they press at the same moment', async () => {
		const { code } = await createInvite(t.db, coordinator, {
			organisationSlug: 'de-brug-demo',
			maxUses: 3,
			validDays: 7,
			label: '',
			locale: 'nl'
		});
		const attempts = await Promise.allSettled(
			Array.from({ length: 8 }, (_, i) =>
				signUp(ctx(), {
					displayName: `Race ${String.fromCharCode(97 + i)}`,
					password: 'een lange zin',
					inviteCode: code,
					locale: 'nl'
				})
			)
		);
		expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(3);
		const row = await t.db
			.selectFrom('invite_codes')
			.select(['uses'])
			.where('code', '=', code.replace('-', ''))
			.executeTakeFirstOrThrow();
		expect(row.uses).toBe(3);
	});

	it('a group signs up together in one room with an invite code; without a code the per-address limit holds', async () => {
		const limits = limitsOn(t, { signUpsPerAddress: 2 });
		const room = { db: t.db, limits, address: '203.0.113.44' };
		const { code } = await createInvite(t.db, coordinator, {
			organisationSlug: 'de-brug-demo',
			maxUses: 15,
			validDays: 1,
			label: 'Groepsavond',
			locale: 'nl'
		});
		for (let i = 1; i <= 15; i++) {
			const joined = await signUp(room, {
				displayName: `Groep ${dialect} ${i}`,
				password: 'een lange zin',
				inviteCode: code,
				locale: 'nl'
			});
			expect(joined.organisation?.slug).toBe('de-brug-demo');
		}
		// The code's own number of uses still limits it.
		expect(
			await issues(
				signUp(room, { displayName: `Groep ${dialect} 16`, password: 'een lange zin', inviteCode: code, locale: 'nl' })
			)
		).toEqual({ inviteCode: 'auth:invite.used' });
		// Without a code, the same address gets two accounts an hour.
		await signUp(room, { displayName: `Los ${dialect} 1`, password: 'een lange zin', locale: 'nl' });
		await signUp(room, { displayName: `Los ${dialect} 2`, password: 'een lange zin', locale: 'nl' });
		await expect(
			signUp(room, { displayName: `Los ${dialect} 3`, password: 'een lange zin', locale: 'nl' })
		).rejects.toMatchObject({ code: 'auth:error.tooManyAttempts', status: 429 });
	});

	it('one address cannot empty a large invite code at once: a code has an allowance per address too', async () => {
		const limits = limitsOn(t, { signUpsPerAddress: 1, signUpsPerInvitePerAddress: 3 });
		const { code } = await createInvite(t.db, coordinator, {
			organisationSlug: 'de-brug-demo',
			maxUses: 50,
			validDays: 1,
			label: '',
			locale: 'nl'
		});
		const join = (address: string, n: number) =>
			signUp(
				{ db: t.db, limits, address },
				{ displayName: `Script ${dialect} ${address} ${n}`, password: 'een lange zin', inviteCode: code, locale: 'nl' }
			);
		for (let n = 1; n <= 3; n++) await join('198.51.100.5', n);
		await expect(join('198.51.100.5', 4)).rejects.toMatchObject({ code: 'auth:error.tooManyAttempts' });
		// Another address (another room) with the same code is not affected.
		await join('198.51.100.6', 1);
	});

	it('gives one plain message for a wrong name or a wrong password', async () => {
		await signUp(ctx(), { displayName: 'Hasna B.', password: 'een lange zin', locale: 'nl' });
		expect(await issues(logIn(ctx(), { displayName: 'niemand-hier', password: 'een lange zin' }))).toEqual({
			password: 'auth:login.wrong'
		});
		expect(await issues(logIn(ctx(), { displayName: 'hasna b', password: 'fout wachtwoord' }))).toEqual({
			password: 'auth:login.wrong'
		});
		const ok = await logIn(ctx(), { displayName: 'hasna b.', password: 'een lange zin' });
		expect(ok.token).toMatch(/^[a-z2-7]{32}$/);
	});

	it('lands each role where they take part or work: staff on their work, participants on the one open consultation', async () => {
		const landing = async (name: string) =>
			(await logIn(ctx(), { displayName: name, password: 'demo-samenspraak' })).landing;
		const roles = ['demo-bewoner', 'demo-beleid', 'demo-moderator', 'demo-beheerder'];
		const all = async () => Promise.all(roles.map(landing));
		// No open consultation (a draft does not count): participants and policy officers choose on the home page.
		await createConsultation(t.db, { phase: 'draft' });
		expect(await all()).toEqual(['/', '/', '/moderate', '/admin']);
		// One open: the participant lands on it, the policy officer on its dashboard.
		const { slug } = await createConsultation(t.db);
		expect(await all()).toEqual([`/c/${slug}`, `/c/${slug}/dashboard`, '/moderate', '/admin']);
		// Several open: nobody is sent to one of them at random.
		await createConsultation(t.db);
		expect(await all()).toEqual(['/', '/', '/moderate', '/admin']);
	});

	describe('failed logins: throttled per account and address, slowed down (never locked) per account', () => {
		const limited = (perAccountAndAddress = 3) =>
			limitsOn(t, { failedLoginsPerAccountAddress: perAccountAndAddress, failedLoginsPerAccount: 3 });
		const wrong = { password: 'fout fout fout' };
		let owners = 0;
		/** A new account whose password is 'mijn eigen zin': each test attacks its own. */
		const newOwner = async () => {
			const owner = `Eigenaar ${dialect} ${++owners}`;
			await signUp(ctx(), { displayName: owner, password: 'mijn eigen zin', locale: 'nl' });
			return owner;
		};

		it('an attacker hammering from one address does not keep the owner out: she logs in from another', async () => {
			const owner = await newOwner();
			const limits = limited();
			const attacker = { db: t.db, limits, address: '198.51.100.66' };
			const outcomes = [];
			for (let i = 0; i < 20; i++) {
				outcomes.push(
					await logIn(attacker, { displayName: owner, ...wrong }).then(
						() => 'in',
						(e) => (e instanceof ValidationError ? 'wrong' : (e as DomainError).code)
					)
				);
			}
			expect(outcomes.slice(0, 3)).toEqual(['wrong', 'wrong', 'wrong']);
			expect(new Set(outcomes.slice(3))).toEqual(new Set(['auth:error.tooManyAttempts']));

			const home = { db: t.db, limits, address: '203.0.113.20' };
			const result = await logIn(home, { displayName: owner, password: 'mijn eigen zin' });
			expect(result.token).toMatch(/^[a-z2-7]{32}$/);
		});

		it('the attacking address itself is stopped, even when it finally guesses right, and even in parallel', async () => {
			const owner = await newOwner();
			const limits = limited();
			const attacker = { db: t.db, limits, address: '198.51.100.77' };
			// Ten at the same moment, the last one right: only the first three passwords are checked.
			const burst = await Promise.allSettled(
				Array.from({ length: 10 }, (_, i) =>
					logIn(attacker, { displayName: owner, password: i === 9 ? 'mijn eigen zin' : wrong.password })
				)
			);
			expect(burst.filter((r) => r.status === 'fulfilled')).toEqual([]);
			const reasons = burst.map((r) => (r.status === 'rejected' ? r.reason : r.value));
			expect(reasons.filter((r) => r instanceof ValidationError)).toHaveLength(3);
			expect(reasons.filter((r) => r instanceof DomainError && r.status === 429)).toHaveLength(7);
			await expect(logIn(attacker, { displayName: owner, password: 'mijn eigen zin' })).rejects.toMatchObject({
				code: 'auth:error.tooManyAttempts',
				status: 429,
				params: { count: 15 }
			});
		});

		it('many addresses: the account slows down, each failing address waits longer, a new one still gets in', async () => {
			const owner = await newOwner();
			// rate-limiter-flexible reads Date.now(): only the Date is faked, timers and the database run as usual.
			let now = Date.parse('2026-03-01T10:00:00Z');
			vi.useFakeTimers({ toFake: ['Date'], now });
			onTestFinished(() => void vi.useRealTimers());
			const tick = (ms: number) => vi.setSystemTime((now += ms));
			const limits = limited(10);
			const from = (n: number) => ({ db: t.db, limits, address: `192.0.2.${n}` });
			const tooMany = { code: 'auth:error.tooManyAttempts', status: 429 };

			// Three addresses get it wrong once each: the account is now under attack.
			for (const n of [1, 2, 3]) {
				await expect(logIn(from(n), { displayName: owner, ...wrong })).rejects.toBeInstanceOf(ValidationError);
			}
			// Each of them must wait a minute before its next try, even with the right password...
			await expect(logIn(from(1), { displayName: owner, password: 'mijn eigen zin' })).rejects.toMatchObject({
				...tooMany,
				params: { count: 1 }
			});
			// ...while an address that has not failed gets its try at once.
			expect((await logIn(from(50), { displayName: owner, password: 'mijn eigen zin' })).token).toBeTruthy();
			// A fourth address guesses wrong once, and waits too.
			await expect(logIn(from(4), { displayName: owner, ...wrong })).rejects.toBeInstanceOf(ValidationError);
			await expect(logIn(from(4), { displayName: owner, ...wrong })).rejects.toMatchObject(tooMany);

			// A minute later address 1 may try again; wrong again, it now waits two minutes.
			tick(60_000);
			await expect(logIn(from(1), { displayName: owner, ...wrong })).rejects.toBeInstanceOf(ValidationError);
			tick(60_000);
			await expect(logIn(from(1), { displayName: owner, ...wrong })).rejects.toMatchObject({
				...tooMany,
				params: { count: 1 }
			});
			tick(60_000);
			await expect(logIn(from(1), { displayName: owner, ...wrong })).rejects.toBeInstanceOf(ValidationError);
			// The right password after the wait gets in, and that address starts afresh.
			tick(4 * 60_000);
			expect((await logIn(from(1), { displayName: owner, password: 'mijn eigen zin' })).token).toBeTruthy();
		});
	});

	it('rate-limits sign-ups and logins per address', async () => {
		const limits = limitsOn(t, { loginsPerAddress: 2, signUpsPerAddress: 1 });
		const c = { db: t.db, limits, address: '203.0.113.7' };
		await signUp(c, { displayName: 'Limiet een', password: 'een lange zin', locale: 'nl' });
		await expect(
			signUp(c, { displayName: 'Limiet twee', password: 'een lange zin', locale: 'nl' })
		).rejects.toMatchObject({ code: 'auth:error.tooManyAttempts' });
		await logIn(c, { displayName: 'Limiet een', password: 'een lange zin' });
		await logIn(c, { displayName: 'Limiet een', password: 'een lange zin' });
		await expect(logIn(c, { displayName: 'Limiet een', password: 'een lange zin' })).rejects.toBeInstanceOf(
			DomainError
		);
	});

	it('refuses a forged or expired session token, deletes the expired one, and slides a recent one', async () => {
		const user = await createActor(t.db, { name: 'Sessiehouder' });
		expect((await validateSessionToken(t.db, 'a'.repeat(32))).actor).toBeNull();
		expect((await validateSessionToken(t.db, '<script>')).actor).toBeNull();

		const start = new Date('2026-01-01T00:00:00Z');
		const { token, session } = await createSession(t.db, user.id, start);
		const at20 = await validateSessionToken(t.db, token, new Date(start.getTime() + 20 * DAY));
		expect(at20.session?.expiresAt.getTime()).toBe(start.getTime() + 50 * DAY);
		const at5 = await validateSessionToken(t.db, token, new Date(start.getTime() + 21 * DAY));
		expect(at5.session?.expiresAt.getTime()).toBe(start.getTime() + 50 * DAY);
		expect((await validateSessionToken(t.db, token, new Date(start.getTime() + 51 * DAY))).actor).toBeNull();
		expect(
			await t.db.selectFrom('sessions').select('id').where('id', '=', session.id).executeTakeFirst()
		).toBeUndefined();
	});

	it('resets a password with a one-time code from a coordinator; a replayed code changes nothing', async () => {
		// A member of the coordinator's association.
		const { userId } = await signUp(ctx(), {
			displayName: 'Youssef',
			password: 'een lange zin',
			inviteCode: 'BRUG-DEMO',
			locale: 'nl'
		});
		const old = await createSession(t.db, userId);
		const { code } = await issueResetCode(t.db, coordinator, userId);
		const result = await resetPassword(ctx(), { code: code.toLowerCase(), password: 'nieuw wachtwoord' });
		expect(result.userId).toBe(userId);
		expect((await validateSessionToken(t.db, old.token)).actor).toBeNull();
		expect(await issues(resetPassword(ctx(), { code, password: 'nog een ander' }))).toEqual({
			code: 'auth:reset.codeUsed'
		});
		await logIn(ctx(), { displayName: 'Youssef', password: 'nieuw wachtwoord' });
		expect(await issues(logIn(ctx(), { displayName: 'Youssef', password: 'nog een ander' }))).toEqual({
			password: 'auth:login.wrong'
		});
	});

	it('changes a password only with the current one, and ends the other sessions', async () => {
		await signUp(ctx(), { displayName: 'Zeynep', password: 'nieuw wachtwoord', locale: 'nl' });
		const { userId, token, session } = await logIn(ctx(), { displayName: 'Zeynep', password: 'nieuw wachtwoord' });
		const other = await logIn(ctx(), { displayName: 'Zeynep', password: 'nieuw wachtwoord' });
		const actor = (await validateSessionToken(t.db, token)).actor!;
		expect(
			await issues(changePassword(t.db, actor, session, { currentPassword: 'fout', newPassword: 'weer een nieuw' }))
		).toEqual({ currentPassword: 'auth:password.currentWrong' });
		await changePassword(t.db, actor, session, { currentPassword: 'nieuw wachtwoord', newPassword: 'weer een nieuw' });
		expect((await validateSessionToken(t.db, token)).actor?.id).toBe(userId);
		expect((await validateSessionToken(t.db, other.token)).actor).toBeNull();
	});
});
