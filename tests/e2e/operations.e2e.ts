import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request, type ClientRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { createTestDatabase } from './database.mjs';

/*
 * Operations: the built app as an operator runs it (on a Unix socket, so no port is taken).
 * - GET /health answers 200 with the database's state, for a load balancer.
 * - SIGTERM stops it gracefully: no new connections, the request under way still gets its answer,
 *   background work stops, the database closes, and the process ends by itself with exit code 0.
 */

const origin = 'http://samenspraak.ops.test';
let app: ChildProcess;
let dir: string;
let socketPath: string;
let output = '';
let cleanup: () => Promise<void>;

function get(path: string): Promise<{ status: number; body: string; cacheControl?: string }> {
	return new Promise((resolve, reject) => {
		const req = request({ socketPath, path, headers: { accept: 'application/json' } }, (res) => {
			let body = '';
			res.setEncoding('utf8');
			res.on('data', (chunk) => (body += chunk));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, body, cacheControl: res.headers['cache-control'] }));
		});
		req.on('error', reject);
		req.end();
	});
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
	test.setTimeout(90_000);
	dir = mkdtempSync(join(tmpdir(), 'samenspraak-ops-'));
	socketPath = join(dir, 'app.sock');
	const database = await createTestDatabase();
	cleanup = database.cleanup;
	app = spawn(process.execPath, ['build/index.js'], {
		env: { ...process.env, ...database.env, SOCKET_PATH: socketPath, ORIGIN: origin, NODE_ENV: 'test', SMTP_URL: '' },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	app.stdout!.on('data', (chunk) => (output += chunk));
	app.stderr!.on('data', (chunk) => (output += chunk));
	for (let i = 0; i < 300; i++) {
		if (existsSync(socketPath) && (await get('/health').catch(() => null))) return;
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error(`the app did not start:\n${output}`);
});

test.afterAll(async () => {
	if (app && app.exitCode === null) {
		app.kill('SIGKILL');
		await new Promise((r) => app.once('exit', r));
	}
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
				socketPath,
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

	const exited = new Promise<number | null>((resolve) => app.once('exit', (code) => resolve(code)));
	app.kill('SIGTERM');
	// New requests are no longer taken.
	await expect.poll(async () => (await get('/health').catch(() => 'refused')) === 'refused').toBe(true);

	sending.end(form.slice(10));
	const status = await answered;
	expect([303, 400, 429], 'the request under way got an answer, not a dropped connection').toContain(status);

	const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('still running'), 15_000))]);
	expect(code, output).toBe(0);
	expect(output).toContain('"what":"stopped"');
});
