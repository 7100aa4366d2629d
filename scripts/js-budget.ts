/*
 * npx tsx scripts/js-budget.ts: how much JavaScript the main pages load, on the built app (run
 * `npm run build` first). It starts the app as the end-to-end tests do (tests/e2e/server.mjs: demo data on a
 * throw-away SQLite file, or PostgreSQL with TEST_DATABASE_URL), opens each page in Chromium on a phone-sized
 * screen, logged out and logged in as demo-bewoner, and prints the script requests and their size with gzip
 * and brotli (scripts/js-weight.ts). `--files` lists every file too. JS_BUDGET_PORT moves it from port 4206.
 * Not a test: tests/e2e/js-budget.e2e.ts holds the budget. docs/benchmark.md records its figures.
 */
import { spawn } from 'node:child_process';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { scriptsLoadedBy, type ScriptWeight } from './js-weight';

const port = process.env.JS_BUDGET_PORT ?? '4206';
const baseURL = `http://localhost:${port}`;
const pages = [
	{ label: 'home page', path: '/' },
	{ label: 'consultation /c/gekleurde-armoede', path: '/c/gekleurde-armoede' },
	{ label: 'thread /c/gekleurde-armoede/21', path: '/c/gekleurde-armoede/21' }
];

const server = spawn(process.execPath, ['tests/e2e/server.mjs'], {
	env: { ...process.env, E2E_PORT: port },
	stdio: ['ignore', 'ignore', 'inherit']
});

async function waitForApp(): Promise<void> {
	for (let i = 0; i < 300; i++) {
		if (server.exitCode !== null) throw new Error('the app stopped before it answered');
		if (
			await fetch(`${baseURL}/health`).then(
				(r) => r.ok,
				() => false
			)
		)
			return;
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error('the app did not answer within a minute');
}

/** Each page in a fresh context (an empty cache, as on a first visit), logged out or as demo-bewoner. */
async function measure(browser: Browser, loggedIn: boolean): Promise<{ label: string; weight: ScriptWeight }[]> {
	const options = { baseURL, viewport: { width: 360, height: 740 }, locale: 'nl-BE' };
	let storageState: Awaited<ReturnType<BrowserContext['storageState']>> | undefined;
	if (loggedIn) {
		const context = await browser.newContext(options);
		const page = await context.newPage();
		await page.goto('/login');
		await page.locator('#login-name').fill('demo-bewoner');
		await page.locator('#login-password').fill('demo-samenspraak');
		// A participant lands on the open consultation (or the home page): anywhere but the login page.
		await Promise.all([
			page.waitForURL((url) => !url.pathname.startsWith('/login')),
			page.locator('main button[type="submit"]').click()
		]);
		storageState = await context.storageState();
		await context.close();
	}
	const results = [];
	for (const { label, path } of pages) {
		const context = await browser.newContext({ ...options, storageState });
		const weight = await scriptsLoadedBy(await context.newPage(), path);
		results.push({ label: `${label}, ${loggedIn ? 'logged in' : 'logged out'}`, weight });
		await context.close();
	}
	return results;
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

try {
	await waitForApp();
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking']
	});
	const rows = [...(await measure(browser, false)), ...(await measure(browser, true))];
	await browser.close();
	console.log('| page | script requests | gzip | brotli |\n| --- | --- | --- | --- |');
	for (const { label, weight } of rows) {
		console.log(`| ${label} | ${weight.requests} | ${kb(weight.gzip)} | ${kb(weight.brotli)} |`);
	}
	if (process.argv.includes('--files')) {
		for (const { label, weight } of rows) {
			console.log(`\n${label}:`);
			for (const f of weight.files) console.log(`  ${kb(f.gzip).padStart(9)}  ${f.path}`);
		}
	}
} finally {
	server.kill('SIGTERM');
}
