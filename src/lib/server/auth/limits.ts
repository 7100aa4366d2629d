import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { DomainError } from '../errors';
import { hashToken } from './tokens';

/*
 * Rate limits for logging in, signing up and password resets. Counters live in this process's memory
 * only: the address they are keyed by is hashed and never written to the database. With several app
 * servers each counts on its own; rate-limiter-flexible can move the counters into PostgreSQL then.
 */

export type LimitKind =
	| 'loginAddress'
	| 'loginAccount'
	| 'signUpAddress'
	| 'resetAddress'
	| 'resetAccount'
	| 'commentAccount'
	| 'voteAccount';

export interface LimitSettings {
	/** Login attempts per address in 15 minutes. */
	loginsPerAddress: number;
	/** Failed logins per account name in 15 minutes. */
	failedLoginsPerAccount: number;
	/** New accounts per address per hour. */
	signUpsPerAddress: number;
	/** Reset attempts per address per hour, and per account per hour. */
	resetsPerAddress: number;
	/** Comments (and replies) per account per minute. */
	commentsPerMinute?: number;
	/** Votes per account per minute. */
	votesPerMinute?: number;
}

export const defaultLimits: LimitSettings = {
	loginsPerAddress: 30,
	failedLoginsPerAccount: 10,
	signUpsPerAddress: 10,
	resetsPerAddress: 10,
	commentsPerMinute: 5,
	votesPerMinute: 60
};

export interface AuthLimits {
	/** Counts one attempt; throws auth:error.tooManyAttempts (429) with the minutes to wait when over the limit. */
	consume(kind: LimitKind, key: string): Promise<void>;
	/** Throws like consume when the limit is already reached, without counting. */
	check(kind: LimitKind, key: string): Promise<void>;
	/** Forgets the attempts (after a successful login). */
	reset(kind: LimitKind, key: string): Promise<void>;
}

export function createAuthLimits(settings: LimitSettings = defaultLimits): AuthLimits {
	const limiters: Record<LimitKind, RateLimiterMemory> = {
		loginAddress: new RateLimiterMemory({ points: settings.loginsPerAddress, duration: 15 * 60 }),
		loginAccount: new RateLimiterMemory({ points: settings.failedLoginsPerAccount, duration: 15 * 60 }),
		signUpAddress: new RateLimiterMemory({ points: settings.signUpsPerAddress, duration: 60 * 60 }),
		resetAddress: new RateLimiterMemory({ points: settings.resetsPerAddress, duration: 60 * 60 }),
		resetAccount: new RateLimiterMemory({ points: settings.resetsPerAddress, duration: 60 * 60 }),
		commentAccount: new RateLimiterMemory({ points: settings.commentsPerMinute ?? 5, duration: 60 }),
		voteAccount: new RateLimiterMemory({ points: settings.votesPerMinute ?? 60, duration: 60 })
	};
	const tooMany = (msBeforeNext: number) =>
		new DomainError('auth:error.tooManyAttempts', 429, { count: Math.max(1, Math.ceil(msBeforeNext / 60000)) });
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
		async check(kind, key) {
			const res = await limiters[kind].get(k(key));
			const max = limiters[kind].points;
			if (res && res.consumedPoints >= max) throw tooMany(res.msBeforeNext);
		},
		async reset(kind, key) {
			await limiters[kind].delete(k(key));
		}
	};
}
