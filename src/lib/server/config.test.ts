import { describe, expect, it } from 'vitest';
import { SECTION_MAX } from './summaries/service';
import { bodyBytes, ConfigError, MIN_BODY_SIZE, parseConfig } from './config';

/** The problems parseConfig names for this environment; none when it is fine. */
const problems = (env: Record<string, string>) => {
	try {
		parseConfig(env);
		return [];
	} catch (e) {
		if (e instanceof ConfigError) return e.problems;
		throw e;
	}
};

describe('parseConfig', () => {
	it('defaults to the SQLite file data/samenspraak.db with the demo on', () => {
		expect(parseConfig({})).toMatchObject({
			database: { dialect: 'sqlite', path: 'data/samenspraak.db' },
			demoData: true,
			mode: 'development',
			smtp: null
		});
	});

	const secret = 'k'.repeat(32);

	it('uses PostgreSQL when DATABASE_URL is a postgres:// URL', () => {
		const c = parseConfig({ DATABASE_URL: 'postgres://u:p@db/x', DATABASE_POOL_SIZE: '4', RATE_LIMIT_SECRET: secret });
		expect(c.database).toEqual({ dialect: 'postgres', url: 'postgres://u:p@db/x', poolSize: 4 });
		expect(c.rateLimitSecret).toBe(secret);
	});

	it('requires RATE_LIMIT_SECRET with PostgreSQL (all servers share it), not with SQLite, and never a short one', () => {
		expect(problems({ DATABASE_URL: 'postgres://u:p@db/x' })).toEqual([
			expect.stringContaining('RATE_LIMIT_SECRET is required with DATABASE_URL')
		]);
		expect(parseConfig({}).rateLimitSecret).toBeNull();
		expect(parseConfig({ RATE_LIMIT_SECRET: secret }).rateLimitSecret).toBe(secret);
		expect(problems({ RATE_LIMIT_SECRET: 'short' })).toEqual([
			expect.stringContaining('RATE_LIMIT_SECRET must be at least 32 characters')
		]);
		// The secret never appears in a message.
		expect(problems({ RATE_LIMIT_SECRET: 'geheim-maar-te-kort' }).join()).not.toContain('geheim');
	});

	it('takes the SQLite path from SQLITE_PATH and turns the demo off with DEMO_DATA=off', () => {
		const c = parseConfig({ SQLITE_PATH: '/var/lib/s.db', DEMO_DATA: 'off', NODE_ENV: 'production' });
		expect(c).toMatchObject({
			database: { dialect: 'sqlite', path: '/var/lib/s.db' },
			demoData: false,
			mode: 'production'
		});
	});

	it('names every bad variable at once', () => {
		try {
			parseConfig({ DATABASE_URL: 'mysql://x', DEMO_DATA: 'yes', NODE_ENV: 'staging' });
			expect.unreachable();
		} catch (e) {
			expect(e).toBeInstanceOf(ConfigError);
			const problems = (e as ConfigError).problems.join('\n');
			expect(problems).toContain('DATABASE_URL');
			expect(problems).toContain('DEMO_DATA');
			expect(problems).toContain('NODE_ENV');
		}
	});

	it('reads SMTP settings and rate limits, and names bad ones', () => {
		const c = parseConfig({
			SMTP_URL: 'smtp://mail:25',
			MAIL_FROM: 'Samenspraak <noreply@example.org>',
			LIMIT_SIGNUPS_PER_ADDRESS: '3'
		});
		expect(c.smtp).toEqual({ url: 'smtp://mail:25', from: 'Samenspraak <noreply@example.org>' });
		expect(c.limits.signUpsPerAddress).toBe(3);
		expect(() => parseConfig({ SMTP_URL: 'http://x', MAIL_FROM: 'nobody' })).toThrow(/SMTP_URL[\s\S]*MAIL_FROM/);
		expect(() => parseConfig({ LIMIT_LOGINS_PER_ADDRESS: '-1' })).toThrow(/LIMIT_LOGINS_PER_ADDRESS/);
	});

	it('reads ORIGIN for links in mails, as the site address only, and names a bad one', () => {
		expect(parseConfig({}).origin).toBeNull();
		expect(parseConfig({ ORIGIN: 'https://samenspraak.example.org/' }).origin).toBe('https://samenspraak.example.org');
		expect(() => parseConfig({ ORIGIN: 'samenspraak.example.org' })).toThrow(/ORIGIN/);
		expect(() => parseConfig({ ORIGIN: 'ftp://samenspraak.example.org' })).toThrow(/ORIGIN/);
	});

	it('writes an access line per request unless LOG_REQUESTS=off, and names a bad value', () => {
		expect(parseConfig({}).logRequests).toBe(true);
		expect(parseConfig({ LOG_REQUESTS: 'off' }).logRequests).toBe(false);
		expect(problems({ LOG_REQUESTS: 'sometimes' }).join()).toContain('LOG_REQUESTS');
	});

	it('runs the outbox every OUTBOX_SECONDS (60 by default), and names a bad value', () => {
		expect(parseConfig({}).outboxSeconds).toBe(60);
		expect(parseConfig({ OUTBOX_SECONDS: '5' }).outboxSeconds).toBe(5);
		for (const bad of ['0', '1.5', 'often', '3601']) {
			expect(problems({ OUTBOX_SECONDS: bad }).join()).toContain('OUTBOX_SECONDS');
		}
	});

	it('refuses a pool size that is not a sensible whole number', () => {
		expect(() => parseConfig({ DATABASE_URL: 'postgres://x/y', DATABASE_POOL_SIZE: '0' })).toThrow(
			/DATABASE_POOL_SIZE/
		);
		expect(() => parseConfig({ DATABASE_URL: 'postgres://x/y', DATABASE_POOL_SIZE: 'many' })).toThrow(
			/DATABASE_POOL_SIZE/
		);
	});
	it('reads the login and invite limits, with their defaults', () => {
		expect(parseConfig({}).limits).toMatchObject({
			failedLoginsPerAccount: 20,
			failedLoginsPerAccountAddress: 10,
			signUpsPerInvitePerAddress: 100
		});
		const c = parseConfig({
			LIMIT_FAILED_LOGINS_PER_ACCOUNT_AND_ADDRESS: '5',
			LIMIT_SIGNUPS_PER_INVITE_PER_ADDRESS: '40'
		});
		expect(c.limits.failedLoginsPerAccountAddress).toBe(5);
		expect(c.limits.signUpsPerInvitePerAddress).toBe(40);
		expect(() => parseConfig({ LIMIT_FAILED_LOGINS_PER_ACCOUNT_AND_ADDRESS: '0' })).toThrow(
			/LIMIT_FAILED_LOGINS_PER_ACCOUNT_AND_ADDRESS/
		);
		expect(() => parseConfig({ LIMIT_SIGNUPS_PER_INVITE_PER_ADDRESS: 'many' })).toThrow(
			/LIMIT_SIGNUPS_PER_INVITE_PER_ADDRESS/
		);
	});

	describe('the client address behind a reverse proxy (ADDRESS_HEADER, XFF_DEPTH)', () => {
		it('reads the connection when neither is set', () => {
			expect(parseConfig({}).clientAddress).toBeNull();
			expect(parseConfig({ ADDRESS_HEADER: '' }).clientAddress).toBeNull();
		});

		it('takes X-Forwarded-For with a depth (1 when not given), or another header such as X-Real-IP', () => {
			expect(parseConfig({ ADDRESS_HEADER: 'X-Forwarded-For', XFF_DEPTH: '1' }).clientAddress).toEqual({
				header: 'X-Forwarded-For',
				xffDepth: 1
			});
			expect(parseConfig({ ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '2' }).clientAddress).toEqual({
				header: 'x-forwarded-for',
				xffDepth: 2
			});
			expect(parseConfig({ ADDRESS_HEADER: 'X-Forwarded-For' }).clientAddress?.xffDepth).toBe(1);
			expect(parseConfig({ ADDRESS_HEADER: 'X-Real-IP' }).clientAddress).toEqual({
				header: 'X-Real-IP',
				xffDepth: null
			});
		});

		it('names each bad value', () => {
			for (const depth of ['0', '-1', '1.5', 'one', '11', '1abc']) {
				const found = problems({ ADDRESS_HEADER: 'X-Forwarded-For', XFF_DEPTH: depth });
				expect(found, depth).toHaveLength(1);
				expect(found[0]).toContain('XFF_DEPTH');
				expect(found[0]).toContain(`"${depth}"`);
			}
			for (const header of ['X Forwarded For', ' X-Forwarded-For', 'X-Forwarded-For:', 'Forwarded', 'x-real-ip\n']) {
				const found = problems({ ADDRESS_HEADER: header });
				expect(found, header).toHaveLength(1);
				expect(found[0]).toContain('ADDRESS_HEADER');
			}
			expect(problems({ XFF_DEPTH: '1' })).toEqual([expect.stringMatching(/^XFF_DEPTH only applies/)]);
			expect(problems({ ADDRESS_HEADER: 'X-Real-IP', XFF_DEPTH: '2' })).toEqual([
				expect.stringMatching(/^XFF_DEPTH only applies/)
			]);
			// Named together with every other bad variable.
			const all = problems({ ADDRESS_HEADER: 'Forwarded', NODE_ENV: 'staging', LIMIT_SIGNUPS_PER_ADDRESS: '0' });
			expect(all.join('\n')).toMatch(/NODE_ENV[\s\S]*LIMIT_SIGNUPS_PER_ADDRESS[\s\S]*ADDRESS_HEADER/);
		});
	});

	it('refuses a BODY_SIZE_LIMIT below the largest form, read as adapter-node reads it', () => {
		expect(bodyBytes('512K')).toBe(512 * 1024);
		expect(bodyBytes('1m')).toBe(1024 * 1024);
		expect(bodyBytes('300000')).toBe(300000);
		expect(bodyBytes('Infinity')).toBe(Infinity);
		expect(() => parseConfig({ BODY_SIZE_LIMIT: '512K' })).not.toThrow();
		expect(() => parseConfig({ BODY_SIZE_LIMIT: 'Infinity' })).not.toThrow();
		for (const bad of ['64K', '100000', 'lots'])
			expect(() => parseConfig({ BODY_SIZE_LIMIT: bad })).toThrow(/BODY_SIZE_LIMIT/);
		// Three summary sections at their limit, each character sent as 12 bytes (%XX for 4 bytes of UTF-8).
		expect(3 * SECTION_MAX * 12).toBeLessThan(MIN_BODY_SIZE);
	});

	describe('machine translation (TRANSLATE_*)', () => {
		it('is off by default, and stays off without TRANSLATE_URL whatever the numbers say', () => {
			expect(parseConfig({}).translate).toBeNull();
			expect(parseConfig({ TRANSLATE_URL: '  ', TRANSLATE_DAILY_CHARACTERS: '5000' }).translate).toBeNull();
		});

		it('reads the server, its key and the limits, with their defaults', () => {
			expect(parseConfig({ TRANSLATE_URL: 'http://localhost:5000/' }).translate).toEqual({
				url: 'http://localhost:5000',
				apiKey: null,
				timeoutMs: 10_000,
				dailyCharacters: 200_000,
				asksPerPersonPerDay: 30
			});
			expect(
				parseConfig({
					TRANSLATE_URL: 'https://vertaal.example.org/lt',
					TRANSLATE_API_KEY: ' sleutel ',
					TRANSLATE_TIMEOUT_MS: '2500',
					TRANSLATE_DAILY_CHARACTERS: '50000',
					TRANSLATE_ASKS_PER_PERSON_PER_DAY: '5'
				}).translate
			).toEqual({
				url: 'https://vertaal.example.org/lt',
				apiKey: 'sleutel',
				timeoutMs: 2500,
				dailyCharacters: 50_000,
				asksPerPersonPerDay: 5
			});
		});

		it('names each bad value, even while the server is not set', () => {
			for (const url of ['localhost:5000', 'ftp://lt.example.org', 'http://lt?x=1', 'not a url'])
				expect(problems({ TRANSLATE_URL: url }), url).toEqual([
					expect.stringMatching(/^TRANSLATE_URL .*LibreTranslate/)
				]);
			expect(problems({ TRANSLATE_TIMEOUT_MS: '500' })).toEqual([expect.stringMatching(/^TRANSLATE_TIMEOUT_MS/)]);
			expect(problems({ TRANSLATE_DAILY_CHARACTERS: '1e6' })).toEqual([
				expect.stringMatching(/^TRANSLATE_DAILY_CHARACTERS .*"1e6"/)
			]);
			expect(problems({ TRANSLATE_ASKS_PER_PERSON_PER_DAY: '0' })).toEqual([
				expect.stringMatching(/^TRANSLATE_ASKS_PER_PERSON_PER_DAY/)
			]);
			expect(problems({ TRANSLATE_API_KEY: 'k' })).toEqual([
				expect.stringMatching(/^TRANSLATE_API_KEY .*TRANSLATE_URL/)
			]);
		});
	});
});
