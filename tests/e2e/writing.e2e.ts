import { expect, type Page } from '@playwright/test';
import { consultationPath, expectNoAxeViolations, smallPhone, test } from './helpers';

/*
 * The writing check (issue 15, part 4) on the answer editor: policy staff get plain-language advice on
 * what they write, with JavaScript off (a "Check my text" button that saves nothing) and on (as they
 * type), at 360 px; it never blocks saving. Nothing here saves an answer, so it shares the demo safely.
 */

const editor = `${consultationPath}/44/answer`;
// A long, passive, bureaucratic sentence with jargon from the demo glossary (OCMW, doelgroep), and a
// bit of markup that must show as text, never as HTML (its letters count as words: 35 in all).
const hard =
	'<b>Er</b> wordt door de bevoegde diensten van het OCMW in het kader van het beleid besloten dat de ' +
	'beschikbare middelen op een meer doelgerichte wijze moeten worden ingezet ten behoeve van de doelgroep.';
const easy = 'Wij geven meer geld aan buurthuizen. Zo kunnen zij meer mensen helpen.';

const advice = (page: Page) => page.locator('.field:has(#explanation) + .writing');

async function noSideways(page: Page) {
	expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
}

test('without JavaScript: "Check my text" returns the text with advice, and saves nothing', async ({ pageWith }) => {
	const page = await pageWith({ as: 'demo-beleid', javaScriptEnabled: false, viewport: smallPhone });
	await page.goto(editor);
	await page.locator('#explanation').fill(hard);
	await page.getByRole('button', { name: 'Controleer mijn tekst' }).click();

	await expect(page.locator('#writing-checked')).toContainText('nog niet opgeslagen');
	await expect(page.locator('#explanation')).toHaveValue(hard);
	const box = advice(page);
	await expect(box.locator('[role="status"]')).toContainText('Geschat niveau: moeilijker dan B1.');
	await expect(box.locator('li', { hasText: 'Lange zin: 35 woorden, meer dan 20' })).toHaveCount(1);
	await expect(box.locator('li', { hasText: 'Lijdende vorm' }).locator('q')).toHaveText('wordt … besloten');
	await expect(box.locator('li', { hasText: 'Vakwoord uit de woordenlijst' }).locator('q')).toHaveText([
		'OCMW',
		'doelgroep'
	]);
	// The quote is the text as typed: the markup shows as characters and makes no element.
	await expect(box.locator('q').first()).toHaveText('<b>Er</b> wordt door de bevoegde diensten …');
	await expect(box.locator('b')).toHaveCount(0);
	await noSideways(page);

	// Nothing was saved: the editor opened again does not hold the text.
	await page.goto(editor);
	await expect(page.locator('#explanation')).not.toHaveValue(hard);
	await expect(page.locator('#writing-checked')).toHaveCount(0);
});

test('with JavaScript: the advice follows the typing, in a polite status line', async ({ pageWith }) => {
	const page = await pageWith({ as: 'demo-beleid', viewport: smallPhone });
	await page.goto(editor);
	const box = advice(page);
	const status = box.locator('[role="status"]');
	await page.locator('#explanation').fill(easy);
	await expect(status).toContainText('te kort om een niveau te schatten');
	await expect(status).toContainText('Geen tips.');

	await page.locator('#explanation').fill(hard);
	await expect(status).toContainText('Geschat niveau: moeilijker dan B1.');
	await expect(box.locator('li', { hasText: 'Lijdende vorm' })).toHaveCount(1);
	// Typed, not sent: the page did not post anything.
	await expect(page).toHaveURL(new RegExp(`${editor}$`));
	await noSideways(page);
});

for (const locale of ['nl', 'ar']) {
	test(`axe finds no violation on the answer and summary editors with advice shown, in ${locale}`, async ({
		pageWith
	}) => {
		const page = await pageWith({ as: 'demo-beheerder', lang: locale, viewport: smallPhone });
		for (const path of [editor, `${consultationPath}/44/summary`]) {
			await page.goto(path);
			await expect(page.locator('html')).toHaveAttribute('lang', locale);
			const first = page.locator('main textarea').first();
			await first.fill(hard);
			await expect(page.locator('.writing li').first()).toBeVisible();
			await expectNoAxeViolations(page);
			await noSideways(page);
		}
	});
}

test('a translation of a plain-language version into English gets the check without JavaScript; into French, a note', async ({
	pageWith
}) => {
	const page = await pageWith({ as: 'demo-beheerder', javaScriptEnabled: false, viewport: smallPhone });
	// The demo is Dutch, so its plain versions are translated into the other languages only.
	const english = '/translate/recommendation/1/plain_text/en';
	const passive = 'It has been decided that more money is given to the groups.';
	await page.goto(english);
	await page.locator('#text').fill(passive);
	await page.getByRole('button', { name: 'Controleer mijn tekst' }).click();
	await expect(page.locator('#writing-checked')).toContainText('nog niet opgeslagen');
	await expect(page.locator('#text')).toHaveValue(passive);
	await expect(page.locator('.writing li', { hasText: 'Lijdende vorm' }).locator('q')).toHaveText('been decided');
	await expect(page.locator('.writing li', { hasText: 'Lijdende vorm' })).toContainText('“we decide”');
	await noSideways(page);
	await page.goto(english);
	await expect(page.locator('#text')).not.toHaveValue(passive);

	await page.goto('/translate/recommendation/1/plain_text/fr');
	await expect(page.locator('.writing [role="status"]')).toHaveText(
		'De schrijfhulp kent voorlopig alleen Nederlands en Engels.'
	);
	await expect(page.getByRole('button', { name: 'Controleer mijn tekst' })).toHaveCount(0);
});
