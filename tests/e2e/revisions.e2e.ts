import { parse } from 'csv-parse/sync';
import { expect, type Page } from '@playwright/test';
import { expectNoAxeViolations, exportBody, newParticipant, openPage, smallPhone, test } from './helpers';

/*
 * Revisions of a recommendation's text (issue 15, part 3), on recommendation 53, used by no other test.
 * Policy staff change the text, then correct a typo, with JavaScript off on a 360 px phone. A voter on the
 * first text is told in their notifications, is shown the change and keeps the vote with one tap; a
 * correction asks nobody again, and is
 * in the history; the exports and the dashboard carry the revision; axe finds nothing in nl and ar.
 */

const number = 53;
const thread = `/c/gekleurde-armoede/${number}`;
const added = 'Ook wie geen papieren heeft, kan een klacht indienen.';

/** Saves a revision through the staff form as it comes back, with the text given. */
async function revise(page: Page, text: string, kind: 'change' | 'correction', reason: string) {
	await page.goto(thread);
	await page.getByRole('link', { name: 'Tekst van de aanbeveling aanpassen' }).click();
	await expect(page).toHaveURL(`${thread}/revise`);
	await page.locator('#officialText').fill(text);
	await page.locator(`#kind-${kind}`).check();
	await page.locator('#reason').fill(reason);
	await page.locator('form[action="?/save"] button[type="submit"]').click();
	await expect(page.locator('main')).toContainText('De nieuwe versie is opgeslagen.');
}

/** The page is no wider than the phone: nothing scrolls sideways. */
async function fitsThePhone(page: Page) {
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(smallPhone.width);
}

test('a change asks the voter to confirm, a correction does not, and the files say which revision', async ({
	browser,
	baseURL,
	pageWith
}) => {
	test.setTimeout(120_000);
	const suffix = Date.now().toString(36).slice(-4);

	// Three people take part on the first text, without JavaScript on a 360 px phone.
	const voters = [];
	for (const [name, choice] of [
		[`Eerste ${suffix}`, 'agree'],
		[`Tweede ${suffix}`, 'disagree'],
		[`Derde ${suffix}`, 'unsure']
	] as const) {
		const { page } = await newParticipant(browser, baseURL!, name, 'nl', false);
		await page.goto(thread);
		await page.locator(`#vote button[value="${choice}"]`).click();
		await expect(page.locator(`#vote button[value="${choice}"]`)).toHaveAttribute('aria-pressed', 'true');
		voters.push(page);
	}
	const [first, second] = voters;
	await first.locator('#comment-body').fill(`Een klacht indienen is nu te moeilijk ${suffix}`);
	await first.locator('#comment-form button[type="submit"]').click();
	await expect(first.locator('.comment', { hasText: suffix })).toBeVisible();

	// Policy staff change the text after a first round (JavaScript off, 360 px).
	const staff = await pageWith({ as: 'demo-beleid', javaScriptEnabled: false, viewport: smallPhone });
	await staff.goto(`${thread}/revise`);
	const original = await staff.locator('#officialText').inputValue();
	await revise(staff, `${original}\n\n${added}`, 'change', 'Aangevuld na de eerste ronde');

	// The first voter is told in their notifications, and the notice leads to the change on the thread.
	await first.goto('/notifications');
	const told = first.locator('li', { hasText: 'De tekst van een aanbeveling waarop je stemde, is veranderd.' });
	await expect(told).toContainText('Nu is het versie 2.');
	await told.getByRole('link', { name: `Aanbeveling ${number}:` }).click();
	await expect(first).toHaveURL(`${thread}#text-changed`);
	// They see that the text changed since they voted, with the change marked, and keep the vote.
	const notice = first.locator('#text-changed');
	await expect(notice).toContainText('De tekst is veranderd sinds je stemde');
	await expect(notice).toContainText('Je stemde op versie 1. Nu is het versie 2.');
	await expect(notice).toContainText('9 woorden erbij');
	await expect(notice.locator('ins')).toContainText(added);
	// The comment says it was written on the first text.
	await expect(first.locator('.comment', { hasText: suffix })).toContainText('over versie 1 van de tekst');
	await fitsThePhone(first);
	await notice.getByRole('button', { name: 'Ik blijf bij mijn stem: Akkoord' }).click();
	await expect(first.locator('#text-changed')).toHaveCount(0);
	await expect(first.locator('#vote button[value="agree"]')).toHaveAttribute('aria-pressed', 'true');

	// A typo fixed, marked as a correction: the first voter is not asked again; the history shows it.
	await revise(staff, `${original}\n\n${added.replace('papieren', 'papiere')}`, 'correction', 'Tikfout');
	await revise(staff, `${original}\n\n${added}`, 'correction', 'Tikfout hersteld');
	await first.goto(thread);
	await expect(first.locator('#text-changed')).toHaveCount(0);
	await expect(first.locator('#revisions')).toContainText('Versie 4 · kleine verbetering');
	await expect(first.locator('#revisions')).toContainText('Tikfout hersteld');
	// The page no longer says the text is as the report had it.
	await expect(first.locator('.official')).toContainText('Deze tekst is aangepast sinds hij werd gepubliceerd.');
	await expect(first.locator('.official')).not.toContainText('Zo staat het in het rapport');
	await first.locator('#revisions details summary', { hasText: 'Eerdere versies (3)' }).click();
	await expect(first.locator('#revisions')).toContainText(original);

	// The second voter is still asked (they voted on version 1), and changes the vote in one tap.
	await second.goto(thread);
	await expect(second.locator('#text-changed')).toContainText('Je stemde op versie 1. Nu is het versie 4.');
	await second.locator('#vote button[value="unsure"]').click();
	await expect(second.locator('#vote button[value="unsure"]')).toHaveAttribute('aria-pressed', 'true');
	await expect(second.locator('#text-changed')).toHaveCount(0);

	// The dashboard counts all votes by default, or only those on the current text; the files say which revision.
	const { context, page: policy } = await openPage(browser, baseURL!, { as: 'demo-beleid', acceptDownloads: true });
	const csv = async (format: string) =>
		parse(await exportBody(policy, format), { columns: true, bom: true }) as Record<string, string>[];
	await policy.goto('/c/gekleurde-armoede/dashboard');
	let row = (await csv('recommendations.csv')).find((r) => r.recommendation === String(number))!;
	expect([row.votes, row.revision]).toEqual(['3', '4']);
	const comment = (await csv('comments.csv')).find((r) => r.text.includes(suffix))!;
	expect(comment.revision).toBe('1');
	await policy.goto('/c/gekleurde-armoede/dashboard');
	await policy.locator('#f-votes').selectOption('current');
	await policy.locator('form.filters button').click();
	await expect(policy).toHaveURL(/votes=current/);
	row = (await csv('recommendations.csv')).find((r) => r.recommendation === String(number))!;
	// The third voter never confirmed: their vote on version 1 is left out.
	expect([row.votes, row.agree, row.not_sure, row.revision]).toEqual(['2', '1', '1', '4']);
	await context.close();
});

for (const lang of ['nl', 'ar']) {
	test(`axe finds no violation on a revised thread, its notice and the revision form in ${lang}, at 360 px`, async ({
		browser,
		baseURL,
		pageWith
	}) => {
		const suffix = Date.now().toString(36).slice(-4);
		const at = `/c/gekleurde-armoede/${lang === 'nl' ? 54 : 55}`;
		const { page } = await newParticipant(browser, baseURL!, `Axe ${lang} ${suffix}`, lang);
		await page.goto(at);
		await page.locator('#vote button[value="agree"]').click();
		await expect(page.locator('#vote button[value="agree"]')).toHaveAttribute('aria-pressed', 'true');

		const staff = await pageWith({ as: 'demo-beheerder', lang, viewport: smallPhone });
		await staff.goto(`${at}/revise`);
		await expectNoAxeViolations(staff);
		await fitsThePhone(staff);
		// An empty text: the error summary, and the form keeps the title.
		await staff.locator('#officialText').fill('');
		await staff.locator('form[action="?/save"] button[type="submit"]').click();
		await expect(staff.locator('.error-summary, [role="alert"]').first()).toBeVisible();
		await expectNoAxeViolations(staff);
		const text = `Tekst voor de ${lang}-test ${suffix}.`;
		await staff.locator('#officialText').fill(text);
		await staff.locator('form[action="?/save"] button[type="submit"]').click();
		await expect(staff).toHaveURL(/saved=published/);
		await expectNoAxeViolations(staff);

		await page.goto(`${at}?lang=${lang}`);
		await expect(page.locator('#text-changed')).toBeVisible();
		await page.locator('#revisions details').first().locator('summary').click();
		await expectNoAxeViolations(page);
		await fitsThePhone(page);
	});
}
