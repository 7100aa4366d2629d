import { createHmac, randomBytes } from 'node:crypto';
import {
	RateLimiterMemory,
	RateLimiterPostgres,
	RateLimiterRes,
	RateLimiterSQLite,
	type RateLimiterAbstract
} from 'rate-limiter-flexible';
import { driverOf, type DB } from '../db/create';
import { DomainError } from '../errors';
import * as repository from './repository';

/*
 * Rate limits for logging in, signing up, password resets, comments and votes. The counters live in the
 * database (rate-limiter-flexible's RateLimiterPostgres and RateLimiterSQLite on the table `rate_limits`),
 * so every app server on one database counts together: behind a load balancer a limit is one limit, not
 * one per server. Each decision is one atomic statement there (an upsert that adds a point and returns
 * the new count), so parallel requests, on one server or on several, are counted one by one.
 *
 * No address is ever stored. Every key (an address, a name, an email key, an account id) becomes an
 * HMAC-SHA256 under a secret that is not in the database (RATE_LIMIT_SECRET): a plain SHA-256 of an IPv4
 * address could be reversed by trying all 2^32 of them, an HMAC cannot without the secret. All servers
 * must share the secret to share the counts, so it is required with PostgreSQL. With SQLite it may be
 * left out: then each process draws a random one at start. The trade-off, accepted for the one-process
 * SQLite default: the counts of a process that stopped are unreadable to the next one (every limit
 * starts afresh at a restart, as when they lived in memory), and two processes on one SQLite file count
 * apart unless they are given the same RATE_LIMIT_SECRET.
 *
 * The time is each server's own clock (rate-limiter-flexible writes Date.now() + duration): servers must
 * keep their clocks in step (NTP), as they must for sessions already. Windows that ended are deleted by
 * the hourly housekeeping (forgetEndedLimits), not by the library's timers (clearExpiredByTimeout: false),
 * so that a failure there is logged like the rest of the housekeeping and no timer touches a closed
 * database.
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
	succeeded(): Promise<void>;
	/** The password (or the name) was wrong. */
	failed(): Promise<void>;
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

/**
 * Where the counters live, chosen by whoever creates the limits:
 * - `{ db, secret }`: in that database, shared by every process that uses it with the same secret. The
 *   server uses this (src/hooks.server.ts). `secret` null: a random one for this process (SQLite only,
 *   see above). Never call the limits from inside a transaction: on SQLite they wait for the connection
 *   that transaction holds.
 * - `'memory'`: in this process only, for tests of other rules that just need limits to exist.
 */
export type LimitStore = 'memory' | { db: DB; secret: string | null };

/** The operations the limits need from one rate-limiter-flexible limiter, whatever its store. */
interface Counter {
	/** Adds a point; `allowed` is false when that goes over the limit. `seconds`: a new window's length. */
	take(key: string, seconds?: number): Promise<{ allowed: boolean; count: number; msLeft: number }>;
	/** Adds a point without judging it (a failed login). */
	add(key: string): Promise<void>;
	/** Takes back a point that was refused elsewhere. */
	giveBack(key: string): Promise<void>;
	/** The points in the current window, or null when there is none. */
	peek(key: string): Promise<{ count: number; msLeft: number } | null>;
	/** Starts a window of `seconds` with `count` points, whatever was there. */
	restart(key: string, count: number, seconds: number): Promise<void>;
	forget(key: string): Promise<void>;
}

/** The table rate-limiter-flexible reads and writes; made by migrations/2026-12-01-014-rate-limits.ts. */
const TABLE = 'rate_limits';

interface CounterOptions {
	/** Names the limit inside the one table (the library's keyPrefix). */
	name: string;
	points: number;
	seconds: number;
	/**
	 * Once a key is over its limit, refuse it from this process's memory until the window ends instead of
	 * asking the database again (the library's inMemoryBlockOnConsumed). Only for limits whose rows are
	 * never lowered or deleted before they end, so the database would refuse too: sharing is unchanged.
	 */
	blockInMemory?: boolean;
}

function counterFactory(store: LimitStore): (options: CounterOptions) => Counter {
	if (store === 'memory') {
		return (o) => wrap(new RateLimiterMemory({ keyPrefix: o.name, points: o.points, duration: o.seconds }));
	}
	const driver = driverOf(store.db);
	return (o) => {
		const common = {
			keyPrefix: o.name,
			points: o.points,
			duration: o.seconds,
			tableName: TABLE,
			// The migration made the table: the library never runs DDL while serving.
			tableCreated: true,
			clearExpiredByTimeout: false,
			inMemoryBlockOnConsumed: o.blockInMemory ? o.points + 1 : 0
		};
		if (driver.dialect === 'postgres') {
			return wrap(new RateLimiterPostgres({ ...common, storeClient: driver.pool, storeType: 'pool' }));
		}
		const limiter = new RateLimiterSQLite({ ...common, storeClient: driver.database, storeType: 'better-sqlite3' });
		return wrap(limiter, driver.exclusive);
	};
}

/** A limiter as a Counter; `run` wraps each call (SQLite: between Kysely's queries, see db/create.ts). */
function wrap(
	limiter: RateLimiterAbstract,
	run: <T>(work: () => Promise<T>) => Promise<T> = (work) => work()
): Counter {
	return {
		take: (key, seconds) =>
			run(async () => {
				try {
					const res = await limiter.consume(key, 1, seconds === undefined ? {} : { customDuration: seconds });
					return { allowed: true, count: res.consumedPoints, msLeft: res.msBeforeNext };
				} catch (e) {
					if (!(e instanceof RateLimiterRes)) throw e;
					return { allowed: false, count: e.consumedPoints, msLeft: e.msBeforeNext };
				}
			}),
		add: (key) => run(async () => void (await limiter.penalty(key, 1))),
		giveBack: (key) => run(async () => void (await limiter.reward(key, 1))),
		peek: (key) =>
			run(async () => {
				const res = await limiter.get(key);
				// The memory store keeps an ended window until its timer fires: it counts as none.
				return res && res.msBeforeNext > 0 ? { count: res.consumedPoints, msLeft: res.msBeforeNext } : null;
			}),
		restart: (key, count, seconds) => run(async () => void (await limiter.set(key, count, seconds))),
		forget: (key) => run(async () => void (await limiter.delete(key)))
	};
}

/** Deletes the rows of windows that ended over an hour ago (the outbox's hourly housekeeping runs it). */
export async function forgetEndedLimits(db: DB, now = new Date()): Promise<void> {
	// An hour late, so that a server whose clock runs a little ahead never deletes a window still in use.
	await repository.deleteEndedLimits(db, now.getTime() - 60 * MINUTE);
}

/**
 * The three login limits described above, on three counters in the store:
 * - `pairs` (per account and address): attempts not yet forgiven in a 15-minute window that starts at the
 *   first. An attempt takes a point before its password is checked; past failedLoginsPerAccountAddress
 *   the address waits for the window's end. The right password deletes the row.
 * - `accounts` (per account): failures from all addresses in a 15-minute window; at slowDownAfter the
 *   account is under attack.
 * - `waits` (per account and address, one point): a window from each admitted attempt until the moment
 *   the next may come if the account is under attack, slowDownDelay(attempts so far) later, never past
 *   the pair's own window. While the account is under attack, an attempt takes its point: if the window
 *   of the previous attempt still runs, it is refused (and gives its pair point back); if not, taking the
 *   point opens the next window. In one statement, so of two parallel attempts only one gets through.
 *   An address without a previous attempt has no window and gets its try at once.
 * Every step is one atomic statement in the database, so two servers judge as one would.
 */
class LoginThrottle {
	private readonly pairs: Counter;
	private readonly accounts: Counter;
	private readonly waits: Counter;

	constructor(
		counter: (options: CounterOptions) => Counter,
		perPair: number,
		private readonly slowDownAfter: number,
		private readonly key: (text: string) => string
	) {
		const seconds = LOGIN_WINDOW / 1000;
		this.pairs = counter({ name: 'loginPair', points: perPair, seconds });
		this.accounts = counter({ name: 'loginAccount', points: slowDownAfter, seconds });
		this.waits = counter({ name: 'loginWait', points: 1, seconds });
	}

	async begin(account: string, address: string): Promise<LoginAttempt> {
		const accountKey = this.key(account);
		const pairKey = this.key(`${account}\n${address}`);
		// Counted before the password is checked, so a parallel request from here is judged by this one.
		const [pair, failures] = await Promise.all([this.pairs.take(pairKey), this.accounts.peek(accountKey)]);
		if (!pair.allowed) throw tooMany(pair.msLeft);
		const waitSeconds = Math.max(1, Math.ceil(Math.min(slowDownDelay(pair.count), pair.msLeft) / 1000));
		if ((failures?.count ?? 0) >= this.slowDownAfter) {
			const wait = await this.waits.take(pairKey, waitSeconds);
			if (!wait.allowed) {
				await this.pairs.giveBack(pairKey);
				throw tooMany(wait.msLeft);
			}
		} else {
			await this.waits.restart(pairKey, 1, waitSeconds);
		}

		let settled = false;
		return {
			succeeded: async () => {
				if (settled) return;
				settled = true;
				await Promise.all([this.pairs.forget(pairKey), this.waits.forget(pairKey)]);
			},
			failed: async () => {
				if (settled) return;
				settled = true;
				await this.accounts.add(accountKey);
			}
		};
	}
}

const tooMany = (msBeforeNext: number) =>
	new DomainError('auth:error.tooManyAttempts', 429, { count: Math.max(1, Math.ceil(msBeforeNext / MINUTE)) });

/** The limits, counted in `store`: the server passes its database, tests of other rules may pass 'memory'. */
export function createAuthLimits(store: LimitStore, settings: LimitSettings = defaultLimits): AuthLimits {
	const counter = counterFactory(store);
	const per = (name: LimitKind, points: number, seconds: number) =>
		counter({ name, points, seconds, blockInMemory: true });
	const counters: Record<LimitKind, Counter> = {
		loginAddress: per('loginAddress', settings.loginsPerAddress, 15 * 60),
		signUpAddress: per('signUpAddress', settings.signUpsPerAddress, 60 * 60),
		signUpInviteAddress: per(
			'signUpInviteAddress',
			settings.signUpsPerInvitePerAddress ?? defaultLimits.signUpsPerInvitePerAddress!,
			60 * 60
		),
		resetAddress: per('resetAddress', settings.resetsPerAddress, 60 * 60),
		resetAccount: per('resetAccount', settings.resetsPerAddress, 60 * 60),
		commentAccount: per('commentAccount', settings.commentsPerMinute ?? 5, 60),
		voteAccount: per('voteAccount', settings.votesPerMinute ?? 60, 60)
	};
	const secret = (store === 'memory' ? null : store.secret) ?? randomBytes(32).toString('base64');
	// On a Unix socket without ADDRESS_HEADER adapter-node reports no address (undefined): all such
	// requests then share one key, as they did when the key was a plain hash.
	const key = (text: string | undefined) =>
		createHmac('sha256', secret)
			.update(text ?? '')
			.digest('hex');
	const logins = new LoginThrottle(
		counter,
		settings.failedLoginsPerAccountAddress ?? defaultLimits.failedLoginsPerAccountAddress!,
		settings.failedLoginsPerAccount,
		key
	);

	return {
		async consume(kind, text) {
			const taken = await counters[kind].take(key(text));
			if (!taken.allowed) throw tooMany(taken.msLeft);
		},
		beginLogin: (account, address) => logins.begin(account, address)
	};
}
