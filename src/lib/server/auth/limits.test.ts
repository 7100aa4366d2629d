import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import { createAuthLimits, slowDownDelay, type AuthLimits } from './limits';

const MINUTE = 60_000;

/** The minutes an attempt is told to wait, or 0 when it may go ahead (and then fails). */
async function tryWrong(limits: AuthLimits, account: string, address: string): Promise<number> {
	try {
		(await limits.beginLogin(account, address)).failed();
		return 0;
	} catch (e) {
		if (e instanceof DomainError && e.code === 'auth:error.tooManyAttempts') return Number(e.params?.count);
		throw e;
	}
}

describe('login limits (in memory, with an injected clock)', () => {
	const settings = {
		loginsPerAddress: 1000,
		failedLoginsPerAccount: 5,
		failedLoginsPerAccountAddress: 10,
		signUpsPerAddress: 10,
		resetsPerAddress: 10
	};

	it('the wait after each failure of an address, once the account is under attack, grows to 15 minutes', () => {
		expect([1, 2, 3, 4, 5, 6, 20].map((n) => slowDownDelay(n) / MINUTE)).toEqual([1, 2, 4, 8, 15, 15, 15]);
	});

	it('below the account-wide threshold an address gets its ten tries in a row; then waits out the window', async () => {
		let now = 0;
		const limits = createAuthLimits({ ...settings, failedLoginsPerAccount: 100 }, { now: () => now });
		for (let i = 0; i < 10; i++) expect(await tryWrong(limits, 'amal', 'a')).toBe(0);
		expect(await tryWrong(limits, 'amal', 'a')).toBe(15);
		now += 14 * MINUTE;
		expect(await tryWrong(limits, 'amal', 'a')).toBe(1);
		now += MINUTE;
		expect(await tryWrong(limits, 'amal', 'a')).toBe(0);
	});

	it('under attack, a failing address waits 1, 2, 4, 8 minutes between tries; others keep theirs', async () => {
		let now = 0;
		const limits = createAuthLimits(settings, { now: () => now });
		for (const address of ['b', 'c', 'd', 'e', 'f']) expect(await tryWrong(limits, 'amal', address)).toBe(0);

		const waits: number[] = [];
		for (const delay of [1, 2, 4, 8]) {
			waits.push(await tryWrong(limits, 'amal', 'b'));
			now += delay * MINUTE;
			expect(await tryWrong(limits, 'amal', 'b')).toBe(0);
		}
		expect(waits).toEqual([1, 2, 4, 8]);
		// Another account is not slowed down by the attack on this one.
		for (let i = 0; i < 3; i++) expect(await tryWrong(limits, 'bram', 'b')).toBe(0);
	});

	it('the right password forgets that address’s failures, not the attack on the account', async () => {
		let now = 0;
		const limits = createAuthLimits(settings, { now: () => now });
		for (const address of ['b', 'c', 'd', 'e', 'f']) expect(await tryWrong(limits, 'amal', address)).toBe(0);
		now += MINUTE;
		(await limits.beginLogin('amal', 'b')).succeeded();
		// A fresh start for b, but the account is still under attack: one try, then a minute.
		expect(await tryWrong(limits, 'amal', 'b')).toBe(0);
		expect(await tryWrong(limits, 'amal', 'b')).toBe(1);
		// Fifteen minutes after the first failure the account's window ends: no longer slowed down.
		now += 15 * MINUTE;
		expect(await tryWrong(limits, 'amal', 'g')).toBe(0);
		expect(await tryWrong(limits, 'amal', 'g')).toBe(0);
	});
});
