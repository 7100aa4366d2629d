import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/actor';
import { createAuthLimits } from '../auth/limits';
import { logIn, requestEmailReset, resetPassword, signUp } from '../auth/service';
import { validateSessionToken } from '../auth/session';
import { createTestDb, type TestDb } from '../db/test-db';
import { DomainError, ValidationError } from '../errors';
import { seedDemoAccounts } from '../seed/demo-accounts';
import { createConsultation } from '../seed/test-consultation';
import { generousLimits } from '../auth/test-actors';
import { postComment, reportComment, toggleHelpful } from '../comments/service';
import { castVote } from '../votes/service';
import { createAdministrator, deleteAccount, exportMyData, getProfile, updateProfile } from './service';

/*
 * My account, through the real services. Each test signs up the people it needs (the demo accounts and
 * their association are there from the start), so it passes alone and in any order.
 */

describe(`my account (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite'})`, () => {
	let t: TestDb;
	const ctx = () => ({ db: t.db, limits: createAuthLimits({ db: t.db, secret: null }), address: '192.0.2.9' });
	const actorOf = async (token: string) => (await validateSessionToken(t.db, token)).actor as Actor;
	/** A member of the demo association, signed up in Dutch. */
	const member = (displayName: string, extra: { email?: string; locale?: string } = {}) =>
		signUp(ctx(), { displayName, password: 'een lange zin', inviteCode: 'BRUG-DEMO', locale: 'nl', ...extra });

	beforeAll(async () => {
		t = await createTestDb();
		await seedDemoAccounts(t.db);
	});
	afterAll(async () => t.destroy());

	it('saves profile choices, and keeps the self-declared group out of what others see', async () => {
		const { token } = await member('Amina');
		const me = await actorOf(token);
		await updateProfile(t.db, me, {
			displayName: 'Amina K',
			email: 'amina@example.org',
			locale: 'tr',
			readLanguages: ['tr', 'nl', 'xx-evil'],
			participantGroup: 'migrant_organisation'
		});
		const profile = await getProfile(t.db, me);
		expect(profile).toMatchObject({
			displayName: 'Amina K',
			email: 'amina@example.org',
			locale: 'tr',
			readLanguages: ['tr', 'nl'],
			participantGroup: 'migrant_organisation'
		});
		expect(profile.memberships.map((m) => m.slug)).toEqual(['de-brug-demo']);
		await expect(
			updateProfile(t.db, me, { ...profile, participantGroup: 'astronaut', readLanguages: [] })
		).rejects.toBeInstanceOf(ValidationError);
		await expect(
			updateProfile(t.db, me, { ...profile, displayName: 'demo-bewoner', participantGroup: '', readLanguages: [] })
		).rejects.toMatchObject({
			issues: { displayName: { code: 'auth:name.taken' } }
		});
	});

	it('downloads everything it holds about me, and nothing secret', async () => {
		await updateProfile(t.db, await actorOf((await member('Bilal')).token), {
			displayName: 'Bilal K',
			email: 'bilal@example.org',
			locale: 'nl',
			readLanguages: [],
			participantGroup: 'migrant_organisation'
		});
		const { token } = await logIn(ctx(), { displayName: 'Bilal K', password: 'een lange zin' });
		const data = await exportMyData(t.db, await actorOf(token));
		expect(data.account).toMatchObject({
			displayName: 'Bilal K',
			email: 'bilal@example.org',
			participantGroup: 'migrant_organisation'
		});
		expect(data.memberships).toEqual([
			expect.objectContaining({ association: 'Buurtwerk De Brug (demo)', role: 'member' })
		]);
		expect(data.sessions.length).toBeGreaterThan(0);
		const text = JSON.stringify(data);
		expect(text).not.toContain('$argon2id$');
		expect(text).not.toContain(token);
	});

	it('downloads my votes, comments, helpful marks, reports and follows, each with its recommendation and text revision', async () => {
		const c = await createConsultation(t.db);
		const me = await actorOf((await member('Data Dina')).token);
		const other = await actorOf((await member('Data Omar')).token);
		const at = { slug: c.slug, number: 14 };
		await castVote(t.db, me, generousLimits(), { ...at, choice: 'disagree' });
		const mine = await postComment(t.db, me, generousLimits(), { ...at, body: 'Mijn mening.', language: 'nl' });
		const theirs = await postComment(t.db, other, generousLimits(), { ...at, body: 'Die van Omar.', language: 'nl' });
		await toggleHelpful(t.db, me, theirs.id);
		await reportComment(t.db, me, generousLimits(), { commentId: theirs.id, reason: 'off_topic' });
		// Not mine: what others did on the same thread stays out.
		await castVote(t.db, other, generousLimits(), { ...at, choice: 'agree' });

		const data = await exportMyData(t.db, me);
		const where = { consultation: c.slug, recommendation: 14 };
		expect(data.votes).toEqual([expect.objectContaining({ ...where, choice: 'disagree', onTextVersion: 1 })]);
		expect(data.comments).toEqual([
			expect.objectContaining({ ...where, id: mine!.id, text: 'Mijn mening.', onTextVersion: 1, replyTo: null })
		]);
		expect(data.markedHelpful).toEqual([expect.objectContaining({ ...where, comment: theirs.id })]);
		expect(data.reportsMade).toEqual([expect.objectContaining({ ...where, comment: theirs.id, reason: 'off_topic' })]);
		// Voting follows the thread.
		expect(data.following).toEqual([expect.objectContaining(where)]);
	});

	it('deletes an account but keeps its contributions as "deleted participant" when asked', async () => {
		const { token, userId } = await signUp(ctx(), {
			displayName: 'Blijft Anoniem',
			password: 'een lange zin',
			email: 'weg@example.org',
			inviteCode: 'BRUG-DEMO',
			locale: 'nl'
		});
		const me = await actorOf(token);
		await expect(deleteAccount(t.db, me, { mode: 'keep', confirm: 'iemand anders' })).rejects.toMatchObject({
			issues: { confirm: { code: 'account:error.deleteConfirm' } }
		});
		await deleteAccount(t.db, me, { mode: 'keep', confirm: 'blijft anoniem' });
		const row = await t.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
		expect(row).toMatchObject({ display_name: null, email: null, password_hash: null, participant_group: null });
		expect(row.deleted_at).not.toBeNull();
		expect(await t.db.selectFrom('memberships').select('user_id').where('user_id', '=', userId).execute()).toEqual([]);
		expect((await validateSessionToken(t.db, token)).actor).toBeNull();
		// The name is free again.
		await signUp(ctx(), { displayName: 'Blijft Anoniem', password: 'een lange zin', locale: 'nl' });
	});

	it('deletes an account with everything it wrote when asked', async () => {
		const { token, userId } = await signUp(ctx(), {
			displayName: 'Helemaal Weg',
			password: 'een lange zin',
			locale: 'nl'
		});
		await deleteAccount(t.db, await actorOf(token), { mode: 'remove', confirm: 'Helemaal Weg' });
		expect(await t.db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst()).toBeUndefined();
	});

	it('does not let the last administrator delete their account', async () => {
		// A database of its own: one with exactly one administrator, whatever other tests promote.
		const own = await createTestDb();
		try {
			await seedDemoAccounts(own.db);
			const admin = await own.db.selectFrom('users').select('id').where('site_role', '=', 'admin').execute();
			expect(admin).toHaveLength(1);
			const { token } = await logIn(
				{ ...ctx(), db: own.db },
				{ displayName: 'demo-beheerder', password: 'demo-samenspraak' }
			);
			const actor = (await validateSessionToken(own.db, token)).actor!;
			await expect(deleteAccount(own.db, actor, { mode: 'remove', confirm: 'demo-beheerder' })).rejects.toMatchObject({
				code: 'account:error.lastAdmin'
			});
		} finally {
			await own.destroy();
		}
	});

	it('sends a one-hour reset link by email only to an address it knows, and says the same either way', async () => {
		const sent: { to: string; link: string; locale: string }[] = [];
		const send = async (to: string, link: string, locale: string) => void sent.push({ to, link, locale });
		await member('Derya', { email: 'derya@example.org', locale: 'tr' });
		await requestEmailReset(ctx(), { email: 'nobody@example.org' }, send, 'http://localhost');
		expect(sent).toEqual([]);
		await requestEmailReset(ctx(), { email: 'DERYA@example.org ' }, send, 'http://localhost');
		expect(sent).toHaveLength(1);
		expect(sent[0]).toMatchObject({ to: 'derya@example.org', locale: 'tr' });
		const code = new URL(sent[0].link).searchParams.get('code')!;
		const result = await resetPassword(ctx(), { code, password: 'heel nieuw wachtwoord' });
		expect((await validateSessionToken(t.db, result.token)).actor?.displayName).toBe('Derya');
		await expect(resetPassword(ctx(), { code, password: 'nog eens nieuw' })).rejects.toMatchObject({
			issues: { code: { code: 'auth:reset.codeUsed' } }
		});
		await expect(requestEmailReset(ctx(), { email: 'geen adres' }, send, 'http://localhost')).rejects.toBeInstanceOf(
			ValidationError
		);
	});

	it('creates the first administrator from the command line, or promotes an existing account', async () => {
		const created = await createAdministrator(t.db, { displayName: 'Els Beheer', password: 'sterk wachtwoord' });
		expect(created.created).toBe(true);
		const { userId } = await member('Emre Y');
		const promoted = await createAdministrator(t.db, { displayName: 'emre y', password: 'ander wachtwoord' });
		expect(promoted.id).toBe(userId);
		expect(promoted.created).toBe(false);
		const row = await t.db
			.selectFrom('users')
			.select('site_role')
			.where('id', '=', promoted.id)
			.executeTakeFirstOrThrow();
		expect(row.site_role).toBe('admin');
		await expect(createAdministrator(t.db, { displayName: 'X', password: 'kort' })).rejects.toBeInstanceOf(DomainError);
	});
});
