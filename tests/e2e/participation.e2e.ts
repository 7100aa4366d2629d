import { expect, type Browser } from '@playwright/test';
import { expectNoAxeViolations, htmlLangDir, logIn, newParticipant, smallPhone, test } from './helpers';

const thread = '/c/gekleurde-armoede/19';

/**
 * A new participant for this test alone (so tests running side by side never share votes), who signs up,
 * logs out and comes back through the login form.
 */
async function returningParticipant(
	browser: Browser,
	baseURL: string,
	options: { javaScriptEnabled: boolean; locale: string; name: string }
) {
	const { context, page } = await newParticipant(
		browser,
		baseURL,
		options.name,
		options.locale,
		options.javaScriptEnabled
	);
	// Out and in again through the login form, as someone coming back would.
	await page.locator('form[action="/logout"] button').click();
	await expect(page).toHaveURL(/\/\?loggedOut=1$/);
	await logIn(page, options.name, 'een lange zin hier');
	return { context, page };
}

for (const run of [
	{
		locale: 'tr',
		javaScriptEnabled: false,
		dir: 'ltr',
		me: 'Ayşe Deneme',
		other: 'Komşu Ali',
		text: 'Borç danışmanlığı mahallede olmalı.'
	},
	{
		locale: 'ar',
		javaScriptEnabled: true,
		dir: 'rtl',
		me: 'مريم تجربة',
		other: 'جار أحمد',
		text: 'يجب أن تكون المساعدة قريبة من الناس.'
	}
] as const) {
	test(`in ${run.locale} with JavaScript ${run.javaScriptEnabled ? 'on' : 'off'}: vote, change the vote, comment, reply, report, and see the reply notification`, async ({
		browser,
		baseURL
	}) => {
		const suffix = Date.now().toString(36).slice(-4);
		// Someone else has already commented.
		const other = await returningParticipant(browser, baseURL!, {
			javaScriptEnabled: true,
			locale: 'nl',
			name: `${run.other} ${suffix}`
		});
		await other.page.goto(thread);
		await other.page.locator('#comment-body').fill(`Eerste reactie ${suffix}`);
		await other.page.getByRole('button', { name: 'Reactie plaatsen' }).click();
		await expect(other.page.locator('.comment', { hasText: `Eerste reactie ${suffix}` })).toBeVisible();

		const me = await returningParticipant(browser, baseURL!, {
			javaScriptEnabled: run.javaScriptEnabled,
			locale: run.locale,
			name: `${run.me} ${suffix}`
		});
		const page = me.page;
		await page.goto(thread);
		expect(await htmlLangDir(page)).toEqual({ lang: run.locale, dir: run.dir });

		// Vote, then change the vote.
		await page.locator('#vote button[value="agree"]').click();
		await expect(page.locator('#vote button[value="agree"]')).toHaveAttribute('aria-pressed', 'true');
		await page.locator('#vote button[value="disagree"]').click();
		await expect(page.locator('#vote button[value="disagree"]')).toHaveAttribute('aria-pressed', 'true');
		await expect(page.locator('#vote button[value="agree"]')).toHaveAttribute('aria-pressed', 'false');

		// Comment in my language: the language is filled in from the interface.
		await expect(page.locator('#comment-language')).toHaveValue(run.locale);
		await page.locator('#comment-body').fill(`${run.text} ${suffix}`);
		await page.locator('#comment-stance-idea').check();
		await page.locator('#comment-form button[type="submit"]').click();
		const mine = page.locator('.comment', { hasText: `${run.text} ${suffix}` }).first();
		await expect(mine).toBeVisible();
		// The box is empty again, so nobody sends the same comment twice thinking it was not saved.
		await expect(page.locator('#comment-body')).toHaveValue('');
		await expect(mine.locator('.body')).toHaveAttribute('lang', run.locale);
		await expect(mine.locator('.body')).toHaveAttribute('dir', 'auto');

		// Reply to the other comment.
		const theirs = page.locator('article.comment', { hasText: `Eerste reactie ${suffix}` }).first();
		await theirs.locator(':scope > .actions a.reply-link').click();
		await page.locator('.reply-box textarea').fill(`Cevap ${suffix}`);
		await page.locator('.reply-box button[type="submit"]').click();
		await expect(page.locator('.reply', { hasText: `Cevap ${suffix}` })).toBeVisible();

		// Report the other comment.
		const theirsAgain = page.locator('article.comment:not(.reply)', { hasText: `Eerste reactie ${suffix}` }).first();
		await theirsAgain.locator(':scope > .actions a.report-link').click();
		await page.locator('.report-box input[value="off_topic"]').check();
		await page.locator('.report-box button').click();
		await expect(
			page
				.locator('article.comment:not(.reply)', { hasText: `Eerste reactie ${suffix}` })
				.first()
				.locator('p.muted.small')
		).toBeVisible();

		// The other person replies to my comment...
		await other.page.goto(thread);
		const myComment = other.page.locator('article.comment:not(.reply)', { hasText: `${run.text} ${suffix}` }).first();
		await myComment.locator(':scope > .actions a.reply-link').click();
		await other.page.locator('.reply-box textarea').fill(`Dank je ${suffix}`);
		await other.page.locator('.reply-box button[type="submit"]').click();
		await expect(other.page.locator('.reply', { hasText: `Dank je ${suffix}` })).toBeVisible();

		// ...and I see it in my notifications, with an unread count in the header.
		await page.goto('/notifications');
		await expect(page.locator('header .count')).toHaveText('1');
		await expect(page.locator('main li').first()).toContainText(`${run.other} ${suffix}`);
		await page.locator('main li').first().locator('a').click();
		await expect(page).toHaveURL(/\/c\/gekleurde-armoede\/19#comment-\d+$/);
		expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

		await other.context.close();
		await me.context.close();
	});
}

for (const locale of ['nl', 'ar'] as const) {
	test(`the thread page in ${locale} has no WCAG 2.2 A/AA violation, logged out and logged in`, async ({
		pageWith
	}) => {
		const page = await pageWith({ viewport: smallPhone, lang: locale });
		await page.goto(thread);
		await expectNoAxeViolations(page);
		await logIn(page, 'demo-bewoner');
		await page.goto(thread);
		await expectNoAxeViolations(page);
		// With an error summary in the comment form.
		await page.locator('#comment-form button[type="submit"]').click();
		await expect(page.locator('#comment-form .error-summary, .error-summary').first()).toBeVisible();
		await expectNoAxeViolations(page);
		await page.goto('/notifications');
		await expectNoAxeViolations(page);
	});
}

test('logged out, pressing a vote sends you to log in and back to the thread', async ({ pageWith }) => {
	const page = await pageWith({ javaScriptEnabled: false });
	await page.goto(`${thread}?lang=nl`);
	await page.locator('#vote button[value="agree"]').click();
	await expect(page).toHaveURL(/\/login\?redirectTo=/);
	await page.locator('#login-name').fill('demo-bewoner');
	await page.locator('#login-password').fill('demo-samenspraak');
	await page.locator('main button[type="submit"]').click();
	await expect(page).toHaveURL(new RegExp(`${thread}#vote$`));
});

test('a comment that is too long keeps what was typed and says what to do', async ({ pageWith }) => {
	const page = await pageWith({ javaScriptEnabled: false, lang: 'nl', as: 'demo-coordinator' });
	await page.goto(thread);
	const long = 'Te lang. '.repeat(260);
	await page.locator('#comment-body').fill(long);
	await page.locator('#comment-form button[type="submit"]').click();
	await expect(page.locator('.error-summary')).toContainText('te lang');
	await expect(page.locator('#comment-body')).toHaveValue(long);
});

test('a comment written in another language than the one chosen gets a suggestion, which the writer may take', async ({
	pageWith
}) => {
	const page = await pageWith({ javaScriptEnabled: false, lang: 'nl', as: 'demo-ervaringsdeskundige' });
	await page.goto('/c/gekleurde-armoede/26');
	await page.locator('#comment-body').fill('Tercümanlar herkes için ücretsiz olmalı ve kolay bulunmalı');
	await page.locator('#comment-form button[type="submit"]').click();
	await expect(page).toHaveURL(/suggest=tr/);
	const suggestion = page.locator('form.suggest');
	await expect(suggestion).toContainText('Türkçe');
	await suggestion.locator('button').click();
	const comment = page.locator('.comment', { hasText: 'Tercümanlar herkes için' }).first();
	await expect(comment.locator('.body')).toHaveAttribute('lang', 'tr');
	await expect(page.locator('form.suggest')).toHaveCount(0);
});
