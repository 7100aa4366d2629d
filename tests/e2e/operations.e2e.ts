import { mkdtempSync, rmSync } from 'node:fs';
import { request, type ClientRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startApp, type AppProcess } from './app-process';
import { createTestDatabase } from './database.mjs';

/*
 * Operations: the built app as an operator runs it (on a Unix socket, so no port is taken).
 * - GET /health answers 200 with the database's state, for a load balancer.
 * - SIGTERM stops it gracefully: no new connections, the request under way still gets its answer,
 *   background work stops, the database closes, and the process ends by itself with exit code 0.
 */

const origin = 'http://samenspraak.ops.test';
let app: AppProcess;
let dir: string;
let cleanup: () => Promise<void>;

const get = async (path: string) => {
	const answer = await app.send('GET', path, { headers: { accept: 'application/json' } });
	return { ...answer, cacheControl: answer.headers['cache-control'] };
};

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
	test.setTimeout(90_000);
	dir = mkdtempSync(join(tmpdir(), 'samenspraak-ops-'));
	const database = await createTestDatabase();
	cleanup = database.cleanup;
	app = await startApp(dir, 'ops', { ...database.env, ORIGIN: origin, NODE_ENV: 'test', SMTP_URL: '' });
});

test.afterAll(async () => {
	await app?.stop('SIGKILL');
	await cleanup?.();
	rmSync(dir, { recursive: true, force: true });
});

test('GET /health says the database answers, and is never cached', async () => {
	const health = await get('/health');
	expect(health.status).toBe(200);
	expect(health.cacheControl).toBe('no-store');
	const body = JSON.parse(health.body);
	expect(body.status).toBe('ok');
	expect(body.database.ok).toBe(true);
	expect(body.database.migration).toMatch(/^\d{4}-\d{2}-\d{2}-\d{3}-/);
});

test('SIGTERM: the request under way is answered, new ones are refused, and the process ends by itself', async () => {
	// A form whose body is still arriving when the stop comes.
	const form = new URLSearchParams({
		displayName: 'Laatste bezoeker',
		password: 'een lange zin',
		email: ''
	}).toString();
	let sending!: ClientRequest;
	const answered = new Promise<number>((resolve, reject) => {
		sending = request(
			{
				socketPath: app.socketPath,
				method: 'POST',
				path: '/join',
				headers: {
					origin,
					accept: 'text/html',
					'content-type': 'application/x-www-form-urlencoded',
					'content-length': Buffer.byteLength(form)
				}
			},
			(res) => {
				res.resume();
				res.on('end', () => resolve(res.statusCode ?? 0));
			}
		);
		sending.on('error', reject);
	});
	sending.write(form.slice(0, 10));
	await new Promise((r) => setTimeout(r, 300));

	const exited = new Promise<number | null>((resolve) => app.process.once('exit', (code) => resolve(code)));
	app.process.kill('SIGTERM');
	// New requests are no longer taken.
	await expect.poll(async () => (await get('/health').catch(() => 'refused')) === 'refused').toBe(true);

	sending.end(form.slice(10));
	const status = await answered;
	expect([303, 400, 429], 'the request under way got an answer, not a dropped connection').toContain(status);

	const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('still running'), 15_000))]);
	expect(code, app.output()).toBe(0);
	expect(app.output()).toContain('"what":"stopped"');
});
