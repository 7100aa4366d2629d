import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { generateSessionToken, hashToken } from '../../src/lib/server/auth/tokens';
import { createDb, type DB } from '../../src/lib/server/db/create';
import { startApp, type AppProcess } from './app-process';
import { createTestDatabase } from './database.mjs';

/*
 * One worker per core (issue 16): `npm start` (scripts/start.mjs) with WORKERS=2, both workers on ONE
 * database, as on a 2-core machine. Many people vote at once; the workers share the writes, and on
 * SQLite, where both write to one file, nobody may get an error (SQLITE_BUSY) for it: every vote is a
 * 303 and every vote is counted. A worker that dies is replaced, and SIGTERM stops them all. On SQLite,
 * and on PostgreSQL with TEST_DATABASE_URL.
 */

const origin = 'http://samenspraak.workers.test';
const PEOPLE = 40;
const THREADS = [3, 4, 5];
let app: AppProcess;
let db: DB;
let dir: string;
let cleanup: () => Promise<void>;
const cookies: string[] = [];
const userIds: number[] = [];

const vote = (cookie: string, number: number, choice: string) =>
	app.send('POST', `/c/gekleurde-armoede/${number}?/vote`, {
		headers: { accept: 'text/html', origin, cookie, 'content-type': 'application/x-www-form-urlencoded' },
		body: `choice=${choice}`
	});

/** The process ids of the workers: the children of the primary, as Linux lists them. */
function workerPids(): number[] {
	const pid = app.process.pid!;
	try {
		return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
	} catch {
		return [];
	}
}

test.describe.configure({ mode: 'serial', timeout: 120_000 });

test.beforeAll(async () => {
	const database = await createTestDatabase();
	cleanup = database.cleanup;
	dir = mkdtempSync(join(tmpdir(), 'samenspraak-workers-'));
	app = await startApp(
		dir,
		'workers',
		{
			...database.env,
			WORKERS: '2',
			ORIGIN: origin,
			NODE_ENV: 'test',
			DEMO_DATA: 'auto',
			LIMIT_VOTES_PER_MINUTE: '10000',
			LOG_REQUESTS: 'off'
		},
		// Several workers share a port (on a Unix socket, start.mjs runs one process): one of this file's own.
		{ script: 'scripts/start.mjs', port: Number(process.env.E2E_PORT ?? 4173) + 60 }
	);
	// The second worker starts when the first listens: wait for both.
	await expect.poll(() => app.output().match(/Listening on/g)?.length ?? 0, { timeout: 30_000 }).toBe(2);
	expect(app.output()).toContain('"workers":2');
	db = createDb(
		database.env.DATABASE_URL
			? { dialect: 'postgres', url: database.env.DATABASE_URL, poolSize: 2 }
			: { dialect: 'sqlite', path: database.env.SQLITE_PATH }
	);
	// PEOPLE participants, each logged in (a session made as the login makes one).
	const now = new Date().toISOString();
	const far = new Date(Date.now() + 86_400_000).toISOString();
	for (let i = 0; i < PEOPLE; i++) {
		const user = await db
			.insertInto('users')
			.values({ display_name: `Stemmer ${i}`, display_name_key: `stemmer${i}`, created_at: now, updated_at: now })
			.returning('id')
			.executeTakeFirstOrThrow();
		const token = generateSessionToken();
		await db
			.insertInto('sessions')
			.values({ id: hashToken(token), user_id: user.id, expires_at: far, created_at: now })
			.execute();
		userIds.push(user.id);
		cookies.push(`session=${token}`);
	}
});

test.afterAll(async () => {
	await app?.stop();
	await db?.destroy();
	await cleanup?.();
	rmSync(dir, { recursive: true, force: true });
});

test('two workers take many votes at once: every one a 303, every one counted, no SQLITE_BUSY', async () => {
	expect(workerPids()).toHaveLength(2);
	// Every person votes on three threads, then changes their mind on each: 240 posts, 40 at a time.
	for (const round of ['agree', 'disagree']) {
		const answers = await Promise.all(
			cookies.flatMap((cookie) => THREADS.map((number) => vote(cookie, number, round)))
		);
		expect(answers.map((a) => a.status)).toEqual(answers.map(() => 303));
	}
	const votes = await db.selectFrom('votes').select(['choice']).where('user_id', 'in', userIds).execute();
	expect(votes).toHaveLength(PEOPLE * THREADS.length);
	expect(votes.every((v) => v.choice === 'disagree')).toBe(true);
	expect(app.output()).not.toMatch(/SQLITE_BUSY|database is locked/);
	// The page shows them, from whichever worker answers.
	for (let i = 0; i < 4; i++) {
		const page = await app.send('GET', '/c/gekleurde-armoede/3', { headers: { cookie: cookies[i] } });
		expect(page.body).toMatch(/value="disagree"[^>]*aria-pressed="true"/);
	}
});

test('a worker that dies is replaced, and SIGTERM stops every worker', async () => {
	const [first, second] = workerPids();
	process.kill(first, 'SIGKILL');
	await expect.poll(() => workerPids().filter((pid) => pid !== first).length, { timeout: 30_000 }).toBe(2);
	await expect.poll(() => app.output().match(/Listening on/g)?.length ?? 0, { timeout: 30_000 }).toBe(3);
	expect(app.output()).toContain('a worker stopped; starting another');
	expect((await vote(cookies[0], 3, 'unsure')).status).toBe(303);

	const workers = workerPids();
	expect(workers).toContain(second);
	await app.stop('SIGTERM');
	expect(app.process.exitCode).toBe(0);
	for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow();
	expect(app.output().match(/"what":"stopped"/g)).toHaveLength(2);
});
