import { readFileSync } from 'node:fs';
import { expect, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations, logIn, newParticipant, openPage, test } from './helpers';
import { readMailbox } from './mailbox.mjs';

/*
 * Closing the loop on one thread (recommendation 36, used by no other test): a comment is reported and
 * held, a moderator hides it with a reason the author sees, a summary cites two comments, policy staff
 * answer, and the participant who voted hears back and reads "you said, we did".
 */

const thread = '/c/gekleurde-armoede/36';
/** The reason "hurtful" as Arabic readers see it. */
const hurtfulInArabic: string = JSON.parse(readFileSync('src/lib/i18n/locales/ar/moderation.json', 'utf8')).reason
	.hurtful;

async function staff(browser: Browser, baseURL: string, name: string, javaScriptEnabled = true) {
	const { context, page } = await openPage(browser, baseURL!, { javaScriptEnabled });
	await logIn(page, name);
	return { context, page };
}

/** Posts a comment on the thread and returns its id, read from the comment's anchor. */
async function comment(page: Page, text: string): Promise<number> {
	await page.goto(thread);
	await page.locator('#comment-body').fill(text);
	await page.locator('#comment-form button[type="submit"]').click();
	const item = page.locator('.comment', { hasText: text }).first();
	await expect(item).toBeVisible();
	return Number((await item.getAttribute('id'))!.replace('comment-', ''));
}

async function report(page: Page, id: number, reason: string) {
	await page.goto(`${thread}?report=${id}#comment-${id}`);
	await page.locator(`#report-${id}-${reason}`).check();
	await page.locator(`#comment-${id} .report-box button`).click();
	// Wait until the report is stored: the reporter (in nl) is told so under the comment, or, when this
	// report held it, sees that a moderator is checking it.
	await expect(page.locator(`#comment-${id}`)).toContainText(
		/Je hebt deze reactie gemeld|Een moderator bekijkt deze reactie/
	);
}

test('a held comment is hidden with a reason, a summary cites two comments, an answer reaches the voter', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	const suffix = Date.now().toString(36).slice(-4);

	// The author writes in Arabic, without JavaScript. (Personal details would wait for a moderator before
	// anyone saw them: held.e2e.ts follows that journey.)
	const author = await newParticipant(browser, baseURL!, `كاتب ${suffix}`, 'ar', false);
	const text = `هذا كلام فارغ وأنتم لا تفهمون شيئا ${suffix}`;
	const heldId = await comment(author.page, text);

	// Two others comment (these are what the summary will cite); one of them also votes.
	const voter = await newParticipant(browser, baseURL!, `Stemmer ${suffix}`);
	await voter.page.goto(thread);
	await voter.page.locator('#vote button[value="agree"]').click();
	await expect(voter.page.locator('#vote button[value="agree"]')).toHaveAttribute('aria-pressed', 'true');
	const first = await comment(voter.page, `Vraag ons advies voor de beslissing valt ${suffix}`);
	const other = await newParticipant(browser, baseURL!, `Buur ${suffix}`);
	const second = await comment(other.page, `Ervaringsdeskundigen horen mee aan tafel ${suffix}`);

	// Two reports hold the comment: the second reporter sees a notice instead of the text.
	await report(voter.page, heldId, 'hurtful');
	await expect(voter.page.locator(`#comment-${heldId} .body`)).toContainText(suffix);
	await report(other.page, heldId, 'hurtful');
	await other.page.goto(thread);
	await expect(other.page.locator(`#comment-${heldId}`)).toContainText('Een moderator bekijkt deze reactie');
	await expect(other.page.locator(`#comment-${heldId}`)).not.toContainText('كلام فارغ');

	// The moderator finds it in the queue, held, and hides it as hurtful.
	const moderator = await staff(browser, baseURL!, 'demo-moderator');
	await moderator.page.goto('/moderate');
	const item = moderator.page.locator(`#item-${heldId}`);
	await expect(item).toContainText('Vastgehouden na meldingen');
	await expect(item).toContainText('2 meldingen');
	await item.locator('details', { hasText: 'Weghalen' }).first().locator('summary').click();
	await expect(item.locator(`#hide-${heldId}-hurtful`)).toBeChecked();
	await item.locator('form[action="?/hide"] button').click();
	await expect(moderator.page.locator('.notice-success')).toContainText('De reactie is weggehaald');
	await expect(moderator.page.locator(`#item-${heldId}`)).toHaveCount(0);

	// The author sees the reason, in Arabic, in place of the comment and in a notification.
	await author.page.goto(thread);
	await expect(author.page.locator(`#comment-${heldId} .tombstone`)).toContainText(hurtfulInArabic);
	await author.page.goto('/notifications');
	await expect(author.page.locator('.items')).toContainText(hurtfulInArabic);

	// The moderator writes the summary, citing the two comments: a draft first, saved without JavaScript,
	// then published with it. Each time the address is the editor's, clean: no `?%2Fsave=` (the form
	// action's name) left in it.
	const offline = await staff(browser, baseURL!, 'demo-moderator', false);
	await offline.page.goto(`${thread}/summary`);
	await offline.page.locator('#mainPoints').fill(`- Mensen willen vooraf gevraagd worden [#${first}]`);
	await offline.page.locator('button[name="publish"][value="0"]').click();
	await expect(offline.page.locator('.notice-success')).toContainText('Je werktekst is opgeslagen');
	await expect(offline.page).toHaveURL(new RegExp(`${thread}/summary\\?saved=draft$`));
	await offline.context.close();
	await moderator.page.goto(`${thread}/summary`);
	await expect(moderator.page.locator('.material')).toContainText(`[#${first}]`);
	await moderator.page
		.locator('#mainPoints')
		.fill(`- Mensen willen vooraf gevraagd worden [#${first}]\n- Ervaringsdeskundigen aan tafel [#${second}]`);
	await moderator.page.locator('button[name="publish"][value="1"]').click();
	await expect(moderator.page.locator('.notice-success')).toContainText('De samenvatting is gepubliceerd');
	await expect(moderator.page).toHaveURL(new RegExp(`${thread}/summary\\?saved=published$`));

	// Policy staff answer.
	const policy = await staff(browser, baseURL!, 'demo-beleid');
	await policy.page.goto(`${thread}/answer`);
	await policy.page.locator('#status-partly_adopted').check();
	await policy.page.locator('#explanation').fill('We vragen voortaan advies bij elk nieuw plan.');
	await policy.page.locator('#commitment').fill('Een adviesraad met ervaringsdeskundigen');
	await policy.page.locator('#commitmentDue').fill('2027-06-30');
	await policy.page.locator('button[name="publish"][value="1"]').click();
	await expect(policy.page.locator('.notice-success')).toContainText('Het antwoord is gepubliceerd');
	await expect(policy.page).toHaveURL(new RegExp(`${thread}/answer\\?saved=published$`));

	// The voter hears back, and reads "you said, we did" and "what we heard" with its sources.
	await voter.page.goto('/notifications');
	await expect(voter.page.locator('.items')).toContainText('De overheid antwoordde');
	await expect(voter.page.locator('.items')).toContainText('Deels aangenomen');
	await expect(voter.page.locator('.items')).toContainText('samenvatting');
	await voter.page.locator('.items a[href$="#answer"]').first().click();
	await expect(voter.page.locator('#answer')).toContainText('Jullie zeiden, wij doen');
	await expect(voter.page.locator('#answer')).toContainText('Deels aangenomen');
	await expect(voter.page.locator('#answer')).toContainText('30 juni 2027');
	await expect(voter.page.locator('#summary')).toContainText('Mensen willen vooraf gevraagd worden');
	await voter.page.locator('#summary a.cite').first().click();
	await expect(voter.page).toHaveURL(/#source-1$/);
	await expect(voter.page.locator('#source-1')).toContainText(`Vraag ons advies voor de beslissing valt ${suffix}`);
	await expect(voter.page.locator('#source-2')).toContainText(`Ervaringsdeskundigen horen mee aan tafel ${suffix}`);

	// The consultation page shows the answer's status.
	await voter.page.goto('/c/gekleurde-armoede#theme-IV');
	await expect(voter.page.locator('a[href$="/36"]').locator('..')).toContainText('Deels aangenomen');

	// All answers on one page, filtered by status (links, so without JavaScript too), with no axe violation.
	await voter.page.locator('a', { hasText: 'Alle antwoorden van de overheid' }).click();
	await voter.page.locator('a', { hasText: /^Deels aangenomen \(\d+\)$/ }).click();
	await expect(voter.page).toHaveURL(/\/answers\?status=partly_adopted$/);
	await expect(voter.page.locator('#rec-36-heading')).toBeVisible();
	await expect(voter.page.locator('article', { has: voter.page.locator('#rec-36-heading') })).toContainText(
		'Een adviesraad met ervaringsdeskundigen'
	);
	await expectNoAxeViolations(voter.page);

	// The public moderation page counts what happened, without content.
	await voter.page.goto('/moderation');
	await expect(voter.page.locator('main')).not.toContainText('كلام فارغ');
	for (const c of [author, voter, other, moderator, policy]) await c.context.close();
});

test('an answer reaches by mail, in their language, the participant who asked for mail, and only them', async ({
	browser,
	baseURL
}) => {
	// Recommendation 52 is used by no other test. The e2e server sends real SMTP to a fake mailbox.
	const suffix = Date.now().toString(36).slice(-5);
	const port = new URL(baseURL!).port;
	const mailsTo = (address: string) => readMailbox(port).filter((m) => m.includes(`To: ${address}`));
	const withMail = async (name: string, address: string, wantsMail: boolean) => {
		const p = await newParticipant(browser, baseURL!, name, 'en');
		await p.page.goto('/account');
		await p.page.locator('#profile-email').fill(address);
		await p.page.locator('input[name="emailNotifications"]').setChecked(wantsMail);
		await p.page.locator('form[action="?/profile"] button[type="submit"]').click();
		await expect(p.page.locator('#profile-email')).toHaveValue(address);
		await p.page.goto('/c/gekleurde-armoede/52');
		await p.page.locator('#vote button[value="agree"]').click();
		await expect(p.page.locator('#vote button[value="agree"]')).toHaveAttribute('aria-pressed', 'true');
		return p;
	};
	const wants = `wil-${suffix}@example.org`;
	const quiet = `stil-${suffix}@example.org`;
	const a = await withMail(`Post ${suffix}`, wants, true);
	const b = await withMail(`Stil ${suffix}`, quiet, false);

	const policy = await staff(browser, baseURL!, 'demo-beleid');
	await policy.page.goto('/c/gekleurde-armoede/52/answer');
	await policy.page.locator('#status-adopted').check();
	await policy.page.locator('#explanation').fill('We doen dit vanaf volgend jaar.');
	await policy.page.locator('button[name="publish"][value="1"]').click();
	await expect(policy.page.locator('.notice-success')).toContainText('Het antwoord is gepubliceerd');

	// Sent in the background, soon after publishing: in English, with the link to the answer.
	await expect.poll(() => mailsTo(wants).length, { timeout: 15_000 }).toBe(1);
	const mail = mailsTo(wants)[0];
	expect(mail).toContain('Subject: The government answered a recommendation');
	expect(mail).toContain(`${baseURL}/c/gekleurde-armoede/52#answer`);
	expect(mailsTo(quiet)).toEqual([]);
	for (const c of [a, b, policy]) await c.context.close();
});

test('a participant gets 403 on moderator and policy pages and forms, and nothing changes', async ({
	browser,
	baseURL
}) => {
	const { context, page } = await openPage(browser, baseURL!, { as: 'demo-bewoner' });
	for (const path of ['/moderate', '/moderate/log', `${thread}/summary`, `${thread}/answer`, '/admin/consultations']) {
		expect((await page.goto(path))?.status(), path).toBe(403);
	}
	const post = await page.request.post(`${thread}/answer?/save`, {
		headers: { origin: baseURL!, accept: 'application/json' },
		form: { status: 'adopted', explanation: 'Stiekem antwoord', publish: '1' }
	});
	expect(await post.text()).toContain('403');
	const phase = await page.request.post('/admin/consultations?/phase', {
		headers: { origin: baseURL!, accept: 'application/json' },
		form: { slug: 'gekleurde-armoede', phase: 'closed' }
	});
	expect(await phase.text()).toContain('403');
	await page.goto(thread);
	await expect(page.locator('main')).not.toContainText('Stiekem antwoord');
	await expect(page.locator('#vote button[value="agree"]')).toBeEnabled();
	await context.close();
});

for (const locale of ['nl', 'ar']) {
	test(`axe finds no violation on the moderation, summary, answer and admin pages in ${locale}`, async ({
		pageWith
	}) => {
		const page = await pageWith({ as: 'demo-beheerder' });
		// Something in the queue, so its forms are checked too: a comment with a phone number, posted anyway.
		await page.goto('/c/gekleurde-armoede/35');
		await page.locator('#comment-body').fill(`Bel het OCMW op 09 266 99 00 (${locale})`);
		await page.locator('#comment-form button[type="submit"]').click();
		await page.locator('#comment-form button[name="confirmPersonal"]').click();
		await expect(page.locator('.comment', { hasText: '09 266 99 00' }).first()).toBeVisible();
		for (const path of [
			'/moderate',
			'/moderate?view=hidden',
			'/moderate/log',
			'/moderation',
			`${thread}/summary`,
			`${thread}/answer`,
			'/admin/consultations',
			thread
		]) {
			await page.goto(`${path}${path.includes('?') ? '&' : '?'}lang=${locale}`);
			await expect(page.locator('html')).toHaveAttribute('lang', locale);
			// Open every folded panel (hide, edit out, pause), so the forms inside are checked as well.
			await page.evaluate(() =>
				document.querySelectorAll<HTMLDetailsElement>('main details').forEach((d) => (d.open = true))
			);
			await expectNoAxeViolations(page);
			const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
			expect(overflow, `${path} scrolls sideways`).toBe(false);
		}
	});
}
