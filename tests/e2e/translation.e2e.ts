import { expect, test } from '@playwright/test';
import { consultationPath, newParticipant } from './helpers';

/*
 * Components translate with the page's language from the root layout (Svelte context, see
 * $lib/i18n/context), not from a prop. When the page's data is loaded again in the browser in another
 * language, without a new page load, the components must follow the layout, not keep the old language.
 */
test('components follow a change of language that arrives without a page load', async ({ browser, baseURL }) => {
	const { context, page } = await newParticipant(browser, baseURL!, `Taal ${Date.now().toString(36).slice(-6)}`);
	// Wait until the page's scripts have loaded (and hydrated it): a click before that is a plain form
	// post and a full page load, which is not what this test is about.
	await page.goto(`${consultationPath}/44?lang=nl`, { waitUntil: 'networkidle' });
	const vote = page.locator('form[action="?/vote"]');
	await expect(vote.locator('legend')).toHaveText('Ben je akkoord met deze aanbeveling?');
	await expect(page.locator('label[for="comment-body"]')).toHaveText('Jouw reactie');
	await page.evaluate(() => Object.assign(window, { samePage: true }));

	// English is chosen elsewhere (another tab's language menu sets this cookie).
	await context.addCookies([{ name: 'lang', value: 'en', url: baseURL! }]);
	// A vote is an enhanced form: the page's data comes back, now in English, into the same page.
	await vote.locator('button.choice-agree').click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.locator('.main-nav a').first()).toHaveText('Consultations');
	await expect(vote.locator('legend')).toHaveText('Do you agree with this recommendation?');
	await expect(vote.locator('button.choice-agree .mine')).toHaveText('Your choice');
	await expect(page.locator('label[for="comment-body"]')).toHaveText('Your comment');
	expect(await page.evaluate(() => 'samePage' in window)).toBe(true);
	await context.close();
});
