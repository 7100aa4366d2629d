import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO_PASSWORD, logIn, openPage } from './helpers';

/*
 * After logging in, /login?redirectTo=… brings people back to where they were, and only there: a target
 * that a browser would resolve to another site is ignored (the person lands where a login without one does), and no target gives a
 * server error. Nothing may leave the machine, so requests to the "other site" are aborted.
 */

/** A browser context that records (and aborts) every request for another host. */
async function context(browser: Browser, baseURL: string | undefined) {
	const ctx = await browser.newContext({ baseURL });
	const app = new URL(baseURL!).host;
	const elsewhere: string[] = [];
	await ctx.route(
		(url) => url.host !== app,
		(route) => {
			elsewhere.push(route.request().url());
			return route.abort();
		}
	);
	return { ctx, elsewhere };
}

/** The status of every page (document) the browser loaded, in order. */
function documentStatuses(page: Page): number[] {
	const statuses: number[] = [];
	page.on('response', (r) => {
		if (r.request().resourceType() === 'document' && r.frame() === page.mainFrame()) statuses.push(r.status());
	});
	return statuses;
}

async function logInVia(page: Page, loginUrl: string, name = 'demo-bewoner') {
	await page.goto(loginUrl);
	await page.locator('#login-name').fill(name);
	await page.locator('#login-password').fill(DEMO_PASSWORD);
	await page.locator('main button[type="submit"]').click();
	await page.waitForLoadState('load');
}

test('redirectTo=/%09/evil.example logs the person in and keeps them on this site', async ({ browser, baseURL }) => {
	const { ctx, elsewhere } = await context(browser, baseURL);
	const page = await ctx.newPage();
	const statuses = documentStatuses(page);
	await logInVia(page, '/login?redirectTo=/%09/evil.example');
	expect(elsewhere, 'the browser was sent to another site').toEqual([]);
	expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
	// An unsafe target is ignored: the participant lands where they would without one, the open consultation.
	await expect(page).toHaveURL(/\/c\/gekleurde-armoede$/);
	expect(statuses.every((s) => s < 500)).toBe(true);

	// Already logged in, the login page sends them on at once, whether it is opened by a link inside the
	// app (the client-side router follows the redirect, as the person's browser would) or typed.
	for (const target of ['/%09/evil.example', '/%5C/evil.example', '/.//evil.example', '/%0d/evil.example']) {
		await page.goto('/about');
		await page.evaluate((href) => {
			const link = document.createElement('a');
			link.href = href;
			link.textContent = 'terug';
			document.querySelector('main')!.append(link);
			link.click();
		}, `/login?redirectTo=${target}`);
		await page.waitForURL((url) => url.pathname !== '/about');
		await page.waitForLoadState('load');
		expect(elsewhere, target).toEqual([]);
		expect(new URL(page.url()).origin, target).toBe(new URL(baseURL!).origin);

		await page.goto(`/login?redirectTo=${target}`);
		expect(new URL(page.url()).origin, target).toBe(new URL(baseURL!).origin);
	}
	expect(elsewhere).toEqual([]);
	await ctx.close();
});

test('a newline or non-Latin letters in redirectTo give no server error, and a thread anchor survives', async ({
	browser,
	baseURL
}) => {
	const { ctx, elsewhere } = await context(browser, baseURL);
	const page = await ctx.newPage();
	const statuses = documentStatuses(page);

	await logInVia(page, '/login?redirectTo=/%0a/x');
	expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
	expect(statuses.filter((s) => s >= 500)).toEqual([]);

	// Logged in now: the login page redirects straight away.
	const nonLatin = `/c/gekleurde-armoede?q=${'مرحبا 路径'}#${'تعليق'}`;
	const response = await page.goto(`/login?redirectTo=${encodeURIComponent(nonLatin)}`);
	expect(response?.status()).toBe(200);
	expect(new URL(page.url()).pathname).toBe('/c/gekleurde-armoede');
	expect(new URL(page.url()).searchParams.get('q')).toBe('مرحبا 路径');
	expect(decodeURIComponent(new URL(page.url()).hash)).toBe('#تعليق');

	const unknownPage = await page.goto(`/login?redirectTo=${encodeURIComponent('/ünïcode/路径')}`);
	expect(unknownPage?.status()).toBe(404);
	expect(new URL(page.url()).pathname).toBe('/%C3%BCn%C3%AFcode/%E8%B7%AF%E5%BE%84');
	expect(statuses.filter((s) => s >= 500)).toEqual([]);
	expect(elsewhere).toEqual([]);
	await ctx.close();

	// What a thread builds for a logged-out person (anchor included) brings them back to that comment.
	const fresh = (await context(browser, baseURL)).ctx;
	const again = await fresh.newPage();
	await logInVia(again, `/login?redirectTo=${encodeURIComponent('/c/gekleurde-armoede/3?sort=new#comment-form')}`);
	expect(again.url()).toBe(`${new URL(baseURL!).origin}/c/gekleurde-armoede/3?sort=new#comment-form`);
	await fresh.close();
});

// Without a target, each role lands where they take part or work (the demo has one open consultation),
// with JavaScript off as well; a target still wins, and a logged-in visit to /login goes to the same place.
for (const [name, landing] of [
	['demo-bewoner', '/c/gekleurde-armoede'],
	['demo-beleid', '/c/gekleurde-armoede/dashboard'],
	['demo-moderator', '/moderate'],
	['demo-beheerder', '/admin']
]) {
	test(`${name} lands on ${landing} after logging in, and a redirectTo still wins`, async ({ browser, baseURL }) => {
		const { context, page } = await openPage(browser, baseURL!, { javaScriptEnabled: false });
		expect(await logIn(page, name)).toBe(landing);
		expect((await page.goto('/login'))?.status()).toBe(200);
		expect(new URL(page.url()).pathname).toBe(landing);
		await context.close();

		const other = await openPage(browser, baseURL!);
		await logInVia(other.page, '/login?redirectTo=/about', name);
		expect(new URL(other.page.url()).pathname).toBe('/about');
		await other.context.close();
	});
}
