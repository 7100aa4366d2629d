import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startApp, type AppProcess } from './app-process';
import { createTestDatabase } from './database.mjs';

/*
 * Behind a reverse proxy every request comes from the proxy's address. This starts a second copy of the
 * built app as it would run behind one nginx (ADDRESS_HEADER=X-Forwarded-For, XFF_DEPTH=1), listening on
 * a Unix socket (so no port is taken), with one sign-up per address per hour, and plays the proxy: the
 * limits must count each real client on its own, and a client cannot escape them by writing its own
 * X-Forwarded-For.
 */

const origin = 'http://samenspraak.proxy.test';
let app: AppProcess;
let socketDir: string;
let cleanup: () => Promise<void>;

async function send(
	method: 'GET' | 'POST',
	path: string,
	headers: Record<string, string> = {},
	body = ''
): Promise<{ status: number; location?: string }> {
	const answer = await app.send(method, path, { headers: { accept: 'text/html', origin, ...headers }, body });
	return { status: answer.status, location: answer.headers.location };
}

/** Posts the sign-up form as the proxy would pass it on: with the X-Forwarded-For it built. */
const signUp = (name: string, forwardedFor: string) =>
	send(
		'POST',
		'/join',
		{ 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': forwardedFor },
		new URLSearchParams({ displayName: name, password: 'een lange zin', email: '', inviteCode: '' }).toString()
	);

test.beforeAll(async () => {
	test.setTimeout(90_000);
	socketDir = mkdtempSync(join(tmpdir(), 'samenspraak-proxy-'));
	const database = await createTestDatabase();
	cleanup = database.cleanup;
	app = await startApp(socketDir, 'proxy', {
		...database.env,
		ORIGIN: origin,
		NODE_ENV: 'test',
		DEMO_DATA: 'off',
		SMTP_URL: '',
		ADDRESS_HEADER: 'X-Forwarded-For',
		XFF_DEPTH: '1',
		LIMIT_SIGNUPS_PER_ADDRESS: '1'
	});
});

test.afterAll(async () => {
	await app?.stop();
	await cleanup?.();
	rmSync(socketDir, { recursive: true, force: true });
});

test('behind a proxy, the sign-up limit counts each real client on its own, and a forged header does not help', async () => {
	const run = Date.now().toString(36).slice(-5);
	// Client A signs up once; a second account from A is refused (one an hour here).
	expect((await signUp(`Klant A ${run}`, '203.0.113.1')).status).toBe(303);
	expect((await signUp(`Klant A2 ${run}`, '203.0.113.1')).status).toBe(429);
	// Client B, through the same proxy, is not affected by A.
	const b = await signUp(`Klant B ${run}`, '203.0.113.2');
	expect(b.status).toBe(303);
	expect(b.location).toBe('/account?welcome=1');
	// A writes an address of its own into X-Forwarded-For; the proxy appends the real one, which counts.
	expect((await signUp(`Klant A3 ${run}`, '198.51.100.99, 203.0.113.1')).status).toBe(429);
	// IPv6 clients are told apart as well.
	expect((await signUp(`Klant C ${run}`, '2001:db8::c')).status).toBe(303);
});
