import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import {
	expect,
	test as base,
	type Browser,
	type BrowserContext,
	type BrowserContextOptions,
	type Page
} from '@playwright/test';

export const consultationPath = '/c/gekleurde-armoede';

/** The demo's translation into a language (written for the demo, see the seed), or null for Dutch. */
export function demoTranslation(locale: string): {
	consultation: { title: string; subtitle: string; purpose: string[] };
	themes: { numeral: string; title: string; shortTitle: string }[];
	recommendations: { number: number; shortTitle: string; plain: string[] }[];
	background: { slug: string; title: string; summary: string }[];
} | null {
	if (locale === 'nl') return null;
	return JSON.parse(readFileSync(`src/lib/server/seed/gekleurde-armoede/translations/${locale}.json`, 'utf8'));
}

/** The smallest screen the app is made for: a cheap phone in portrait. */
export const smallPhone = { width: 360, height: 740 };

/** Every page a visitor can reach today, for the accessibility and layout sweeps. */
export const allPages = [
	'/',
	consultationPath,
	`${consultationPath}/3`,
	`${consultationPath}/29`,
	`${consultationPath}/b`,
	`${consultationPath}/b/werkplaats-3`,
	`${consultationPath}/b/arm-in-arm`,
	`${consultationPath}/answers`,
	'/glossary',
	'/about',
	'/bestaat-niet'
];

function flattenValues(value: unknown, out: string[] = []): string[] {
	if (typeof value === 'string') out.push(value);
	else if (Array.isArray(value)) value.forEach((v) => flattenValues(v, out));
	else if (value && typeof value === 'object') Object.values(value).forEach((v) => flattenValues(v, out));
	return out;
}

/**
 * Fragments of Dutch interface text that would betray an untranslated string on a page in `locale`:
 * the static parts (between placeholders) of every nl value that the other locale translates differently.
 */
export function dutchInterfaceFragments(locale: string): string[] {
	const dir = 'src/lib/i18n/locales';
	const fragments = new Set<string>();
	for (const file of readdirSync(join(dir, 'nl'))) {
		const nl = flattenValues(JSON.parse(readFileSync(join(dir, 'nl', file), 'utf8')));
		const other = new Set(flattenValues(JSON.parse(readFileSync(join(dir, locale, file), 'utf8'))));
		for (const value of nl) {
			if (other.has(value)) continue;
			for (const part of value.split(/\{\{[^}]+\}\}/)) {
				const trimmed = part.trim();
				if (trimmed.length >= 8) fragments.add(trimmed);
			}
		}
	}
	return [...fragments];
}

/** The page's visible text, minus content marked as Dutch (the report itself stays Dutch for now). */
export async function interfaceText(page: Page): Promise<string> {
	return page.evaluate(() => {
		const clone = document.body.cloneNode(true) as HTMLElement;
		clone.querySelectorAll('[lang="nl"], script, style').forEach((el) => el.remove());
		return clone.textContent ?? '';
	});
}

export async function htmlLangDir(page: Page): Promise<{ lang: string | null; dir: string | null }> {
	return page.evaluate(() => ({
		lang: document.documentElement.getAttribute('lang'),
		dir: document.documentElement.getAttribute('dir')
	}));
}

export const DEMO_PASSWORD = 'demo-samenspraak';

/**
 * Logs in through the form, as a person would, and waits for the page they land on: without a redirect
 * target that depends on their role (landingFor), so it only waits to leave the login page. Returns that path.
 */
export async function logIn(page: Page, name: string, password = DEMO_PASSWORD): Promise<string> {
	await page.goto('/login');
	await page.locator('#login-name').fill(name);
	await page.locator('#login-password').fill(password);
	await page.locator('main button[type="submit"]').click();
	await page.waitForURL((url) => url.pathname !== '/login');
	return new URL(page.url()).pathname;
}

/** axe-core finds no WCAG 2.2 A or AA violation on the page as it is now (JavaScript must be on). */
export async function expectNoAxeViolations(page: Page): Promise<void> {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'])
		.analyze();
	expect(
		results.violations.map((v) => `${page.url()} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
	).toEqual([]);
}

/**
 * A new participant, signed up through the join form in their language, on a phone-sized screen, with
 * or without JavaScript. Give each a fresh name: names are unique.
 */
export async function newParticipant(
	browser: Browser,
	baseURL: string,
	name: string,
	locale = 'nl',
	javaScriptEnabled = true
) {
	const { context, page } = await openPage(browser, baseURL, {
		javaScriptEnabled,
		viewport: smallPhone
	});
	await signUp(page, name, locale);
	return { context, page };
}

/**
 * Signs up on `page` through the join form in this language, without an invite, and waits for the
 * welcome on the consultation. Give each a fresh name: names are unique.
 */
export async function signUp(page: Page, name: string, locale = 'nl', password = 'een lange zin hier') {
	await page.goto(`/join?lang=${locale}`);
	await page.locator('#join-name').fill(name);
	await page.locator('#join-password').fill(password);
	await page.locator('main button[type="submit"]').click();
	await expect(page).toHaveURL(/\/c\/gekleurde-armoede\?welcome=1$/);
}

/** How a page is opened: the browser context's options, the interface language and who is logged in. */
export type PageOptions = BrowserContextOptions & { as?: string; lang?: string };

/**
 * A fresh browser context and page on the app, with these options; with the interface language chosen
 * (the `lang` cookie the language menu sets) when `lang` names one, and logged in through the form when
 * `as` names a demo account.
 */
export async function openPage(browser: Browser, baseURL: string, options: PageOptions = {}) {
	const { as, lang, ...contextOptions } = options;
	const context = await browser.newContext({ baseURL, ...contextOptions });
	if (lang) await context.addCookies([{ name: 'lang', value: lang, url: baseURL }]);
	const page = await context.newPage();
	if (as) await logIn(page, as);
	return { context, page };
}

/**
 * Playwright's test with one more fixture, `pageWith`: it opens a fresh page with these options (see
 * openPage), as on a phone with JavaScript on or off, logged in or not, and closes every context it
 * opened when the test ends, passed or failed:
 * `test(title, async ({ pageWith }) => { const page = await pageWith({ javaScriptEnabled: false }); … })`.
 * A failure is reported at the test's own line.
 */
export const test = base.extend<{ pageWith: (options?: PageOptions) => Promise<Page> }>({
	pageWith: async ({ browser, baseURL }, use) => {
		const contexts: BrowserContext[] = [];
		await use(async (options = {}) => {
			const { context, page } = await openPage(browser, baseURL!, options);
			contexts.push(context);
			return page;
		});
		await Promise.all(contexts.map((context) => context.close()));
	}
});

/**
 * Downloads one format through the dashboard's export form on `page` (policy staff, with downloads
 * accepted): the file's suggested name, the path of the link it came from, and its bytes.
 */
export async function downloadExport(
	page: Page,
	format: string
): Promise<{ name: string; path: string; body: Buffer }> {
	await page.locator(`#export input[value="${format}"]`).check();
	const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export form button').click()]);
	return {
		name: download.suggestedFilename(),
		path: new URL(download.url()).pathname,
		body: Buffer.concat(await (await download.createReadStream()).toArray())
	};
}

/** The bytes of one format downloaded through the dashboard's export form (see downloadExport). */
export async function exportBody(page: Page, format: string): Promise<Buffer> {
	return (await downloadExport(page, format)).body;
}
