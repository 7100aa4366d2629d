import { expect, test, type Page } from '@playwright/test';
import { consultationPath, demoTranslation, expectNoAxeViolations, openPage, smallPhone } from './helpers';

/*
 * Issue 12, "every text in every language": what a reader came to read is shown in their language when a
 * current translation exists, labelled with where it came from, with the Dutch original one tap away,
 * also without JavaScript; lang and dir follow each text, not the page.
 */

const phone = smallPhone;

async function readsRecommendation19(page: Page, locale: 'tr' | 'ar') {
	const demo = demoTranslation(locale)!;
	const rec = demo.recommendations.find((r) => r.number === 19)!;
	await page.goto(`${consultationPath}/19?lang=${locale}`);

	// The title, in the reader's language and marked as such.
	const title = page.locator('h1 [lang]');
	await expect(title).toHaveText(rec.shortTitle);
	await expect(title).toHaveAttribute('lang', locale);
	await expect(title).toHaveAttribute('dir', locale === 'ar' ? 'rtl' : 'ltr');

	// The plain-language version, in the reader's language, with the label of where it came from.
	const plain = page.locator('section.plain');
	await expect(plain.locator(`p[lang="${locale}"]`).first()).toContainText(rec.plain[0].slice(0, 30));
	const note = plain.locator('details.translation-note');
	await expect(note.locator('summary')).toBeVisible();

	// The Dutch original is one tap away: closed at first, open after a tap, marked as Dutch.
	const original = note.locator('div[lang="nl"]');
	await expect(original).toBeHidden();
	await note.locator('summary').click();
	await expect(original).toBeVisible();
	await expect(original).toHaveAttribute('dir', 'ltr');

	// The official text stays Dutch and says so.
	await expect(page.locator('section.official blockquote p[lang="nl"]').first()).toBeVisible();
	// Nothing runs wider than the phone.
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
}

test('a Turkish reader reads recommendation 19 in Turkish, labelled, and opens the Dutch original (360 px, JavaScript off)', async ({
	browser,
	baseURL
}) => {
	const { context, page } = await openPage(browser, baseURL!, { javaScriptEnabled: false, viewport: phone });
	await readsRecommendation19(page, 'tr');
	await expect(page.locator('section.plain details.translation-note summary')).toContainText(
		'Samenspraak ekibi tarafından çevrildi'
	);
	await context.close();
});

test('an Arabic reader reads recommendation 19 in Arabic, labelled, and opens the Dutch original (360 px, JavaScript on)', async ({
	browser,
	baseURL
}) => {
	const { context, page } = await openPage(browser, baseURL!, { viewport: phone });
	await readsRecommendation19(page, 'ar');
	await expect(page.locator('section.plain details.translation-note summary')).toContainText('ترجمه فريق Samenspraak');
	await context.close();
});

test('the consultation page shows its title, purpose and theme titles in the reader language, and axe finds no violation in nl and ar', async ({
	browser,
	baseURL
}) => {
	const { context, page } = await openPage(browser, baseURL!, { viewport: phone });
	const arabic = demoTranslation('ar')!;
	await page.goto(`${consultationPath}?lang=ar`);
	await expect(page.locator('h1 [lang="ar"]')).toHaveText(arabic.consultation.title);
	await expect(page.locator(`#theme-i-heading [lang="ar"]`)).toHaveText(arabic.themes[0].title);
	for (const locale of ['nl', 'ar']) {
		for (const path of [consultationPath, `${consultationPath}/19`, `${consultationPath}/b/werkplaats-1`]) {
			await page.goto(`${path}?lang=${locale}`);
			// Open every original, so axe checks it too.
			for (const summary of await page.locator('details.translation-note summary').all()) await summary.click();
			await expectNoAxeViolations(page);
		}
	}
	await context.close();
});
