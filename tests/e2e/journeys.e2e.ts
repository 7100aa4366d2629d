import { expect } from '@playwright/test';
import {
	consultationPath,
	demoTranslation,
	dutchInterfaceFragments,
	htmlLangDir,
	interfaceText,
	openPage,
	test
} from './helpers';

const sentence = 'Inspraak of betrokkenheid wordt afgeremd als er veel jargon gebruikt wordt.';

for (const locale of ['nl', 'fr', 'ar'] as const) {
	for (const javaScriptEnabled of [true, false]) {
		test(`home → consultation → recommendation 3, in ${locale}, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, async ({
			browser,
			baseURL
		}) => {
			const { context, page } = await openPage(browser, baseURL!, { javaScriptEnabled });
			const foreign: string[] = [];
			page.on('request', (r) => {
				if (!r.url().startsWith(baseURL!) && !r.url().startsWith('data:')) foreign.push(r.url());
			});
			const dir = locale === 'ar' ? 'rtl' : 'ltr';

			// A flyer links straight to a language with ?lang=.
			await page.goto(`/?lang=${locale}`);
			expect(await htmlLangDir(page)).toEqual({ lang: locale, dir });

			await page.locator(`main a[href="${consultationPath}"]`).first().click();
			await expect(page).toHaveURL(consultationPath);
			// The title in the reader's language, from the demo's translations.
			await expect(page.locator('h1')).toHaveText(demoTranslation(locale)?.consultation.title ?? 'Gekleurde armoede');
			// The choice of language is remembered without ?lang= on the address.
			expect(await htmlLangDir(page)).toEqual({ lang: locale, dir });

			await page.locator(`a[href="${consultationPath}/3"]`).first().click();
			await expect(page).toHaveURL(`${consultationPath}/3`);
			await expect(page.locator('h1')).toContainText('3');
			await expect(page.locator('main')).toContainText(sentence);
			expect(await htmlLangDir(page)).toEqual({ lang: locale, dir });

			// The report's text is marked as Dutch when the interface is not.
			await expect(page.locator('blockquote p[lang="nl"]').first()).toBeVisible();

			if (locale !== 'nl') {
				const text = await interfaceText(page);
				const fragments = dutchInterfaceFragments(locale);
				expect(fragments.length).toBeGreaterThan(50);
				const leaked = fragments.filter((f) => text.includes(f));
				expect(leaked, 'Dutch interface text on a page in another language').toEqual([]);
			}
			expect(foreign, 'requests to third parties').toEqual([]);
			await context.close();
		});
	}
}

test('the previous/next links walk through the recommendations', async ({ page }) => {
	await page.goto(`${consultationPath}/1`);
	await expect(page.locator('a[rel="prev"]')).toHaveCount(0);
	await page.locator('a[rel="next"]').click();
	await expect(page).toHaveURL(`${consultationPath}/2`);
	await page.locator('a[rel="prev"]').click();
	await expect(page).toHaveURL(`${consultationPath}/1`);
	await page.goto(`${consultationPath}/60`);
	await expect(page.locator('a[rel="next"]')).toHaveCount(0);
});

test('a glossary term is explained in place without JavaScript, and described to screen readers', async ({
	pageWith
}) => {
	const page = await pageWith({ javaScriptEnabled: false });
	await page.goto(`${consultationPath}/29`);
	const term = page.locator('main a.term', { hasText: 'OCMW' }).first();
	const describedBy = await term.getAttribute('aria-describedby');
	expect(describedBy).toBeTruthy();
	const explanation = page.locator(`[id="${describedBy}"]`);
	await expect(explanation).not.toBeEmpty();
	await term.click();
	await expect(page).toHaveURL(/#term-ocmw$/);
	await expect(explanation).toBeInViewport();
});

test('the language menu switches language without JavaScript and names each language in itself', async ({
	pageWith
}) => {
	const page = await pageWith({ javaScriptEnabled: false });
	await page.goto('/glossary');
	const menu = page.locator('nav.languages');
	await expect(menu.locator('a[lang="ar"]')).toHaveText('العربية');
	await expect(menu.locator('a[lang="tr"]')).toHaveText('Türkçe');
	await menu.locator('a[lang="tr"]').click();
	await expect(page).toHaveURL(/\/glossary\?lang=tr$/);
	expect(await htmlLangDir(page)).toEqual({ lang: 'tr', dir: 'ltr' });
	await page.goto('/about');
	expect(await htmlLangDir(page)).toEqual({ lang: 'tr', dir: 'ltr' });
});

test('the browser language is used when nothing else is chosen', async ({ pageWith }) => {
	const page = await pageWith({ locale: 'ar-MA' });
	await page.goto('/');
	expect(await htmlLangDir(page)).toEqual({ lang: 'ar', dir: 'rtl' });
});
