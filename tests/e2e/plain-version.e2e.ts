import { expect, type Page } from '@playwright/test';
import { consultationPath, expectNoAxeViolations, smallPhone, test } from './helpers';

/*
 * Policy staff write a recommendation's plain-language version (issue 15): from the thread, with the
 * writing check's advice and without JavaScript, at 360 px; readers then see it first on the thread. Two
 * editors at once: the second is shown the first one's text and keeps their own. Tests run side by side,
 * so each test that saves has a recommendation of its own (56 and 57), used by no other end-to-end test.
 */

const thread = `${consultationPath}/56`;
const editor = `${thread}/plain`;
const raced = `${consultationPath}/57`;
const hard =
	'Er wordt door de bevoegde diensten in het kader van het armoedebeleid besloten dat de beschikbare ' +
	'middelen op een meer doelgerichte wijze moeten worden ingezet ten behoeve van de doelgroep.';

async function noSideways(page: Page) {
	expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
}

test('without JavaScript: staff get advice, save a plain version, and readers see it first', async ({ pageWith }) => {
	const page = await pageWith({ as: 'demo-beleid', javaScriptEnabled: false, viewport: smallPhone });
	await page.goto(thread);
	await page.getByRole('link', { name: 'Eenvoudige versie schrijven' }).click();
	await expect(page).toHaveURL(new RegExp(`${editor}$`));
	// The official text stands beside the editor, as the report has it.
	await expect(page.getByRole('heading', { name: 'De officiële tekst' })).toBeVisible();

	await page.locator('#plainText').fill(hard);
	await page.getByRole('button', { name: 'Controleer mijn tekst' }).click();
	await expect(page.locator('#writing-checked')).toContainText('nog niet opgeslagen');
	await expect(page.locator('#plainText')).toHaveValue(hard);
	const advice = page.locator('.field:has(#plainText) + .writing');
	await expect(advice.locator('[role="status"]')).toContainText('moeilijker dan B1');
	await expect(advice.locator('li', { hasText: 'Lijdende vorm' })).toHaveCount(1);
	await noSideways(page);

	const plain = `Iedereen krijgt hulp op maat. Ook wie geen papieren heeft. (${Date.now()})`;
	await page.locator('#plainText').fill(plain);
	await page.getByRole('button', { name: 'Eenvoudige versie opslaan' }).click();
	await expect(page.locator('.notice-success')).toContainText('De eenvoudige versie is opgeslagen.');
	await expect(page.locator('#plainText')).toHaveValue(plain);

	const reader = await pageWith({ javaScriptEnabled: false, viewport: smallPhone });
	await reader.goto(thread);
	await expect(reader.locator('section.plain')).toContainText(plain);
	// Only staff get the link to the editor.
	await expect(reader.getByRole('link', { name: 'Eenvoudige versie schrijven' })).toHaveCount(0);
});

test('two editors at once: the second is told, sees what the first saved, and keeps their own text', async ({
	pageWith
}) => {
	const first = await pageWith({ as: 'demo-beleid', javaScriptEnabled: false, viewport: smallPhone });
	const second = await pageWith({ as: 'demo-beheerder', javaScriptEnabled: false, viewport: smallPhone });
	await first.goto(`${raced}/plain`);
	await second.goto(`${raced}/plain`);
	const theirs = `De eerste schrijver was sneller. (${Date.now()})`;
	const mine = `De tweede schrijver wil dit houden. (${Date.now()})`;
	await first.locator('#plainText').fill(theirs);
	await first.getByRole('button', { name: 'Eenvoudige versie opslaan' }).click();
	await expect(first.locator('.notice-success')).toBeVisible();

	await second.locator('#plainText').fill(mine);
	await second.getByRole('button', { name: 'Eenvoudige versie opslaan' }).click();
	await expect(second.locator('.error-summary')).toContainText(
		'Iemand anders heeft de eenvoudige versie net aangepast'
	);
	await expect(second.locator('#plainText')).toHaveValue(mine);
	await expect(second.locator('section[aria-labelledby="stored-heading"]')).toContainText(theirs);
	// Having read it, they save again: now their text is kept.
	await second.getByRole('button', { name: 'Eenvoudige versie opslaan' }).click();
	await expect(second.locator('.notice-success')).toBeVisible();
	await second.goto(raced);
	await expect(second.locator('section.plain')).toContainText(mine);
});

for (const locale of ['nl', 'ar']) {
	test(`axe finds no violation on the plain-version editor with advice shown, in ${locale}`, async ({ pageWith }) => {
		const page = await pageWith({ as: 'demo-beheerder', lang: locale, viewport: smallPhone });
		await page.goto(editor);
		await expect(page.locator('html')).toHaveAttribute('lang', locale);
		await page.locator('#plainText').fill(hard);
		await expect(page.locator('.writing li').first()).toBeVisible();
		await expectNoAxeViolations(page);
		await noSideways(page);
	});
}
