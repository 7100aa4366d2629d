import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { DomainError } from '../errors';
import { hashToken } from './tokens';

/*
 * Rate limits for logging in, signing up and password resets. Counters live in this process's memory
 * only: the address they are keyed by is hashed and never written to the database. With several app
 * servers each counts on its own; rate-limiter-flexible can move the counters into PostgreSQL then.
 *
 * The address is the one adapter-node reports. Behind a reverse proxy that is the proxy's own address
 * unless ADDRESS_HEADER and XFF_DEPTH are set (see .env.example); then it is the real client's.
 */

export type LimitKind =
	| 'loginAddress'
	| 'signUpAddress'
	| 'signUpInviteAddress'
	| 'resetAddress'
	| 'resetAccount'
	| 'commentAccount'
	| 'voteAccount';

/*
 * Failed logins, and why they are limited this way.
 *
 * Pseudonyms are public, so a limit per account alone lets anyone lock anyone out (a moderator before a
 * meeting, say) by typing wrong passwords under her name. A limit per address alone lets a network of
 * machines guess without end. So three limits work together:
 *
 * 1. Per address, all accounts: loginsPerAddress attempts per 15 minutes. One machine cannot try many
 *    names.
 * 2. Per account AND address: failedLoginsPerAccountAddress wrong passwords per 15 minutes. This is the
 *    strict limit; it stops the one who is guessing and nobody else.
 * 3. Per account, all addresses: after failedLoginsPerAccount wrong passwords in 15 minutes the account
 *    is "under attack" and is slowed down, never locked. While it is, an address that has got this
 *    account's password wrong must wait before its next try: 1, 2, 4, 8, then 15 minutes after its last
 *    one. An address that has not failed for this account still gets its attempt at once, so the owner,
 *    from her own phone or the association's computer, logs in with the right password while someone
 *    else is hammering.
 *
 * The trade-off: someone with many addresses still gets a few guesses per address per 15 minutes (about
 * five once the account is under attack, instead of ten); they get no more by adding guesses, only by
 * adding addresses. Locking the account would stop them, but it would also hand every stranger a switch
 * to shut a person out, and the people most at risk of that are the ones this platform is for. A few
 * guesses per address only pay off against a very common password. Someone who shares the attacker's
 * address (the same wifi) shares its limits too; from mobile data or another network she gets in.
 *
 * An attempt counts as a failure from the moment it starts, and is forgiven when the password is right,
 * so a burst of parallel requests cannot slip past the count before the first answer.
 */

export interface LimitSettings {
	/** Login attempts per address in 15 minutes. */
	loginsPerAddress: number;
	/** Failed logins per account from all addresses in 15 minutes, after which the account is slowed down. */
	failedLoginsPerAccount: number;
	/** Failed logins per account from one address in 15 minutes. */
	failedLoginsPerAccountAddress?: number;
	/** New accounts without an invite code per address per hour. */
	signUpsPerAddress: number;
	/** New accounts with one invite code per address per hour (the code's own uses limit them too). */
	signUpsPerInvitePerAddress?: number;
	/** Reset attempts per address per hour, and per account per hour. */
	resetsPerAddress: number;
	/** Comments (and replies) per account per minute. */
	commentsPerMinute?: number;
	/** Votes per account per minute. */
	votesPerMinute?: number;
}

export const defaultLimits: LimitSettings = {
	loginsPerAddress: 30,
	failedLoginsPerAccount: 20,
	failedLoginsPerAccountAddress: 10,
	signUpsPerAddress: 10,
	signUpsPerInvitePerAddress: 100,
	resetsPerAddress: 10,
	commentsPerMinute: 5,
	votesPerMinute: 60
};

const MINUTE = 60_000;
const LOGIN_WINDOW = 15 * MINUTE;

/** How long an address waits after its nth failure for an account under attack: 1, 2, 4, 8, 15 minutes. */
export function slowDownDelay(failures: number): number {
	return Math.min(LOGIN_WINDOW, 2 ** Math.max(0, failures - 1) * MINUTE);
}

/** One login attempt that passed the limits: report how it ended. */
export interface LoginAttempt {
	/** The password was right: this address's failures for the account are forgotten. */
	succeeded(): void;
	/** The password (or the name) was wrong. */
	failed(): void;
}

export interface AuthLimits {
	/** Counts one attempt; throws auth:error.tooManyAttempts (429) with the minutes to wait when over the limit. */
	consume(kind: LimitKind, key: string): Promise<void>;
	/**
	 * Before a password is checked: throws auth:error.tooManyAttempts when this address has to wait for this
	 * account, and otherwise counts the attempt as a failure until it is reported as a success.
	 */
	beginLogin(account: string, address: string): Promise<LoginAttempt>;
}

interface Window {
	count: number;
	endsAt: number;
}

/**
 * The three login limits described above, in memory, decided synchronously so that parallel requests
 * are counted one by one. `now` is injectable for tests.
 */
class LoginThrottle {
	/** Per account and address: attempts not yet forgiven in this window, and when the last one began. */
	private readonly pairs = new Map<string, Window & { lastAt: number }>();
	/** Per account: failures from all addresses in this window. */
	private readonly accounts = new Map<string, Window>();
	private lastSweep = 0;

	constructor(
		private readonly perPair: number,
		private readonly slowDownAfter: number,
		private readonly now: () => number
	) {}

	begin(account: string, address: string): LoginAttempt {
		const now = this.now();
		this.sweep(now);
		const accountKey = hashToken(account);
		const pairKey = hashToken(`${account}\n${address}`);
		let pair = live(this.pairs.get(pairKey), now);
		if (pair && pair.count >= this.perPair) throw tooMany(pair.endsAt - now);
		const underAttack = (live(this.accounts.get(accountKey), now)?.count ?? 0) >= this.slowDownAfter;
		if (pair && underAttack) {
			const waitUntil = pair.lastAt + slowDownDelay(pair.count);
			if (waitUntil > now) throw tooMany(waitUntil - now);
		}
		// Counted before the password is checked, so a parallel request from here is judged by this one.
		pair ??= { count: 0, endsAt: now + LOGIN_WINDOW, lastAt: now };
		pair.count++;
		pair.lastAt = now;
		this.pairs.set(pairKey, pair);

		let settled = false;
		return {
			succeeded: () => {
				if (settled) return;
				settled = true;
				this.pairs.delete(pairKey);
			},
			failed: () => {
				if (settled) return;
				settled = true;
				const at = this.now();
				const total = live(this.accounts.get(accountKey), at) ?? { count: 0, endsAt: at + LOGIN_WINDOW };
				total.count++;
				this.accounts.set(accountKey, total);
			}
		};
	}

	/** Forgets windows that have ended, at most once a minute. */
	private sweep(now: number) {
		if (now - this.lastSweep < MINUTE) return;
		this.lastSweep = now;
		for (const map of [this.pairs, this.accounts]) {
			for (const [key, w] of map) if (w.endsAt <= now) map.delete(key);
		}
	}
}

function live<T extends Window>(w: T | undefined, now: number): T | undefined {
	return w && w.endsAt > now ? w : undefined;
}

const tooMany = (msBeforeNext: number) =>
	new DomainError('auth:error.tooManyAttempts', 429, { count: Math.max(1, Math.ceil(msBeforeNext / MINUTE)) });

export function createAuthLimits(
	settings: LimitSettings = defaultLimits,
	clock: { now: () => number } = { now: Date.now }
): AuthLimits {
	const limiters: Record<LimitKind, RateLimiterMemory> = {
		loginAddress: new RateLimiterMemory({ points: settings.loginsPerAddress, duration: 15 * 60 }),
		signUpAddress: new RateLimiterMemory({ points: settings.signUpsPerAddress, duration: 60 * 60 }),
		signUpInviteAddress: new RateLimiterMemory({
			points: settings.signUpsPerInvitePerAddress ?? defaultLimits.signUpsPerInvitePerAddress!,
			duration: 60 * 60
		}),
		resetAddress: new RateLimiterMemory({ points: settings.resetsPerAddress, duration: 60 * 60 }),
		resetAccount: new RateLimiterMemory({ points: settings.resetsPerAddress, duration: 60 * 60 }),
		commentAccount: new RateLimiterMemory({ points: settings.commentsPerMinute ?? 5, duration: 60 }),
		voteAccount: new RateLimiterMemory({ points: settings.votesPerMinute ?? 60, duration: 60 })
	};
	const logins = new LoginThrottle(
		settings.failedLoginsPerAccountAddress ?? defaultLimits.failedLoginsPerAccountAddress!,
		settings.failedLoginsPerAccount,
		clock.now
	);
	const k = (key: string) => hashToken(key);

	return {
		async consume(kind, key) {
			try {
				await limiters[kind].consume(k(key));
			} catch (e) {
				if (e instanceof RateLimiterRes) throw tooMany(e.msBeforeNext);
				throw e;
			}
		},
		async beginLogin(account, address) {
			return logins.begin(account, address);
		}
	};
}
