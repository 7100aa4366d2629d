import { readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
import { consultationPath, expectNoAxeViolations, logIn, openPage, test, type PageOptions } from './helpers';

/*
 * Messages that say whose side a problem is on, in the person's language: a comment far over its limit
 * comes back with its length and stays in the box; a form too large to be read at all (413) is "your
 * text is too long", not "something went wrong on our side"; a download link that
 * does not open is a translated page with its status, not a raw i18n key; the length message says
 * "at most 2000" and 2000 is accepted.
 */

const thread = `${consultationPath}/12`;
const common = (locale: string) =>
	JSON.parse(readFileSync(`src/lib/i18n/locales/${locale}/common.json`, 'utf8')).error as Record<string, string>;
const results = (locale: string) =>
	JSON.parse(readFileSync(`src/lib/i18n/locales/${locale}/results.json`, 'utf8')).error as Record<string, string>;
/** A comment far over the limit of 2000 characters, but under the BODY_SIZE_LIMIT npm start sets (11M). */
const huge = 'a'.repeat(600 * 1024);

/** How a participant opens the app: on a phone `width` px wide, with or without JavaScript. */
const participant = (javaScriptEnabled: boolean, width = 360): PageOptions => ({
	javaScriptEnabled,
	viewport: { width, height: 740 },
	as: 'demo-bewoner'
});

/** On a thread's page, in `locale`, types `body` into the comment box. */
async function typing(page: Page, body: string, locale = 'nl') {
	await page.goto(`${thread}?lang=${locale}`);
	await page.locator('#comment-body').fill(body);
}

async function noSidewaysScroll(page: Page) {
	expect(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)).toBe(false);
}

for (const locale of ['nl', 'ar']) {
	test(`a comment of 600 KB comes back, in ${locale}, with its length and the limit, and stays in the box (JavaScript off, 360 px)`, async ({
		pageWith
	}) => {
		const page = await pageWith(participant(false));
		await typing(page, huge, locale);
		await page.locator('#comment-form button[type="submit"]').click();
		await expect(page.locator('html')).toHaveAttribute('lang', locale);
		const error = page.locator('#comment-body-error');
		await expect(error).toContainText(huge.length.toLocaleString(locale));
		await expect(error).toContainText((2000).toLocaleString(locale));
		await expect(page.locator('#comment-body')).toHaveValue(huge);
		await expect(page.locator('main')).not.toContainText(common(locale).unexpected);
		await noSidewaysScroll(page);
	});
}

test('a form larger than the server reads (over 11M) gets the translated "too long" page, not "our fault"', async ({
	pageWith
}) => {
	const page = await pageWith(participant(false));
	await page.goto(`${thread}?lang=nl`);
	// 12 MB sent with the participant's session, as a browser sends a form (typing it would take minutes).
	const response = await page.request.post(`${thread}?/comment`, {
		headers: { accept: 'text/html', origin: new URL(page.url()).origin },
		form: { body: 'a'.repeat(12 * 1024 * 1024), language: 'nl' }
	});
	expect(response.status()).toBe(413);
	const html = await response.text();
	const text = common('nl');
	expect(html).toContain(`<h1>${text.tooLargeTitle}</h1>`);
	expect(html).toContain(text.tooLargeBack);
	expect(html).not.toContain(text.unexpected);
});

test('with JavaScript, a comment far too large stays in the box with its length and the limit', async ({
	pageWith
}) => {
	const page = await pageWith(participant(true));
	await typing(page, huge);
	await page.locator('#comment-form button[type="submit"]').click();
	const error = page.locator('#comment-body-error');
	// 600 KB go to the server and come back in the form: 2.7 s on a quiet machine (measured 2026-12-02),
	// more than the default 5 s once when CI ran the suite on a loaded machine.
	await expect(error).toContainText('hoogstens 2.000 tekens', { timeout: 20_000 });
	await expect(error).toContainText(huge.length.toLocaleString('nl'));
	await expect(page.locator('#comment-body')).toHaveValue(huge);
	await expect(page.locator('main')).not.toContainText(common('nl').unexpected);
});

test('a comment of 2001 characters is refused with "at most 2000" and kept; 2000 are posted (JavaScript off)', async ({
	pageWith
}) => {
	const page = await pageWith(participant(false));
	const long = `Te lang ${'b'.repeat(1993)}`;
	expect(long).toHaveLength(2001);
	await typing(page, long);
	await page.locator('#comment-form button[type="submit"]').click();
	await expect(page.locator('#comment-body-error')).toHaveText(
		'Je reactie is te lang: 2.001 tekens. Maak ze korter: hoogstens 2.000 tekens.'
	);
	await expect(page.locator('#comment-body')).toHaveValue(long);
	await page.locator('#comment-body').fill(long.slice(0, 2000));
	await page.locator('#comment-form button[type="submit"]').click();
	await expect(page.locator('.comment', { hasText: long.slice(0, 40) }).first()).toBeVisible();
});

test('a download link opened by someone it is not for shows a translated page with its status, never a raw key', async ({
	browser,
	baseURL
}) => {
	const { context: staff, page: policy } = await openPage(browser, baseURL!, {
		acceptDownloads: true,
		as: 'demo-beleid'
	});
	await policy.goto(`${consultationPath}/dashboard`);
	await policy.locator('#export input[value="votes.csv"]').check();
	const [download] = await Promise.all([
		policy.waitForEvent('download'),
		policy.locator('#export form button').click()
	]);
	const link = new URL(download.url()).pathname;
	expect(link).toMatch(/^\/exports\/[a-z2-7]{32}$/);

	const cases: { who: string; locale: string; status: number; scripts?: boolean; open: () => Promise<Page> }[] = [
		{
			who: 'logged out',
			locale: 'nl',
			status: 401,
			open: async () => (await browser.newContext({ baseURL, javaScriptEnabled: false })).newPage()
		},
		{
			who: 'a participant',
			locale: 'ar',
			status: 403,
			open: async () => (await openPage(browser, baseURL!, participant(false))).page
		},
		{
			who: 'the same person in another browser',
			locale: 'fr',
			status: 403,
			scripts: true,
			open: async () => {
				const page = await (await browser.newContext({ baseURL })).newPage();
				await logIn(page, 'demo-beleid');
				return page;
			}
		}
	];
	for (const c of cases) {
		const page = await c.open();
		if (c.locale !== 'nl') await page.goto(`/?lang=${c.locale}`);
		const response = await page.goto(link);
		expect(response?.status(), c.who).toBe(c.status);
		await expect(page.locator('html')).toHaveAttribute('lang', c.locale);
		const main = page.locator('main');
		// The message up to its first number (the minutes come with their noun's plural form, issue 14).
		await expect(main, c.who).toContainText(
			results(c.locale)
				.link.split(/\{\{|\$t\(/)[0]
				.trim()
		);
		expect(await main.innerText(), c.who).not.toMatch(/[a-z]+:error\.|\{\{|\$t\(/);
		if (c.scripts) await expectNoAxeViolations(page);
		await page.context().close();
	}
	// An expired or made-up link: 404, in the owner's own session too.
	const response = await policy.goto('/exports/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa');
	expect(response?.status()).toBe(404);
	await expect(policy.locator('main')).toContainText(
		results('nl').link.replace('$t(common:unit.minutes, {"count": {{minutes}} })', '10 minuten')
	);
	// A program (no HTML asked for) still gets the status and the key as JSON.
	const api = await (await browser.newContext({ baseURL })).request.get(link);
	expect(api.status()).toBe(401);
	expect(await api.json()).toEqual({ message: 'common:error.loginRequired' });
	// "Download my data" while logged out: log in first, then the file follows.
	const anonymous = await (await browser.newContext({ baseURL })).newPage();
	await anonymous.goto('/account/data.json');
	await expect(anonymous).toHaveURL(/\/login\?redirectTo=%2Faccount%2Fdata\.json$/);
	await staff.close();
});
