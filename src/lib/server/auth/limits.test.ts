import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDb, type DB } from '../db/create';
import { createTestDb, type TestDb } from '../db/test-db';
import { DomainError } from '../errors';
import {
	createAuthLimits,
	forgetEndedLimits,
	slowDownDelay,
	type AuthLimits,
	type LimitSettings,
	type LimitStore
} from './limits';

const MINUTE = 60_000;
const dialect = process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite';

/** The minutes an attempt is told to wait, or 0 when it may go ahead (and then fails). */
async function tryWrong(limits: AuthLimits, account: string, address: string): Promise<number> {
	try {
		await (await limits.beginLogin(account, address)).failed();
		return 0;
	} catch (e) {
		return minutesToWait(e);
	}
}

function minutesToWait(e: unknown): number {
	if (e instanceof DomainError && e.code === 'auth:error.tooManyAttempts') return Number(e.params?.count);
	throw e;
}

/** The minutes a consume is told to wait, or 0 when it may go ahead. */
const consumeWait = (work: Promise<void>) => work.then(() => 0, minutesToWait);

/**
 * Fakes only the Date: rate-limiter-flexible reads Date.now() for its windows, while timers and the
 * database run as usual.
 */
function fakeClock() {
	vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2026-03-01T10:00:00Z') });
	return { advance: (ms: number) => vi.setSystemTime(Date.now() + ms) };
}
afterEach(() => void vi.useRealTimers());

/** The database, and a second connection to it (another pool, another SQLite handle): a second server. */
let t: TestDb;
let second: DB;
beforeAll(async () => {
	t = await createTestDb({ sqliteFile: true });
	second = createDb(t.database);
});
afterAll(async () => {
	await second.destroy();
	await t.destroy();
});

const settings: LimitSettings = {
	loginsPerAddress: 1000,
	failedLoginsPerAccount: 5,
	failedLoginsPerAccountAddress: 10,
	signUpsPerAddress: 10,
	resetsPerAddress: 10
};

it('the wait after each failure of an address, once the account is under attack, grows to 15 minutes', () => {
	expect([1, 2, 3, 4, 5, 6, 20].map((n) => slowDownDelay(n) / MINUTE)).toEqual([1, 2, 4, 8, 15, 15, 15]);
});

it('counts requests without an address (a Unix socket without ADDRESS_HEADER) under one key, without failing', async () => {
	const limits = createAuthLimits('memory', { ...settings, signUpsPerAddress: 1 });
	const none = undefined as unknown as string;
	expect(await consumeWait(limits.consume('signUpAddress', none))).toBe(0);
	expect(await consumeWait(limits.consume('signUpAddress', none))).toBe(60);
});

// The same rules on both stores: memory for tests of other rules, the database for the server. Each
// createAuthLimits on the database draws its own secret (null), so each test counts on its own.
describe.each<[string, () => LimitStore]>([
	['in memory', () => 'memory'],
	[`in the database (${dialect})`, () => ({ db: t.db, secret: null })]
])('login limits %s, with a faked clock', (_, store) => {
	it('below the account-wide threshold an address gets its ten tries in a row; then waits out the window', async () => {
		const clock = fakeClock();
		const limits = createAuthLimits(store(), { ...settings, failedLoginsPerAccount: 100 });
		for (let i = 0; i < 10; i++) expect(await tryWrong(limits, 'amal', 'a')).toBe(0);
		expect(await tryWrong(limits, 'amal', 'a')).toBe(15);
		clock.advance(14 * MINUTE);
		expect(await tryWrong(limits, 'amal', 'a')).toBe(1);
		clock.advance(MINUTE);
		expect(await tryWrong(limits, 'amal', 'a')).toBe(0);
	});

	it('under attack, a failing address waits 1, 2, 4, 8 minutes between tries; others keep theirs', async () => {
		const clock = fakeClock();
		const limits = createAuthLimits(store(), settings);
		for (const address of ['b', 'c', 'd', 'e', 'f']) expect(await tryWrong(limits, 'amal', address)).toBe(0);

		const waits: number[] = [];
		for (const delay of [1, 2, 4, 8]) {
			waits.push(await tryWrong(limits, 'amal', 'b'));
			clock.advance(delay * MINUTE);
			expect(await tryWrong(limits, 'amal', 'b')).toBe(0);
		}
		expect(waits).toEqual([1, 2, 4, 8]);
		// Another account is not slowed down by the attack on this one.
		for (let i = 0; i < 3; i++) expect(await tryWrong(limits, 'bram', 'b')).toBe(0);
	});

	it('the right password forgets that address’s failures, not the attack on the account', async () => {
		const clock = fakeClock();
		const limits = createAuthLimits(store(), settings);
		for (const address of ['b', 'c', 'd', 'e', 'f']) expect(await tryWrong(limits, 'amal', address)).toBe(0);
		clock.advance(MINUTE);
		await (await limits.beginLogin('amal', 'b')).succeeded();
		// A fresh start for b, but the account is still under attack: one try, then a minute.
		expect(await tryWrong(limits, 'amal', 'b')).toBe(0);
		expect(await tryWrong(limits, 'amal', 'b')).toBe(1);
		// Fifteen minutes after the first failure the account's window ends: no longer slowed down.
		clock.advance(15 * MINUTE);
		expect(await tryWrong(limits, 'amal', 'g')).toBe(0);
		expect(await tryWrong(limits, 'amal', 'g')).toBe(0);
	});

	it('under attack, parallel attempts from one address get one try between waits, not one each', async () => {
		fakeClock();
		const limits = createAuthLimits(store(), settings);
		for (const address of ['b', 'c', 'd', 'e', 'f']) expect(await tryWrong(limits, 'amal', address)).toBe(0);
		// Address g has not failed: of five attempts at once, one is let through and four must wait. (How
		// long depends on which of them the database took first: a minute or, in a race, a little more.)
		const waits = await Promise.all(Array.from({ length: 5 }, () => tryWrong(limits, 'amal', 'g')));
		expect(waits.filter((w) => w === 0)).toHaveLength(1);
		for (const w of waits.filter((w) => w !== 0)) expect(w).toBeGreaterThanOrEqual(1);
	});
});

/*
 * Two servers are two processes with their own connections to one database: here two createAuthLimits,
 * each on its own connection (a second pg pool, or a second better-sqlite3 handle on the same file),
 * with the same RATE_LIMIT_SECRET.
 */
describe(`two servers on one database (${dialect})`, () => {
	const secret = 'een gedeeld geheim van minstens 32 tekens lang';
	const servers = (extra: Partial<LimitSettings> = {}) => {
		const s = { ...settings, ...extra };
		return [createAuthLimits({ db: t.db, secret }, s), createAuthLimits({ db: second, secret }, s)] as const;
	};

	it('share a limit’s count: sign-ups from one address on either server add up', async () => {
		const [a, b] = servers({ signUpsPerAddress: 2 });
		expect(await consumeWait(a.consume('signUpAddress', '198.51.100.1'))).toBe(0);
		expect(await consumeWait(b.consume('signUpAddress', '198.51.100.1'))).toBe(0);
		expect(await consumeWait(a.consume('signUpAddress', '198.51.100.1'))).toBe(60);
		expect(await consumeWait(b.consume('signUpAddress', '198.51.100.1'))).toBe(60);
		// Another address is not affected.
		expect(await consumeWait(b.consume('signUpAddress', '198.51.100.2'))).toBe(0);
	});

	it('count parallel login attempts one by one, whichever server gets them', async () => {
		const [a, b] = servers({ failedLoginsPerAccountAddress: 3 });
		const burst = await Promise.allSettled(
			Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).beginLogin('parallel', '198.51.100.3'))
		);
		expect(burst.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
		for (const r of burst) if (r.status === 'rejected') expect(minutesToWait(r.reason)).toBe(15);
	});

	it('slow an account down on both: failures on one server make the other make those addresses wait', async () => {
		const clock = fakeClock();
		const [a, b] = servers({ failedLoginsPerAccount: 3 });
		for (const address of ['h', 'i', 'j']) expect(await tryWrong(a, 'attacked', address)).toBe(0);
		expect(await tryWrong(b, 'attacked', 'h')).toBe(1);
		// An address that has not failed gets its try at once, on either server.
		expect(await tryWrong(b, 'attacked', 'k')).toBe(0);
		expect(await tryWrong(a, 'attacked', 'k')).toBe(1);
		clock.advance(MINUTE);
		expect(await tryWrong(b, 'attacked', 'h')).toBe(0);
		expect(await tryWrong(a, 'attacked', 'h')).toBe(2);
	});

	it('forgive an address on both when the password is right on one', async () => {
		const [a, b] = servers({ failedLoginsPerAccountAddress: 2, failedLoginsPerAccount: 100 });
		expect(await tryWrong(a, 'forgiven', 'l')).toBe(0);
		await (await b.beginLogin('forgiven', 'l')).succeeded();
		// Without the forgiveness on b, a would refuse the next one (two attempts already counted).
		expect(await tryWrong(a, 'forgiven', 'l')).toBe(0);
		expect(await tryWrong(a, 'forgiven', 'l')).toBe(0);
		expect(await tryWrong(b, 'forgiven', 'l')).toBe(15);
	});

	it('count apart with another secret, and store no address or name: only HMACs under the secret', async () => {
		const [a] = servers({ resetsPerAddress: 1 });
		const other = createAuthLimits(
			{ db: second, secret: `${secret} maar anders` },
			{ ...settings, resetsPerAddress: 1 }
		);
		await a.consume('resetAddress', '203.0.113.99');
		expect(await consumeWait(a.consume('resetAddress', '203.0.113.99'))).toBe(60);
		expect(await consumeWait(other.consume('resetAddress', '203.0.113.99'))).toBe(0);
		await a.beginLogin('Zichtbare Naam', '203.0.113.99');

		const keys = (await t.db.selectFrom('rate_limits').select('key').execute()).map((r) => r.key);
		expect(keys.length).toBeGreaterThan(0);
		const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
		for (const key of keys) {
			expect(key).toMatch(/^[A-Za-z]+:[0-9a-f]{64}$/);
			expect(key).not.toContain(sha256('203.0.113.99'));
			expect(key).not.toContain(sha256('Zichtbare Naam'));
		}
	});

	it('a server that saw a key go over its limit refuses it from memory; the database agrees for the others', async () => {
		const [a, b] = servers({ votesPerMinute: 2 });
		await a.consume('voteAccount', '42');
		await b.consume('voteAccount', '42');
		expect(await consumeWait(a.consume('voteAccount', '42'))).toBe(1);
		expect(await consumeWait(b.consume('voteAccount', '42'))).toBe(1);
		// Without the rows, the database would let the key through: a still refuses, from its memory alone.
		await t.db.deleteFrom('rate_limits').where('key', 'like', 'voteAccount:%').execute();
		expect(await consumeWait(a.consume('voteAccount', '42'))).toBe(1);
		const fresh = createAuthLimits({ db: second, secret }, { ...settings, votesPerMinute: 2 });
		expect(await consumeWait(fresh.consume('voteAccount', '42'))).toBe(0);
	});
});

describe(`housekeeping (${dialect})`, () => {
	it('deletes the rows of windows that ended over an hour ago, and keeps the others', async () => {
		const clock = fakeClock();
		const limits = createAuthLimits({ db: t.db, secret: null }, { ...settings, votesPerMinute: 5 });
		await limits.consume('voteAccount', 'vroeg');
		clock.advance(61 * MINUTE + 1);
		await limits.consume('voteAccount', 'laat');
		const ended = Date.now() - 60 * MINUTE;
		const count = async (where: 'ended' | 'all') => {
			let q = t.db.selectFrom('rate_limits').select((eb) => eb.fn.countAll<number>().as('n'));
			if (where === 'ended') q = q.where('expire', '<', ended);
			return Number((await q.executeTakeFirstOrThrow()).n);
		};
		const [all, toGo] = [await count('all'), await count('ended')];
		expect(toGo).toBeGreaterThanOrEqual(1);
		await forgetEndedLimits(t.db, new Date());
		expect(await count('ended')).toBe(0);
		expect(await count('all')).toBe(all - toGo);
	});
});
