// Starts the built app for end-to-end tests on a throw-away database: a fresh SQLite file, or, when
// TEST_DATABASE_URL names a PostgreSQL server, a fresh database on it that is dropped afterwards.
import { spawn } from 'node:child_process';
import { createTestDatabase } from './database.mjs';
import { startMailbox } from './mailbox.mjs';
import { engineMap } from './engine-fixtures.mjs';
import { startFakeEngine } from '../../src/lib/server/translations/machine/fake-engine.js';

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
	LIMIT_VOTES_PER_MINUTE: '1000',
	// One access line per request would bury the test output; src/lib/server/request-log.test.ts covers it.
	LOG_REQUESTS: 'off',
	// As npm start sets it (scripts/start.mjs): a report to import may be up to 10 MB.
	BODY_SIZE_LIMIT: '11M'
};
// Mail goes to a fake SMTP server next to the app, which the tests can read (see mailbox.mjs).
const mailbox = startMailbox(port);
env.SMTP_URL = `smtp://127.0.0.1:${mailbox.port}`;
env.MAIL_FROM = 'Samenspraak <noreply@samenspraak.test>';
// Machine translation goes to a LibreTranslate look-alike next to the app (see engine-fixtures.mjs).
const engine = await startFakeEngine({ map: engineMap });
env.TRANSLATE_URL = engine.url;
const database = await createTestDatabase();
Object.assign(env, database.env);
const cleanup = database.cleanup;
console.log(`[e2e] ${database.label}`);

const child = spawn(process.execPath, ['build/index.js'], { env, stdio: 'inherit' });
let stopping = false;
async function stop(code) {
	if (stopping) return;
	stopping = true;
	child.kill('SIGTERM');
	await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)));
	await cleanup().catch((e) => console.error('[e2e] cleanup failed', e));
	await engine.close();
	process.exit(code);
}
process.on('SIGTERM', () => stop(0));
process.on('SIGINT', () => stop(0));
child.on('exit', (code) => {
	if (!stopping) stop(code ?? 1);
});
