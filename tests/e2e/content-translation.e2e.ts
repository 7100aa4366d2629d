import { expect, test, type Browser, type Page } from '@playwright/test';
import { arabicComment, engineMap, turkishComment } from './engine-fixtures.mjs';
import {
	consultationPath,
	demoTranslation,
	expectNoAxeViolations,
	newParticipant,
	openPage,
	smallPhone
} from './helpers';

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

const readers = [
	{ locale: 'tr', javaScriptEnabled: false, label: 'Samenspraak ekibi tarafından çevrildi' },
	{ locale: 'ar', javaScriptEnabled: true, label: 'ترجمه فريق Samenspraak' }
] as const;
for (const { locale, javaScriptEnabled, label } of readers)
	test(`a reader in ${locale} reads recommendation 19 in ${locale}, labelled, and opens the Dutch original (360 px, JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({
		browser,
		baseURL
	}) => {
		const { context, page } = await openPage(browser, baseURL!, { javaScriptEnabled, viewport: phone });
		await readsRecommendation19(page, locale);
		await expect(page.locator('section.plain details.translation-note summary')).toContainText(label);
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

/*
 * Other people's comments cross the language barrier. A comment written in another language than the
 * consultation's is translated into it by the machine (here a LibreTranslate look-alike, see
 * engine-fixtures.mjs) as soon as it is published, so readers and staff who read Dutch can read it; a
 * translator checks the machine translation and the label changes; a moderator's queue shows the Dutch.
 */

async function postComment(page: Page, path: string, text: string, language: string): Promise<number> {
	await page.goto(path);
	await page.locator('#comment-body').fill(text);
	await page.locator('#comment-language').selectOption(language);
	await page.locator('#comment-form button[type="submit"]').click();
	const item = page.locator('.comment', { hasText: text }).first();
	await expect(item).toBeVisible();
	return Number((await item.getAttribute('id'))!.replace('comment-', ''));
}

/**
 * Loads the thread again until the comment's translation note says `label`: the background pass runs
 * within seconds, and logged-out readers share a page for up to 2 seconds (the micro-cache).
 */
async function untilLabelled(page: Page, path: string, id: number, label: string) {
	await expect(async () => {
		await page.goto(path);
		await expect(page.locator(`#comment-${id} details.translation-note summary`)).toContainText(label, {
			timeout: 500
		});
	}).toPass({ timeout: 20_000 });
}

/** An administrator gives a new participant the translator badge for one language. */
async function newTranslator(browser: Browser, baseURL: string, name: string, language: string) {
	const translator = await newParticipant(browser, baseURL, name, 'nl', false);
	const admin = await openPage(browser, baseURL, { javaScriptEnabled: false, as: 'demo-beheerder' });
	await admin.page.goto(`/admin/users?q=${encodeURIComponent(name)}`);
	const row = admin.page.locator('.users li', { hasText: name });
	await row.locator(`form.translator input[value="${language}"]`).check();
	await row.locator('form.translator button').click();
	await expect(
		admin.page.locator('.users li', { hasText: name }).locator('.badge', { hasText: 'vertaler' })
	).toHaveCount(1);
	await admin.context.close();
	return translator;
}

/** The translator opens the machine translation of a comment and confirms it is right. */
async function checkTranslation(translator: { page: Page }, id: number, language: string) {
	await translator.page.goto(`/translate/comment/${id}/body/${language}`);
	await translator.page.locator('button[name="check"][value="1"]').click();
	await expect(translator.page.locator('[role="status"]')).toContainText('nagekeken door een persoon');
}

/** A moderator's queue shows the reported comment in Dutch, next to its original; axe finds nothing there in nl and ar. */
async function moderatorSeesDutch(browser: Browser, baseURL: string, dutch: string) {
	const { context, page } = await openPage(browser, baseURL, { as: 'demo-moderator' });
	await page.goto('/moderate?lang=nl');
	const item = page.locator('.beside', { hasText: dutch });
	await expect(item.locator('.in-language [lang="nl"]')).toContainText(dutch);
	await expect(item.locator('.in-language')).toContainText('Vertaald door een computer en nagekeken door een persoon');
	await expectNoAxeViolations(page);
	await page.goto('/moderate?lang=ar');
	await expect(page.locator('.beside .in-language [lang="nl"]', { hasText: dutch })).toBeVisible();
	await expectNoAxeViolations(page);
	await context.close();
}

/** A reader reports the comment (so it reaches the moderators' queue). */
async function report(page: Page, path: string, id: number) {
	await page.goto(`${path}?report=${id}#comment-${id}`);
	await page.locator(`#report-${id}-off_topic`).check();
	await page.locator(`#comment-${id} .report-box button`).click();
	await expect(page.locator(`#comment-${id}`)).toContainText(/Je hebt deze reactie gemeld|Een moderator bekijkt/);
}

test('an Arabic comment is translated by the engine for a Dutch reader, a translator checks it, the moderator reads Dutch (360 px, JavaScript off)', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	const path = `${consultationPath}/31`;
	const suffix = Date.now().toString(36).slice(-6);
	const dutch = engineMap[`nl:${arabicComment}`];

	const writer = await newParticipant(browser, baseURL!, `كاتبة ${suffix}`, 'ar', false);
	const id = await postComment(writer.page, path, arabicComment, 'ar');
	await writer.context.close();

	// A Dutch reader, not logged in, reads it in Dutch, labelled, with the Arabic one tap away.
	const reader = await openPage(browser, baseURL!, { javaScriptEnabled: false, viewport: phone, lang: 'nl' });
	await untilLabelled(reader.page, path, id, 'Vertaald door een computer. Nog niet nagekeken door een persoon.');
	const comment = reader.page.locator(`#comment-${id}`);
	await expect(comment.locator('p.body')).toHaveText(dutch);
	await expect(comment.locator('p.body')).toHaveAttribute('lang', 'nl');
	const note = comment.locator('details.translation-note');
	await note.locator('summary').click();
	await expect(note.locator('div[lang="ar"]')).toHaveText(arabicComment);
	await expect(note.locator('div[lang="ar"]')).toHaveAttribute('dir', 'rtl');
	expect(await reader.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);

	// A translator into Dutch checks the machine translation: the label changes.
	const translator = await newTranslator(browser, baseURL!, `Vertaler ${suffix}`, 'nl');
	await checkTranslation(translator, id, 'nl');
	await translator.context.close();
	await untilLabelled(reader.page, path, id, 'Vertaald door een computer en nagekeken door een persoon.');
	await reader.context.close();

	// Reported, it reaches the moderator, who reads it in Dutch next to the Arabic.
	const reporter = await newParticipant(browser, baseURL!, `Melder ${suffix}`, 'nl', false);
	await report(reporter.page, path, id);
	await reporter.context.close();
	await moderatorSeesDutch(browser, baseURL!, dutch);
});

test('an Arabic reader has a Turkish comment translated by computer, a translator checks it, the moderator reads Dutch (360 px, JavaScript on)', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	const path = `${consultationPath}/49`;
	const suffix = Date.now().toString(36).slice(-6);

	const writer = await newParticipant(browser, baseURL!, `Yazar ${suffix}`, 'tr');
	const id = await postComment(writer.page, path, turkishComment, 'tr');
	await writer.context.close();

	// An Arabic reader asks for a translation by computer, with JavaScript on: it is coming, then it is there.
	const reader = await newParticipant(browser, baseURL!, `قارئ ${suffix}`, 'ar');
	await reader.page.goto(`${path}#comment-${id}`);
	await reader.page.locator(`#comment-${id} form.translate-machine button`).click();
	await untilLabelled(reader.page, path, id, 'ترجمه حاسوب. لم يراجعه شخص بعد.');
	const comment = reader.page.locator(`#comment-${id}`);
	await expect(comment.locator('p.body')).toHaveText(engineMap[`ar:${turkishComment}`]);
	await expect(comment.locator('p.body')).toHaveAttribute('lang', 'ar');
	const note = comment.locator('details.translation-note');
	await note.locator('summary').click();
	await expect(note.locator('div[lang="tr"]')).toHaveText(turkishComment);
	await expectNoAxeViolations(reader.page);

	// A translator into Arabic checks it; the Arabic reader sees the new label.
	const translator = await newTranslator(browser, baseURL!, `مترجم ${suffix}`, 'ar');
	await checkTranslation(translator, id, 'ar');
	await translator.context.close();
	await untilLabelled(reader.page, path, id, 'ترجمه حاسوب وراجعه شخص.');
	await reader.context.close();

	// The comment was also translated into Dutch for staff when it was published; checked, then reported.
	const dutchTranslator = await newTranslator(browser, baseURL!, `Nakijker ${suffix}`, 'nl');
	await checkTranslation(dutchTranslator, id, 'nl');
	await dutchTranslator.context.close();
	const reporter = await newParticipant(browser, baseURL!, `Melder ${suffix}`, 'nl', false);
	await report(reporter.page, path, id);
	await reporter.context.close();
	await moderatorSeesDutch(browser, baseURL!, engineMap[`nl:${turkishComment}`]);
});
