import { describe, expect, it } from 'vitest';
import { SECTION_MAX } from './summaries/service';
import { bodyBytes, ConfigError, MIN_BODY_SIZE, parseConfig } from './config';

describe('parseConfig', () => {
	it('defaults to the SQLite file data/samenspraak.db with the demo on', () => {
		expect(parseConfig({})).toMatchObject({
			database: { dialect: 'sqlite', path: 'data/samenspraak.db' },
			demoData: true,
			mode: 'development',
			smtp: null
		});
	});

	it('uses PostgreSQL when DATABASE_URL is a postgres:// URL', () => {
		expect(parseConfig({ DATABASE_URL: 'postgres://u:p@db/x', DATABASE_POOL_SIZE: '4' }).database).toEqual({
			dialect: 'postgres',
			url: 'postgres://u:p@db/x',
			poolSize: 4
		});
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

	it('refuses a pool size that is not a sensible whole number', () => {
		expect(() => parseConfig({ DATABASE_URL: 'postgres://x/y', DATABASE_POOL_SIZE: '0' })).toThrow(
			/DATABASE_POOL_SIZE/
		);
		expect(() => parseConfig({ DATABASE_URL: 'postgres://x/y', DATABASE_POOL_SIZE: 'many' })).toThrow(
			/DATABASE_POOL_SIZE/
		);
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
});
