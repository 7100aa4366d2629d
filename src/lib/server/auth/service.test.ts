import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../db/test-db';
import { ValidationError, DomainError } from '../errors';
import { createInvite, revokeInvite } from '../invites/service';
import { seedDemoAccounts } from '../seed/demo-accounts';
import { issueResetCode } from '../users/service';
import type { Actor } from './actor';
import { createAuthLimits } from './limits';
import { changePassword, logIn, resetPassword, signUp } from './service';
import { createSession, validateSessionToken } from './session';

const dialect = process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite';
const DAY = 24 * 60 * 60 * 1000;

describe(`accounts (${dialect})`, () => {
	let t: TestDb;
	let coordinator: Actor;
	const ctx = () => ({ db: t.db, limits: createAuthLimits(), address: '192.0.2.1' });

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
			memberships: [{ organisationId: org.id, role: 'coordinator' }]
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

	it('says a name is taken, however it is written, and suggests a free one', async () => {
		try {
			await signUp(ctx(), { displayName: 'FÁTIMA b', password: 'een lange zin', locale: 'nl' });
			expect.unreachable();
		} catch (e) {
			expect(e).toBeInstanceOf(ValidationError);
			const issue = (e as ValidationError).issues.displayName;
			expect(issue.code).toBe('auth:name.taken');
			expect(String(issue.params?.suggestion)).toMatch(/^FÁTIMA b \d+$/);
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

		const second = await createInvite(t.db, coordinator, {
			organisationSlug: 'de-brug-demo',
			maxUses: 5,
			validDays: 1,
			label: '',
			locale: 'nl'
		});
		await revokeInvite(t.db, coordinator, second.id);
		expect(
			await issues(
				signUp(ctx(), { displayName: 'Rik', password: 'een lange zin', inviteCode: second.code, locale: 'nl' })
			)
		).toEqual({ inviteCode: 'auth:invite.revoked' });

		const third = await createInvite(t.db, coordinator, {
			organisationSlug: 'de-brug-demo',
			maxUses: 5,
			validDays: 1,
			label: '',
			locale: 'nl'
		});
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

	it('gives one plain message for a wrong name or a wrong password', async () => {
		expect(await issues(logIn(ctx(), { displayName: 'niemand-hier', password: 'een lange zin' }))).toEqual({
			password: 'auth:login.wrong'
		});
		expect(await issues(logIn(ctx(), { displayName: 'fatima b', password: 'fout wachtwoord' }))).toEqual({
			password: 'auth:login.wrong'
		});
		const ok = await logIn(ctx(), { displayName: 'fatima b.', password: 'een lange zin' });
		expect(ok.token).toMatch(/^[a-z2-7]{32}$/);
	});

	it('rate-limits failed logins per account, also from other addresses', async () => {
		const limits = createAuthLimits({
			loginsPerAddress: 100,
			failedLoginsPerAccount: 3,
			signUpsPerAddress: 10,
			resetsPerAddress: 10
		});
		for (let i = 0; i < 3; i++) {
			await expect(
				logIn({ db: t.db, limits, address: `198.51.100.${i}` }, { displayName: 'Yusuf', password: 'fout fout fout' })
			).rejects.toBeInstanceOf(ValidationError);
		}
		await expect(
			logIn({ db: t.db, limits, address: '198.51.100.99' }, { displayName: 'Yusuf', password: 'een lange zin' })
		).rejects.toMatchObject({
			code: 'auth:error.tooManyAttempts',
			status: 429
		});
	});

	it('rate-limits sign-ups and logins per address', async () => {
		const limits = createAuthLimits({
			loginsPerAddress: 2,
			failedLoginsPerAccount: 10,
			signUpsPerAddress: 1,
			resetsPerAddress: 10
		});
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
		const user = await t.db
			.selectFrom('users')
			.select('id')
			.where('display_name', '=', 'Yusuf')
			.executeTakeFirstOrThrow();
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
		const yusuf = await t.db
			.selectFrom('users')
			.select('id')
			.where('display_name', '=', 'Yusuf')
			.executeTakeFirstOrThrow();
		const old = await createSession(t.db, yusuf.id);
		const { code } = await issueResetCode(t.db, coordinator, yusuf.id);
		const result = await resetPassword(ctx(), { code: code.toLowerCase(), password: 'nieuw wachtwoord' });
		expect(result.userId).toBe(yusuf.id);
		expect((await validateSessionToken(t.db, old.token)).actor).toBeNull();
		expect(await issues(resetPassword(ctx(), { code, password: 'nog een ander' }))).toEqual({
			code: 'auth:reset.codeUsed'
		});
		await logIn(ctx(), { displayName: 'Yusuf', password: 'nieuw wachtwoord' });
		expect(await issues(logIn(ctx(), { displayName: 'Yusuf', password: 'nog een ander' }))).toEqual({
			password: 'auth:login.wrong'
		});
	});

	it('changes a password only with the current one, and ends the other sessions', async () => {
		const { userId, token, session } = await logIn(ctx(), { displayName: 'Yusuf', password: 'nieuw wachtwoord' });
		const other = await logIn(ctx(), { displayName: 'Yusuf', password: 'nieuw wachtwoord' });
		const actor = (await validateSessionToken(t.db, token)).actor!;
		expect(
			await issues(changePassword(t.db, actor, session, { currentPassword: 'fout', newPassword: 'weer een nieuw' }))
		).toEqual({ currentPassword: 'auth:password.currentWrong' });
		await changePassword(t.db, actor, session, { currentPassword: 'nieuw wachtwoord', newPassword: 'weer een nieuw' });
		expect((await validateSessionToken(t.db, token)).actor?.id).toBe(userId);
		expect((await validateSessionToken(t.db, other.token)).actor).toBeNull();
	});
});
