/**
 * The only reader of the environment. It validates every variable on first use and names each bad one,
 * so a misconfigured server stops at start with a clear message instead of failing later.
 */

export type DatabaseConfig =
	{ dialect: 'sqlite'; path: string } | { dialect: 'postgres'; url: string; poolSize: number };

export interface Config {
	database: DatabaseConfig;
	/** Load the demo consultation into an empty database at start. */
	demoData: boolean;
	/** development | production | test */
	mode: 'development' | 'production' | 'test';
	/** Outgoing mail (reset links and notifications); null when no SMTP server is configured. */
	smtp: { url: string; from: string } | null;
	/**
	 * The site's public address for links in mails, from ORIGIN (adapter-node reads the same variable).
	 * Without it, the address of the first request is used.
	 */
	origin: string | null;
	/** How long logged-out readers share one rendering of a public page; 0 switches the cache off. */
	pageCacheSeconds: number;
	/**
	 * How often each server's outbox looks for mail that is due (OUTBOX_SECONDS, 60 by default): mail queued
	 * on another server, and retries. Mail queued on this server goes out at once.
	 */
	outboxSeconds: number;
	/** Write one JSON log line per request (LOG_REQUESTS, on by default); errors are logged either way. */
	logRequests: boolean;
	/**
	 * Where the client's address comes from, for rate limits: null reads the connection (no proxy). Read by
	 * adapter-node itself (ADDRESS_HEADER, XFF_DEPTH); validated here so a mistake stops the start.
	 */
	clientAddress: { header: string; xffDepth: number | null } | null;
	/**
	 * Machine translation through a self-hosted LibreTranslate server; null (the default) when
	 * TRANSLATE_URL is empty: then nothing is ever sent anywhere.
	 */
	translate: TranslateConfig | null;
	/**
	 * The key of the HMAC that turns addresses (and names) into rate limit keys before they reach the
	 * database, from RATE_LIMIT_SECRET. Required with PostgreSQL, where several app servers must share
	 * it; optional with SQLite, where null means a random key per process (see auth/limits.ts).
	 */
	rateLimitSecret: string | null;
	/** Rate limits for logins, sign-ups and resets. */
	limits: {
		loginsPerAddress: number;
		failedLoginsPerAccount: number;
		failedLoginsPerAccountAddress: number;
		signUpsPerAddress: number;
		signUpsPerInvitePerAddress: number;
		resetsPerAddress: number;
		commentsPerMinute: number;
		votesPerMinute: number;
	};
}

export interface TranslateConfig {
	/** The LibreTranslate server, without a trailing slash; requests go to `${url}/translate`. */
	url: string;
	apiKey: string | null;
	/** How long one request may take before it counts as failed (and is tried again later). */
	timeoutMs: number;
	/** Characters sent per consultation per UTC day; beyond it, jobs wait for the next day. */
	dailyCharacters: number;
	/** Texts one person may ask to have translated per UTC day. */
	asksPerPersonPerDay: number;
}

export class ConfigError extends Error {
	constructor(public readonly problems: string[]) {
		super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
		this.name = 'ConfigError';
	}
}

type Env = Record<string, string | undefined>;

/**
 * adapter-node refuses a request body larger than BODY_SIZE_LIMIT (its default 512K; npm start sets 11M) before any of it is
 * read: the form cannot come back with what was typed, only with an error page (413). So the limit must
 * stay well above the largest form: three summary sections of 6000 characters, which a browser sends as
 * up to 12 bytes a character (4 bytes of UTF-8, each written as %XX), about 216 kB.
 */
export const MIN_BODY_SIZE = 256 * 1024;

/** BODY_SIZE_LIMIT in bytes, read as adapter-node reads it: a number, optionally with K, M or G. */
export function bodyBytes(value: string): number {
	const multiplier = { K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[value.slice(-1).toUpperCase()];
	const bytes = multiplier ? Number(value.slice(0, -1)) * multiplier : Number(value);
	return Number.isNaN(bytes) ? 0 : bytes;
}

/** RATE_LIMIT_SECRET's least length: 32 characters of base64 carry more than 128 bits. */
export const MIN_SECRET_LENGTH = 32;

/** Parses an environment into a Config; throws ConfigError naming every bad variable. */
export function parseConfig(env: Env): Config {
	const problems: string[] = [];

	const modeRaw = env.NODE_ENV ?? 'development';
	const mode = (['development', 'production', 'test'] as const).find((m) => m === modeRaw);
	if (!mode) problems.push(`NODE_ENV must be development, production or test (got "${modeRaw}")`);

	let database: DatabaseConfig = { dialect: 'sqlite', path: 'data/samenspraak.db' };
	const url = env.DATABASE_URL?.trim();
	if (url) {
		if (!/^postgres(ql)?:\/\//.test(url)) {
			problems.push('DATABASE_URL must start with postgres:// or postgresql:// (leave it empty for SQLite)');
		} else {
			const poolSize = Number(env.DATABASE_POOL_SIZE ?? '10');
			if (!Number.isInteger(poolSize) || poolSize < 1 || poolSize > 200) {
				problems.push(`DATABASE_POOL_SIZE must be a whole number from 1 to 200 (got "${env.DATABASE_POOL_SIZE}")`);
			}
			database = { dialect: 'postgres', url, poolSize };
		}
	} else {
		const path = env.SQLITE_PATH?.trim() || 'data/samenspraak.db';
		database = { dialect: 'sqlite', path };
	}

	const demoRaw = (env.DEMO_DATA ?? 'auto').trim().toLowerCase();
	if (!['auto', 'off'].includes(demoRaw)) {
		problems.push(`DEMO_DATA must be "auto" or "off" (got "${env.DEMO_DATA}")`);
	}

	let smtp: Config['smtp'] = null;
	const smtpUrl = env.SMTP_URL?.trim();
	if (smtpUrl) {
		if (!/^smtps?:\/\//.test(smtpUrl)) problems.push('SMTP_URL must start with smtp:// or smtps://');
		const from = env.MAIL_FROM?.trim() ?? '';
		if (!/^[^\s@]+@[^\s@]+$/.test(from.replace(/^.*<(.+)>$/, '$1'))) {
			problems.push('MAIL_FROM must be an address such as "Samenspraak <noreply@example.org>" when SMTP_URL is set');
		}
		smtp = { url: smtpUrl, from };
	}

	let origin: string | null = null;
	const originRaw = env.ORIGIN?.trim();
	if (originRaw) {
		try {
			const url = new URL(originRaw);
			if (!/^https?:$/.test(url.protocol)) throw new Error('protocol');
			origin = url.origin;
		} catch {
			problems.push(`ORIGIN must be the site's address, such as https://samenspraak.example.org (got "${originRaw}")`);
		}
	}

	const limit = (name: string, fallback: number) => {
		const raw = env[name];
		if (raw === undefined || raw.trim() === '') return fallback;
		const n = Number(raw);
		if (!Number.isInteger(n) || n < 1 || n > 100000) problems.push(`${name} must be a whole number from 1 to 100000`);
		return n;
	};
	const limits = {
		loginsPerAddress: limit('LIMIT_LOGINS_PER_ADDRESS', 30),
		failedLoginsPerAccount: limit('LIMIT_FAILED_LOGINS_PER_ACCOUNT', 20),
		failedLoginsPerAccountAddress: limit('LIMIT_FAILED_LOGINS_PER_ACCOUNT_AND_ADDRESS', 10),
		signUpsPerAddress: limit('LIMIT_SIGNUPS_PER_ADDRESS', 10),
		signUpsPerInvitePerAddress: limit('LIMIT_SIGNUPS_PER_INVITE_PER_ADDRESS', 100),
		resetsPerAddress: limit('LIMIT_RESETS_PER_ADDRESS', 10),
		commentsPerMinute: limit('LIMIT_COMMENTS_PER_MINUTE', 5),
		votesPerMinute: limit('LIMIT_VOTES_PER_MINUTE', 60)
	};

	// Never trimmed or echoed: a secret does not belong in a log line.
	const rateLimitSecret = env.RATE_LIMIT_SECRET || null;
	if (rateLimitSecret !== null && rateLimitSecret.length < MIN_SECRET_LENGTH) {
		problems.push(
			`RATE_LIMIT_SECRET must be at least ${MIN_SECRET_LENGTH} characters (make one with: openssl rand -base64 32)`
		);
	}
	if (rateLimitSecret === null && database.dialect === 'postgres') {
		problems.push(
			'RATE_LIMIT_SECRET is required with DATABASE_URL: the same random value on every app server (make one with: openssl rand -base64 32)'
		);
	}

	const clientAddress = parseClientAddress(env, problems);
	const translate = parseTranslate(env, problems);

	const pageCacheRaw = (env.PAGE_CACHE_SECONDS ?? '2').trim();
	const pageCacheSeconds = Number(pageCacheRaw);
	if (!Number.isFinite(pageCacheSeconds) || pageCacheSeconds < 0 || pageCacheSeconds > 300) {
		problems.push(`PAGE_CACHE_SECONDS must be a number from 0 to 300 (got "${pageCacheRaw}")`);
	}

	const outboxRaw = (env.OUTBOX_SECONDS ?? '60').trim();
	const outboxSeconds = Number(outboxRaw);
	if (!/^\d+$/.test(outboxRaw) || outboxSeconds < 1 || outboxSeconds > 3600) {
		problems.push(`OUTBOX_SECONDS must be a whole number from 1 to 3600 (got "${outboxRaw}")`);
	}

	const logRequestsRaw = (env.LOG_REQUESTS ?? 'on').trim().toLowerCase();
	if (logRequestsRaw !== 'on' && logRequestsRaw !== 'off') {
		problems.push(`LOG_REQUESTS must be "on" or "off" (got "${env.LOG_REQUESTS}")`);
	}

	const bodyRaw = env.BODY_SIZE_LIMIT?.trim();
	if (bodyRaw && bodyBytes(bodyRaw) < MIN_BODY_SIZE) {
		problems.push(
			`BODY_SIZE_LIMIT must be at least 256K, so that a text that is too long reaches the form's own check, which keeps the text (got "${bodyRaw}")`
		);
	}

	if (problems.length > 0) throw new ConfigError(problems);
	return {
		database,
		demoData: demoRaw === 'auto',
		mode: mode!,
		smtp,
		origin,
		clientAddress,
		rateLimitSecret,
		limits,
		pageCacheSeconds,
		outboxSeconds,
		logRequests: logRequestsRaw !== 'off',
		translate
	};
}

/**
 * TRANSLATE_*: off unless TRANSLATE_URL names a server. The numbers are checked even then, so a mistake
 * shows before the day machine translation is switched on.
 */
function parseTranslate(env: Env, problems: string[]): Config['translate'] {
	const whole = (name: string, fallback: number, min: number, max: number) => {
		const raw = env[name]?.trim();
		if (!raw) return fallback;
		const n = Number(raw);
		if (!/^\d+$/.test(raw) || n < min || n > max) {
			problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
		}
		return n;
	};
	const timeoutMs = whole('TRANSLATE_TIMEOUT_MS', 10_000, 1000, 120_000);
	const dailyCharacters = whole('TRANSLATE_DAILY_CHARACTERS', 200_000, 1, 100_000_000);
	const asksPerPersonPerDay = whole('TRANSLATE_ASKS_PER_PERSON_PER_DAY', 30, 1, 10_000);
	const apiKey = env.TRANSLATE_API_KEY?.trim() || null;

	const raw = env.TRANSLATE_URL?.trim();
	if (!raw) {
		if (apiKey) problems.push('TRANSLATE_API_KEY is set but TRANSLATE_URL is empty: set both, or neither');
		return null;
	}
	let url: URL;
	try {
		url = new URL(raw);
		if (!/^https?:$/.test(url.protocol) || url.search || url.hash) throw new Error('not a server address');
	} catch {
		problems.push(
			`TRANSLATE_URL must be the address of a LibreTranslate server, such as http://localhost:5000 (got "${raw}")`
		);
		return null;
	}
	return { url: url.href.replace(/\/+$/, ''), apiKey, timeoutMs, dailyCharacters, asksPerPersonPerDay };
}

/** An HTTP header name (RFC 9110 token). */
const headerName = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * ADDRESS_HEADER and XFF_DEPTH, checked the way adapter-node will use them: it takes the address from
 * that header, and from X-Forwarded-For the entry XFF_DEPTH places from the right (the one the nearest
 * trusted proxy added; entries further left were written by the client and can be forged).
 */
function parseClientAddress(env: Env, problems: string[]): Config['clientAddress'] {
	// Not trimmed: adapter-node uses the value as it is, and " X-Forwarded-For" would never match.
	const header = env.ADDRESS_HEADER ?? '';
	const depthRaw = env.XFF_DEPTH?.trim() ?? '';
	const isXff = header.toLowerCase() === 'x-forwarded-for';
	if (depthRaw && !isXff) {
		problems.push(`XFF_DEPTH only applies with ADDRESS_HEADER=X-Forwarded-For (got ADDRESS_HEADER="${header}")`);
	}
	if (!header.trim()) return null;
	if (!headerName.test(header)) {
		problems.push(`ADDRESS_HEADER must be a header name such as X-Forwarded-For (got "${header}")`);
		return null;
	}
	if (header.toLowerCase() === 'forwarded') {
		problems.push('ADDRESS_HEADER=Forwarded is not supported (adapter-node does not parse it): use X-Forwarded-For');
		return null;
	}
	if (!isXff) return { header, xffDepth: null };
	const depth = depthRaw === '' ? 1 : Number(depthRaw);
	if (!/^\d+$/.test(depthRaw || '1') || depth < 1 || depth > 10) {
		problems.push(`XFF_DEPTH must be the number of proxies in front of the app, from 1 to 10 (got "${depthRaw}")`);
	}
	return { header, xffDepth: depth };
}

let cached: Config | undefined;

/** The validated configuration of this process. */
export function config(): Config {
	cached ??= parseConfig(process.env);
	return cached;
}
