import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startApp, type AppProcess } from './app-process';
import { createTestDatabase } from './database.mjs';
import { readMailbox, startMailbox } from './mailbox.mjs';

/*
 * Several app servers, proven (issue 16): two built app processes on ONE database, each on its own Unix
 * socket, as two servers behind one load balancer (which writes X-Forwarded-For). They must behave as
 * one: the rate limits are shared, a vote made on one is seen on the other, and a mail is sent once.
 * On PostgreSQL (TEST_DATABASE_URL) and on SQLite, where both processes open the same file. Both get the
 * same RATE_LIMIT_SECRET from createTestDatabase, as servers of one deployment do.
 */

const origin = 'http://samenspraak.two.test';
// A mailbox of this file's own, next to the one of the e2e server on E2E_PORT.
const mailPort = Number(process.env.E2E_PORT ?? 4173) + 50;
const apps: AppProcess[] = [];
let dir: string;
let cleanup: () => Promise<void>;
let mailbox: ReturnType<typeof startMailbox>;

/** One request to server 0 (A) or 1 (B), as the load balancer passes it on. */
async function send(
	server: 0 | 1,
	method: 'GET' | 'POST',
	path: string,
	options: { form?: Record<string, string>; cookie?: string; address?: string } = {}
) {
	const headers: Record<string, string> = {
		accept: 'text/html',
		'accept-language': 'nl',
		origin,
		// The load balancer writes the client's address; each test its own, from the documentation range.
		'x-forwarded-for': options.address ?? '192.0.2.200'
	};
	if (options.form) headers['content-type'] = 'application/x-www-form-urlencoded';
	if (options.cookie) headers.cookie = options.cookie;
	const body = options.form ? new URLSearchParams(options.form).toString() : '';
	const answer = await apps[server].send(method, path, { headers, body });
	return { ...answer, cookies: answer.headers['set-cookie'] ?? [] };
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
	test.setTimeout(120_000);
	dir = mkdtempSync(join(tmpdir(), 'samenspraak-two-'));
	mailbox = startMailbox(mailPort);
	const database = await createTestDatabase();
	cleanup = database.cleanup;
	const env = {
		...database.env,
		ORIGIN: origin,
		NODE_ENV: 'test',
		DEMO_DATA: 'auto',
		SMTP_URL: `smtp://127.0.0.1:${mailbox.port}`,
		MAIL_FROM: 'Samenspraak <noreply@samenspraak.test>',
		ADDRESS_HEADER: 'X-Forwarded-For',
		XFF_DEPTH: '1',
		LIMIT_SIGNUPS_PER_ADDRESS: '1',
		// Logged-out pages are shared for 2 s by default, per process; off here so a read shows the database.
		PAGE_CACHE_SECONDS: '0',
		// Each outbox looks for due mail every second, so the two race for every queued mail.
		OUTBOX_SECONDS: '1',
		LOG_REQUESTS: 'off'
	};
	// One after the other, as in a rolling start: the first migrates and loads the demo, the second finds
	// it done.
	apps.push(await startApp(dir, 'a', env));
	apps.push(await startApp(dir, 'b', env));
});

test.afterAll(async () => {
	for (const app of apps) await app.stop();
	mailbox?.server.close();
	await cleanup?.();
	rmSync(dir, { recursive: true, force: true });
});

const signUp = (server: 0 | 1, name: string, address: string, email = '') =>
	send(server, 'POST', '/join', {
		address,
		form: { displayName: name, password: 'een lange zin voor twee', email, inviteCode: '' }
	});

test('the rate limits are shared: a second sign-up from one address on the other server is refused', async () => {
	expect((await signUp(0, 'Eerste via A', '198.51.100.40')).status).toBe(303);
	// LIMIT_SIGNUPS_PER_ADDRESS=1: server B knows that this address already signed up on A.
	expect((await signUp(1, 'Tweede via B', '198.51.100.40')).status).toBe(429);
	expect((await signUp(0, 'Derde via A', '198.51.100.40')).status).toBe(429);
	// Another address still may, on either server.
	expect((await signUp(1, 'Vierde via B', '198.51.100.41')).status).toBe(303);
});

test('a vote made on one server is counted on the other', async () => {
	const thread = '/c/gekleurde-armoede/7';
	const total = async (server: 0 | 1) => {
		const page = await send(server, 'GET', thread);
		expect(page.status).toBe(200);
		const match = page.body.match(/([\d.\s\u00a0\u202f]+) (?:mensen stemden|persoon stemde)/);
		expect(match, 'the vote total on the thread page').not.toBeNull();
		return Number(match![1].replace(/\D/g, ''));
	};
	const before = await total(1);

	const login = await send(0, 'POST', '/login', {
		address: '198.51.100.42',
		form: { displayName: 'demo-bewoner', password: 'demo-samenspraak', redirectTo: '' }
	});
	expect(login.status).toBe(303);
	const cookie = login.cookies.map((c) => c.split(';')[0]).join('; ');
	expect(cookie).toContain('session=');
	const vote = await send(0, 'POST', `${thread}?/vote`, {
		cookie,
		address: '198.51.100.42',
		form: { choice: 'agree' }
	});
	expect(vote.status).toBe(303);

	expect(await total(1)).toBe(before + 1);
	// The session lives in the database too: server B knows who is logged in.
	const mine = await send(1, 'GET', thread, { cookie });
	expect(mine.body).toMatch(/value="agree"[^>]*aria-pressed="true"/);
});

/** The session cookie a sign-up or login answered with, to send back. */
const cookieOf = (answer: { cookies: string[] }) => answer.cookies.map((c) => c.split(';')[0]).join('; ');

test('a mail queued on one server goes out once, with both servers running their outbox', async () => {
	// A reply mail goes through the outbox (a password reset is sent at once): the author of a comment asks
	// for mail on server A; someone replies on server B, which queues the mail and kicks its own outbox,
	// while server A looks for due mail every second (OUTBOX_SECONDS=1). Only one of them may send it.
	// Two passes at the very same moment are proven in outbox.test.ts; here it is two real processes.
	const email = 'twee-servers@example.org';
	const address = '198.51.100.43';
	const author = cookieOf(await signUp(0, 'Schrijver via A', address));
	const profile = await send(0, 'POST', '/account?/profile', {
		cookie: author,
		address,
		form: { displayName: 'Schrijver via A', email, emailNotifications: '1', locale: 'nl', participantGroup: '' }
	});
	expect(profile.status).toBe(303);
	const thread = '/c/gekleurde-armoede/9';
	const comment = await send(0, 'POST', `${thread}?/comment`, {
		cookie: author,
		address,
		form: { body: 'Een gewone reactie om op te antwoorden.', language: 'nl', stance: '', parentId: '', token: 'twee-a' }
	});
	expect(comment.status).toBe(303);
	const commentId = comment.headers.location?.match(/comment-(\d+)/)?.[1];
	expect(commentId, `the comment's place in ${comment.headers.location}`).toBeTruthy();

	const replier = cookieOf(await signUp(1, 'Antwoord via B', '198.51.100.44'));
	const before = readMailbox(mailPort).length;
	const [reply] = await Promise.all([
		send(1, 'POST', `${thread}?/comment`, {
			cookie: replier,
			address: '198.51.100.44',
			form: {
				body: 'Een antwoord vanaf de andere server.',
				language: 'nl',
				stance: '',
				parentId: commentId!,
				token: 'twee-b'
			}
		}),
		send(0, 'GET', '/')
	]);
	expect(reply.status).toBe(303);
	await expect.poll(() => readMailbox(mailPort).length, { timeout: 15_000 }).toBe(before + 1);
	// Both outboxes have passed a few times since; count again.
	await new Promise((r) => setTimeout(r, 3000));
	const mails = readMailbox(mailPort).slice(before);
	expect(mails).toHaveLength(1);
	expect(mails[0]).toContain(`To: ${email}`);
});
