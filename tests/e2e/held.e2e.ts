import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, newParticipant, openPage } from './helpers';

/*
 * Nothing personal goes public unseen (recommendation 47, used by no other test). On a phone, in Arabic,
 * with JavaScript off: an author posts a phone number, is warned, posts anyway and sees that the comment
 * waits for a moderator. Nobody else sees it. A moderator finds it at the top of the queue and publishes
 * an edited version without the number; the author is told.
 */

const thread = '/c/gekleurde-armoede/47';
const ar = (ns: string) => JSON.parse(readFileSync(`src/lib/i18n/locales/ar/${ns}.json`, 'utf8'));
const arThread = ar('thread');
const arModeration = ar('moderation');

test('a comment with a phone number waits for a moderator, who publishes an edited version (Arabic, no JavaScript)', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(90_000);
	const suffix = Date.now().toString(36).slice(-5);
	const author = await newParticipant(browser, baseURL!, `صاحب ${suffix}`, 'ar', false);
	const text = `اتصلوا بجارتي على 0470 12 34 56 فهي تعرف كل شيء ${suffix}`;

	// Warned first: the text is kept, and the page says what happens if it is posted anyway.
	await author.page.goto(thread);
	await author.page.locator('#comment-body').fill(text);
	await author.page.locator('#comment-form button[type="submit"]').click();
	await expect(author.page.locator('.error-summary')).toBeVisible();
	await expect(author.page.locator('#comment-body')).toHaveValue(text);
	await expect(author.page.locator('#comment-form')).toContainText(arThread.comment.personalHint);
	await author.page.locator('#comment-form button[name="confirmPersonal"]').click();

	// It waits: the author sees it with a plain notice, and how long waiting usually takes (or that we
	// cannot say yet).
	const mine = author.page.locator('.comment', { hasText: suffix }).first();
	await expect(mine).toBeVisible();
	const id = Number((await mine.getAttribute('id'))!.replace('comment-', ''));
	await expect(mine.locator('.held')).toContainText(arThread.comment.waitingForDetails);
	await expect(mine.locator('.held')).toContainText(
		new RegExp(`${arThread.wait.unknown}|${arThread.wait.typical.split('{{')[0].trim()}`)
	);
	expect(await author.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

	// Nobody else sees it, not even a trace of it.
	const reader = await newParticipant(browser, baseURL!, `Lezer ${suffix}`, 'nl', false);
	await reader.page.goto(thread);
	await expect(reader.page.locator(`#comment-${id}`)).toHaveCount(0);
	await expect(reader.page.locator('main')).not.toContainText('0470');

	// The moderator (no JavaScript either) finds it above everything that is not personal details.
	const { context: moderator, page: mod } = await openPage(browser, baseURL!, {
		javaScriptEnabled: false,
		as: 'demo-moderator'
	});
	await mod.goto('/moderate');
	const item = mod.locator(`#item-${id}`);
	await expect(item).toContainText('Wacht op goedkeuring');
	await expect(item).toContainText('een telefoonnummer');
	const order = await mod.locator('article.item').evaluateAll((items) =>
		items.map((el) => ({
			id: el.id,
			urgent: !!el.querySelector('.flag-personal') && /Wacht op goedkeuring/.test(el.textContent ?? '')
		}))
	);
	const at = order.findIndex((o) => o.id === `item-${id}`);
	expect(order.slice(0, at).every((o) => o.urgent)).toBe(true);

	// It publishes an edited version, without the number.
	await item.locator('summary', { hasText: 'Persoonlijke gegevens weghalen' }).click();
	await expect(item).toContainText('De reactie komt online met je nieuwe tekst.');
	const edited = `اتصلوا بجارتي فهي تعرف كل شيء ${suffix}`;
	await item.locator(`#redact-${id}-body`).fill(edited);
	await item.locator('form[action="?/redact"] button').click();
	await expect(mod.locator('.notice-success')).toContainText('De persoonlijke gegevens zijn weggehaald');
	await expect(mod.locator(`#item-${id}`)).toHaveCount(0);

	// Now everyone reads the edited text, marked as edited by a moderator.
	await reader.page.goto(thread);
	await expect(reader.page.locator(`#comment-${id} .body`)).toHaveText(edited);
	await expect(reader.page.locator(`#comment-${id}`)).toContainText('Een moderator haalde persoonlijke gegevens');
	await expect(reader.page.locator('main')).not.toContainText('0470');

	// The author is told, in Arabic.
	await author.page.goto('/notifications');
	await expect(author.page.locator('.items')).toContainText(arThread.notifications.kind.redacted);

	// The public moderation page says which setting applies here, in Arabic.
	await author.page.goto('/moderation');
	await expect(author.page.locator('main')).toContainText(arModeration.public.policy.personal_details);
	for (const c of [author.context, reader.context, moderator]) await c.close();
});

test('an administrator’s bad number of days is refused with a clear message, and the text is kept', async ({
	browser,
	baseURL
}) => {
	const { context, page } = await openPage(browser, baseURL!, { as: 'demo-beheerder' });
	await page.goto('/admin/consultations');
	const section = page.locator('#c-gekleurde-armoede');
	await expect(section.locator('#hp-gekleurde-armoede-personal_details')).toBeChecked();
	await section.locator('#hp-gekleurde-armoede-new_accounts').check();
	await section.locator('#days-gekleurde-armoede').fill('999');
	// The browser's own check (max 365) would stop the form first; the server must refuse it all the same.
	await section.locator('form[action="?/settings"]').evaluate((f: HTMLFormElement) => (f.noValidate = true));
	await section.locator('form[action="?/settings"] button').click();
	await expect(page.locator('.error-summary')).toContainText('Kies een getal van 1 tot en met 365.');
	await expect(page.locator('#days-gekleurde-armoede')).toHaveValue('999');
	await expect(page.locator('#hp-gekleurde-armoede-new_accounts')).toBeChecked();
	// Nothing changed.
	await page.goto('/moderation');
	await expect(page.locator('main')).toContainText('Andere reacties staan meteen online.');
	await context.close();
});

test('axe finds no violation on a thread with a comment waiting for a moderator, in nl and ar', async ({
	browser,
	baseURL
}) => {
	const { context, page } = await newParticipant(browser, baseURL!, `Axe ${Date.now().toString(36).slice(-5)}`);
	await page.goto(thread);
	await page.locator('#comment-body').fill('Mijn adres is Kerkstraat 12 in Gent.');
	await page.locator('#comment-form button[type="submit"]').click();
	await expectNoAxeViolations(page);
	await page.locator('#comment-form button[name="confirmPersonal"]').click();
	await expect(page.locator('.comment .held').first()).toBeVisible();
	for (const locale of ['nl', 'ar']) {
		await page.goto(`${thread}?lang=${locale}`);
		await expect(page.locator('.comment .held').first()).toBeVisible();
		await expectNoAxeViolations(page);
	}
	await context.close();
});
