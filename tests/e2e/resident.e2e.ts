import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { consultationPath, expectNoAxeViolations, htmlLangDir, openPage, smallPhone } from './helpers';

/*
 * The first minutes of a resident after scanning a QR card (issue 14), on a 360 px phone: sign up with
 * the association's code, land on the consultation with a word on where to start, open a thread.
 * Recommendation 21 is used by no other test (its neighbours 20 and 22 appear in its pager).
 */

const thread = `${consultationPath}/21`;
const shots = '/tmp/samenspraak-e2e-resident';
mkdirSync(shots, { recursive: true });
const suffix = () => Date.now().toString(36).slice(-5) + Math.random().toString(36).slice(2, 4);

/** Names of the group choice, as the join form shows them, per language (from the locale files). */
const groupLabel = { nl: 'Bewoner', tr: 'Burada yaşayan biri', ar: 'من السكان' } as const;

for (const locale of ['nl', 'tr', 'ar'] as const) {
	test(`sign-up journey and thread in ${locale} at 360 px: axe finds nothing, nothing is wider than the screen (screenshots in /tmp)`, async ({
		browser,
		baseURL
	}) => {
		const { context, page } = await openPage(browser, baseURL!, { viewport: smallPhone });
		const step = async (name: string) => {
			expect(await htmlLangDir(page)).toEqual({ lang: locale, dir: locale === 'ar' ? 'rtl' : 'ltr' });
			expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(
				0
			);
			await page.screenshot({ path: `${shots}/${locale}-${name}.png`, fullPage: true });
			await expectNoAxeViolations(page);
		};

		await page.goto(`/join?code=BRUGDEMO&lang=${locale}`);
		await expect(page.locator('main')).toContainText('Buurtwerk De Brug (demo)');
		await step('1-join');

		// A password that is too short: the form comes back with an error summary and keeps the rest.
		const name = `${locale === 'ar' ? 'سلمى' : 'Selma'} ${suffix()}`;
		await page.locator('#join-name').fill(name);
		await page.locator('#join-password').fill('kort');
		await page.getByLabel(groupLabel[locale]).check();
		await page.locator('main button[type="submit"]').click();
		await expect(page.locator('.error-summary')).toBeVisible();
		await expect(page.locator('#join-name')).toHaveValue(name);
		await expect(page.getByLabel(groupLabel[locale])).toBeChecked();
		await step('2-join-error');

		await page.locator('#join-password').fill('een lange zin voor hier');
		await page.locator('main button[type="submit"]').click();
		await expect(page).toHaveURL(/\/c\/gekleurde-armoede\?joined=de-brug-demo$/);
		const welcome = page.locator('.welcome');
		await expect(welcome).toContainText(name);
		await expect(welcome).toContainText('Buurtwerk De Brug (demo)');
		await step('3-welcome');

		await page.goto(thread);
		await step('4-thread');

		// The group chosen at sign-up is stored: the settings show it.
		await page.goto('/account');
		await expect(page.getByLabel(groupLabel[locale])).toBeChecked();
		await context.close();
	});
}

test('with JavaScript off, sign-up keeps what was typed on bad input, then lands on the consultation with what to do first', async ({
	browser,
	baseURL
}) => {
	const { context, page } = await openPage(browser, baseURL!, { viewport: smallPhone, javaScriptEnabled: false });
	await page.goto('/join?lang=nl');
	const name = `Zonder Script ${suffix()}`;
	await page.locator('#join-name').fill(name);
	await page.locator('#join-password').fill('een lange zin voor hier');
	await page.locator('#join-email').fill('geen-adres');
	await page.getByLabel('Ik werk in de sector').check();
	await page.locator('main button[type="submit"]').click();
	await expect(page.locator('#join-email-error')).toBeVisible();
	await expect(page.locator('#join-name')).toHaveValue(name);
	await expect(page.locator('#join-email')).toHaveValue('geen-adres');
	await expect(page.getByLabel('Ik werk in de sector')).toBeChecked();

	await page.locator('#join-email').fill('');
	await page.locator('#join-password').fill('een lange zin voor hier');
	await page.locator('main button[type="submit"]').click();
	await expect(page).toHaveURL(/\/c\/gekleurde-armoede\?welcome=1$/);
	await expect(page.locator('.welcome h2')).toContainText(name);
	await expect(page.locator('.welcome')).toContainText('Kies hieronder een aanbeveling');
	// The way on works without JavaScript: a link to the list of recommendations on this page.
	await page.locator('.welcome a[href="#themes-heading"]').click();
	await expect(page.locator('#themes-heading')).toBeInViewport();
	await context.close();
});

test('in Turkish, theme numerals stay Latin capitals (KONU III, never KONU İİİ)', async ({ browser, baseURL }) => {
	const { context, page } = await openPage(browser, baseURL!, { lang: 'tr' });
	await page.goto(consultationPath);
	// innerText is the text as shown, after text-transform.
	const labels = await page.locator('.theme .numeral').allInnerTexts();
	expect(labels.length).toBe(8);
	expect(labels).toContain('KONU III');
	expect(labels.join(' ')).not.toMatch(/[İı]/);
	await page.goto(`${consultationPath}/21`);
	expect(await page.locator('.crumbs li').nth(1).innerText()).toMatch(/^Konu [IVX]+$/);
	await context.close();
});

test('in Arabic, the thread pager shows "20. title" in the title’s own direction, never "title .20"', async ({
	browser,
	baseURL
}) => {
	const { context, page } = await openPage(browser, baseURL!, { lang: 'ar', viewport: smallPhone });
	await page.goto(thread);
	for (const rel of ['prev', 'next']) {
		const title = page.locator(`.pager a[rel="${rel}"] bdi`);
		await expect(title).toHaveText(rel === 'prev' ? /^20\. / : /^22\. /);
		// Where the number is drawn: at the start of the title as the title reads (left of a Dutch title,
		// right of an Arabic one), not on the other side of it, as bidi without isolation drew it.
		const { dir, lang, numberX, wordsX } = await title.evaluate((el) => {
			const text = el.firstChild!;
			const at = (start: number, end: number) => {
				const range = document.createRange();
				range.setStart(text, start);
				range.setEnd(text, end);
				return range.getBoundingClientRect().left;
			};
			return {
				dir: getComputedStyle(el).direction,
				lang: el.getAttribute('lang'),
				numberX: at(0, 2),
				wordsX: at(4, 6)
			};
		});
		expect(dir).toBe(lang === 'ar' ? 'rtl' : 'ltr');
		if (dir === 'ltr') expect(numberX).toBeLessThan(wordsX);
		else expect(numberX).toBeGreaterThan(wordsX);
	}
	await context.close();
});

/** Every visible control on the page smaller than 44 × 44 CSS pixels, except inline links in running text. */
async function smallTargets(page: Page) {
	return page.evaluate(() => {
		const out: string[] = [];
		const controls = document.querySelectorAll<HTMLElement>(
			'a[href], button, summary, input:not([type="hidden"]), select, textarea'
		);
		for (const el of controls) {
			// A radio button or check box is tapped through its label too: the label is its target.
			const target =
				el instanceof HTMLInputElement && (el.type === 'radio' || el.type === 'checkbox') && el.closest('label')
					? el.closest('label')!
					: el;
			const box = target.getBoundingClientRect();
			if (box.width === 0 && box.height === 0) continue; // not shown (a closed panel, visually hidden)
			if (getComputedStyle(target).visibility === 'hidden') continue;
			// WCAG 2.5.8's "inline" exception, the only one: a link inside a sentence of text (a link someone
			// wrote in a comment, a glossary word in the recommendation's text) is as tall as its line;
			// making it 44 px would pull the lines of the sentence apart.
			if (el.matches('.comment .body a, a.term')) continue;
			if (box.width < 44 - 0.5 || box.height < 44 - 0.5) {
				const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
				out.push(
					`${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).split(' ')[0] : ''} "${name}" ${Math.round(box.width)}×${Math.round(box.height)}`
				);
			}
		}
		return out;
	});
}

test('on the thread at 360 px, in Dutch and Arabic, every control a resident uses is at least 44 × 44 px', async ({
	browser,
	baseURL
}) => {
	// Someone else writes a comment, so the resident sees reply, report and helpful on it.
	const writer = await openPage(browser, baseURL!, { as: 'demo-ervaringsdeskundige', viewport: smallPhone });
	await writer.page.goto(thread);
	await writer.page.locator('#comment-body').fill(`Een buurthuis helpt echt ${suffix()}.`);
	await writer.page.locator('#comment-form button[type="submit"]').click();
	await expect(writer.page.locator('.comment').first()).toBeVisible();
	await writer.context.close();

	for (const lang of ['nl', 'ar']) {
		const { context, page } = await openPage(browser, baseURL!, { as: 'demo-bewoner', lang, viewport: smallPhone });
		await page.goto(thread);
		await expect(page.locator('.comment .reply-link').first()).toBeVisible();
		// The comment's writer is a demo account, and the page says so next to the name (README).
		await expect(page.locator('.comment header', { hasText: 'demo-ervaringsdeskundige' }).first()).toContainText(
			lang === 'nl' ? 'demo-account' : 'حساب تجريبي'
		);
		expect(await smallTargets(page), `${lang}: controls under 44 × 44 px`).toEqual([]);
		// Reply and "report to a moderator" are not side by side: at least 8 px apart.
		const reply = (await page.locator('.comment .reply-link').first().boundingBox())!;
		const report = (await page.locator('.comment .report-link').first().boundingBox())!;
		const gapX = Math.max(report.x - (reply.x + reply.width), reply.x - (report.x + report.width));
		const gapY = Math.max(report.y - (reply.y + reply.height), reply.y - (report.y + report.height));
		expect(Math.max(gapX, gapY), `${lang}: space between reply and report`).toBeGreaterThanOrEqual(8);
		// And the reply form, once open.
		await page.locator('.comment .reply-link').first().click();
		expect(await smallTargets(page), `${lang}: with the reply form open`).toEqual([]);
		await context.close();
	}
});
