import { gzipSync } from 'node:zlib';
import { expect } from '@playwright/test';
import { allPages, consultationPath, expectNoAxeViolations, htmlLangDir, smallPhone, test } from './helpers';

test('all 60 recommendation pages answer 200, and number 61 answers 404', async ({ request }) => {
	for (let n = 1; n <= 60; n++) {
		const response = await request.get(`${consultationPath}/${n}`);
		expect(response.status(), `recommendation ${n}`).toBe(200);
		if (n === 3)
			expect(await response.text()).toContain(
				'Inspraak of betrokkenheid wordt afgeremd als er veel jargon gebruikt wordt.'
			);
	}
	expect((await request.get(`${consultationPath}/61`)).status()).toBe(404);
	expect((await request.get(`${consultationPath}/abc`)).status()).toBe(404);
});

test('a recommendation page weighs at most 30 KB gzip in all, with JavaScript off', async ({ pageWith }) => {
	const page = await pageWith({ javaScriptEnabled: false });
	const bodies: { url: string; bytes: number }[] = [];
	page.on('response', async (response) => {
		const body = await response.body().catch(() => Buffer.alloc(0));
		bodies.push({ url: response.url(), bytes: gzipSync(body, { level: 6 }).length });
	});
	await page.goto(`${consultationPath}/19`, { waitUntil: 'networkidle' });
	await page.waitForTimeout(300);
	const total = bodies.reduce((n, b) => n + b.bytes, 0);
	const list = bodies.map((b) => `${new URL(b.url).pathname} ${b.bytes} B`).join(', ');
	console.log(`recommendation page, JavaScript off: ${(total / 1024).toFixed(1)} KB gzip in all (${list})`);
	expect(total).toBeLessThanOrEqual(30 * 1024);
});

test('a page that does not exist gets a plain 404 in the chosen language', async ({ page }) => {
	const response = await page.goto('/c/gekleurde-armoede/99?lang=fr');
	expect(response?.status()).toBe(404);
	expect(await htmlLangDir(page)).toEqual({ lang: 'fr', dir: 'ltr' });
	await expect(page.locator('main')).not.toContainText('Error');
	await expect(page.locator('h1')).not.toBeEmpty();
});

for (const locale of ['nl', 'ar'] as const) {
	for (const path of allPages) {
		test(`${path} in ${locale}: no WCAG 2.2 A/AA violation, and it fits a 360 px screen`, async ({ pageWith }) => {
			const page = await pageWith({ viewport: smallPhone, lang: locale });
			await page.goto(path);
			expect(await htmlLangDir(page)).toEqual({ lang: locale, dir: locale === 'ar' ? 'rtl' : 'ltr' });

			await expectNoAxeViolations(page);

			const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
			expect(overflow, 'horizontal scrolling at 360 px').toBeLessThanOrEqual(0);
		});
	}
}

test('logged-out readers share a micro-cached page; the same page is rendered fresh for someone logged in', async ({
	playwright,
	baseURL
}) => {
	const anonymous = await playwright.request.newContext({ baseURL });
	await anonymous.get('/c/gekleurde-armoede/42');
	const second = await anonymous.get('/c/gekleurde-armoede/42');
	expect(second.headers()['x-page-cache']).toBe('hit');
	await anonymous.dispose();

	const member = await playwright.request.newContext({ baseURL });
	const login = await member.post('/login', {
		headers: { origin: baseURL!, accept: 'text/html' },
		form: { displayName: 'demo-bewoner', password: 'demo-samenspraak', redirectTo: '/account' },
		maxRedirects: 0
	});
	expect(login.status()).toBe(303);
	const mine = await member.get('/c/gekleurde-armoede/42');
	expect(mine.headers()['x-page-cache']).toBeUndefined();
	expect(await mine.text()).toContain('demo-bewoner');
	await member.dispose();
});
