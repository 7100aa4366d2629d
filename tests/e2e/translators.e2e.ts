import { expect, test } from '@playwright/test';
import { consultationPath, expectNoAxeViolations, logIn, newParticipant, openPage, smallPhone } from './helpers';

/*
 * People who translate (issue 12): an administrator gives a participant the translator badge for Dutch,
 * and the translator translates a comment written in French from the queue, on a small phone with
 * JavaScript off; a translation three times too long is refused and what they typed stays. Then the
 * queue and the form pass axe in Dutch and in Arabic.
 */
test('a translator translates a French comment into Dutch from the queue, without JavaScript, at 360 px', async ({
	browser,
	baseURL
}) => {
	const suffix = Date.now().toString(36).slice(-6);
	const translatorName = `Vertaler ${suffix}`;
	const body = `Les interprètes doivent être gratuits pour tout le monde, ${suffix}.`;

	const writer = await newParticipant(browser, baseURL!, `Auteur ${suffix}`, 'fr', false);
	await writer.page.goto(`${consultationPath}/46`);
	await writer.page.locator('#comment-body').fill(body);
	await writer.page.locator('form.comment-form button[type="submit"]').first().click();
	await expect(writer.page.locator('main')).toContainText(body);
	await writer.context.close();

	const translator = await newParticipant(browser, baseURL!, translatorName, 'nl', false);
	const admin = await openPage(browser, baseURL!, { javaScriptEnabled: false, as: 'demo-beheerder' });
	await admin.page.goto(`/admin/users?q=${encodeURIComponent(translatorName)}`);
	const row = admin.page.locator('.users li', { hasText: translatorName });
	await row.locator('form.translator input[value="nl"]').check();
	await row.getByRole('button', { name: /Talen opslaan/ }).click();
	await expect(
		admin.page.locator('.users li', { hasText: translatorName }).locator('.badge', { hasText: 'vertaler' })
	).toHaveCount(1);
	await admin.context.close();

	const page = translator.page;
	await page.goto('/');
	await page.locator('.main-nav a', { hasText: 'Vertalen' }).click();
	await expect(page.locator('h1')).toHaveText('Vertalen');
	await page.locator('#from').selectOption('fr');
	await page.locator('#into').selectOption('nl');
	await page.getByRole('button', { name: 'Toon' }).click();
	const item = page.locator('.queue li', { hasText: suffix });
	await expect(item).toContainText('het team moet dit lezen');
	await item.locator('a.button').click();
	await expect(page.locator('h1')).toContainText('Vertalen naar het');
	await expect(page.locator('main')).toContainText(body);

	const tooLong = Array(60).fill('Tolken').join(' ');
	await page.locator('#text').fill(tooLong);
	await page.getByRole('button', { name: 'Mijn vertaling opslaan' }).click();
	await expect(page.locator('.error-summary')).toContainText('Je vertaling is te lang');
	await expect(page.locator('#text')).toHaveValue(tooLong);
	await page.locator('#text').fill(`Tolken moeten gratis zijn voor iedereen, ${suffix}.`);
	await page.getByRole('button', { name: 'Mijn vertaling opslaan' }).click();
	await expect(page.locator('[role="status"]')).toContainText('Je vertaling is opgeslagen');
	const formPath = new URL(page.url()).pathname;
	expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
	await translator.context.close();

	for (const lang of ['nl', 'ar']) {
		const { context, page: checked } = await openPage(browser, baseURL!, { viewport: smallPhone, lang });
		await logIn(checked, translatorName, 'een lange zin hier');
		for (const path of ['/translate', formPath]) {
			await checked.goto(path);
			await expectNoAxeViolations(checked);
			expect(await checked.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
		}
		await context.close();
	}
});
