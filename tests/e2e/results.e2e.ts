import { exportFormats } from '../../src/lib/domain';
import { expect, test } from '@playwright/test';
import { downloadExport, expectNoAxeViolations, openPage, smallPhone } from './helpers';

/*
 * Policy staff read the results and take them away: the dashboard with a filter, every export format
 * downloaded and opened, the print view. A participant gets 403 on the dashboard and on a download link.
 */

const dashboard = '/c/gekleurde-armoede/dashboard';

test('policy staff filter the dashboard by a group and download every format; a participant gets 403', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	const { context, page } = await openPage(browser, baseURL!, { acceptDownloads: true, as: 'demo-beleid' });
	await page.goto('/c/gekleurde-armoede');
	await page.getByRole('link', { name: 'Resultaten en bestanden' }).click();
	await expect(page).toHaveURL(new RegExp(`${dashboard}$`));
	await expect(page.locator('h1')).toHaveText('Resultaten');

	await page.locator('#f-group').selectOption('experience_expert');
	await page.locator('form.filters button').click();
	await expect(page).toHaveURL(/group=experience_expert/);
	await expect(page.locator('.notice[role="status"]')).toBeVisible();
	await expect(page.locator('#f-group')).toHaveValue('experience_expert');

	const formats = exportFormats;
	let someLink = '';
	for (const format of formats) {
		const { name, path, body } = await downloadExport(page, format);
		expect(name).toMatch(new RegExp(`^gekleurde-armoede-\\d{4}-\\d{2}-\\d{2}[-.]${format.replace('.', '\\.')}$`));
		if (format.endsWith('.csv')) expect(body.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
		else if (format === 'json') expect(JSON.parse(body.toString('utf8')).filters.group).toBe('experience_expert');
		// Word and Excel files are zip archives.
		else expect(body.subarray(0, 2).toString()).toBe('PK');
		someLink = path;
		// Back on the dashboard after each download.
		await expect(page).toHaveURL(/dashboard/);
	}
	expect(someLink).toMatch(/^\/exports\/[a-z2-7]{32}$/);
	// The same link again, in the same session: still works within ten minutes.
	expect((await page.request.get(someLink)).status()).toBe(200);

	// A participant: 403 on the dashboard, the print view, and the link made in the policy session.
	const { context: other, page: participant } = await openPage(browser, baseURL!, { as: 'demo-bewoner' });
	expect((await participant.goto(dashboard))?.status()).toBe(403);
	expect((await participant.goto(`${dashboard}/report`))?.status()).toBe(403);
	expect((await participant.request.get(someLink)).status()).toBe(403);
	const post = await participant.request.post(`${dashboard}?/export`, {
		headers: { origin: baseURL!, accept: 'application/json' },
		form: { format: 'comments.csv' }
	});
	expect(await post.text()).toContain('403');
	// Not logged in at all: 401.
	expect((await (await browser.newContext({ baseURL })).request.get(someLink)).status()).toBe(401);
	await other.close();
	await context.close();
});

for (const locale of ['nl', 'ar']) {
	test(`axe finds no violation on the dashboard and the print view in ${locale}, at 360 px`, async ({
		browser,
		baseURL
	}) => {
		const { context, page } = await openPage(browser, baseURL!, {
			viewport: smallPhone,
			as: 'demo-beleid'
		});
		// Some participation, so the charts and their tables are drawn and checked too.
		await page.goto('/c/gekleurde-armoede/12');
		await page.locator('#vote button[value="agree"]').click();
		await expect(page.locator('#vote button[value="agree"]')).toHaveAttribute('aria-pressed', 'true');
		await page.locator('#comment-body').fill(`Een reactie om de grafieken te vullen (${locale})`);
		await page.locator('#comment-form button[type="submit"]').click();
		await expect(page.locator('.comment', { hasText: 'grafieken te vullen' }).first()).toBeVisible();
		for (const path of [dashboard, `${dashboard}/report`]) {
			await page.goto(`${path}?lang=${locale}`);
			await expect(page.locator('html')).toHaveAttribute('lang', locale);
			await page.evaluate(() =>
				document.querySelectorAll<HTMLDetailsElement>('main details').forEach((d) => (d.open = true))
			);
			if (path === dashboard) await expect(page.locator('svg.chart').first()).toBeVisible();
			await expectNoAxeViolations(page);
			const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
			expect(overflow, `${path} scrolls sideways`).toBe(false);
		}
		await context.close();
	});
}
