// Starts the built app for end-to-end tests on a throw-away database: a fresh SQLite file, or, when
// TEST_DATABASE_URL names a PostgreSQL server, a fresh database on it that is dropped afterwards.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startMailbox } from './mailbox.mjs';

const port = process.env.E2E_PORT ?? '4173';
const env = {
	...process.env,
	PORT: port,
	HOST: 'localhost',
	ORIGIN: `http://localhost:${port}`,
	// "test" mode: demo accounts are created (they never are in production), and rate limits are raised
	// because every test signs up and logs in from the same address.
	NODE_ENV: 'test',
	DEMO_DATA: 'auto',
	LIMIT_SIGNUPS_PER_ADDRESS: '1000',
	LIMIT_LOGINS_PER_ADDRESS: '1000',
	LIMIT_RESETS_PER_ADDRESS: '1000',
	LIMIT_COMMENTS_PER_MINUTE: '1000',
	LIMIT_VOTES_PER_MINUTE: '1000'
};
// Mail goes to a fake SMTP server next to the app, which the tests can read (see mailbox.mjs).
const mailbox = startMailbox(port);
env.SMTP_URL = `smtp://127.0.0.1:${mailbox.port}`;
env.MAIL_FROM = 'Samenspraak <noreply@samenspraak.test>';
let cleanup = async () => {};

if (process.env.TEST_DATABASE_URL) {
	const name = `samenspraak_e2e_${process.pid}_${Date.now().toString(36)}`;
	const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
	await admin.connect();
	await admin.query(`create database ${name}`);
	await admin.end();
	const url = new URL(process.env.TEST_DATABASE_URL);
	url.pathname = `/${name}`;
	env.DATABASE_URL = url.toString();
	cleanup = async () => {
		const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
		await client.connect();
		await client.query(`drop database if exists ${name} with (force)`);
		await client.end();
	};
	console.log(`[e2e] PostgreSQL database ${name}`);
} else {
	const dir = mkdtempSync(join(tmpdir(), 'samenspraak-e2e-'));
	env.DATABASE_URL = '';
	env.SQLITE_PATH = join(dir, 'e2e.db');
	cleanup = async () => rmSync(dir, { recursive: true, force: true });
	console.log(`[e2e] SQLite file ${env.SQLITE_PATH}`);
}

const child = spawn(process.execPath, ['build/index.js'], { env, stdio: 'inherit' });
let stopping = false;
async function stop(code) {
	if (stopping) return;
	stopping = true;
	child.kill('SIGTERM');
	await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)));
	await cleanup().catch((e) => console.error('[e2e] cleanup failed', e));
	process.exit(code);
}
process.on('SIGTERM', () => stop(0));
process.on('SIGINT', () => stop(0));
child.on('exit', (code) => {
	if (!stopping) stop(code ?? 1);
});
