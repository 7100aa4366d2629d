import { expect, type Page } from '@playwright/test';
import { buildDocx, sampleMarkdown } from '../../src/lib/server/import/test-reports';
import { expectNoAxeViolations, smallPhone, test } from './helpers';

/*
 * Bring your own report (issue 15): an administrator creates a consultation, imports a report the test
 * builds itself (a Word file, then Markdown), fixes one recommendation in the preview, publishes, opens
 * the consultation and takes part on a thread of the result. All with JavaScript off, on a phone. The new
 * pages are checked with axe in Dutch and Arabic (axe needs JavaScript).
 *
 * The consultation is opened only for the moment the thread is checked, then put back to draft: the
 * other e2e files share this server, and some expect the demo to be the only open consultation.
 */

/** Creates a consultation through the form; the form first refuses an empty title, keeping what was typed. */
async function createConsultation(page: Page, title: string): Promise<string> {
	await page.goto('/admin/consultations');
	await page.getByRole('link', { name: 'Maak een nieuwe raadpleging' }).click();
	await expect(page).toHaveURL(/\/admin\/consultations\/new$/);
	await page.locator('#purpose').fill('We willen weten wat u van ons verslag vindt.');
	await page.locator('#closesAt').fill('2027-01-10');
	await page.locator('#opensAt').fill('2027-02-10');
	await page.locator('main form button').click();
	const summary = page.locator('.error-summary');
	await expect(summary).toContainText('Geef de raadpleging een titel.');
	await expect(summary).toContainText('De raadpleging kan niet sluiten voor ze opent.');
	await expect(page.locator('#purpose')).toHaveValue('We willen weten wat u van ons verslag vindt.');

	await page.locator('#title').fill(title);
	await page.locator('#closesAt').fill('2027-03-10');
	await page.locator('#organiserName').fill('Stad Testdorp');
	await page.locator('#sourceTitle').fill('Wonen en werk in Testdorp');
	await page.locator('main form button').click();
	await expect(page).toHaveURL(/\/admin\/consultations\/[a-z0-9-]+\/import$/);
	return new URL(page.url()).pathname.split('/')[3];
}

/** Sends the test's Word report under this file name through the import form. */
async function upload(page: Page, name: string) {
	await page.locator('#file').setInputFiles({ name, mimeType: 'application/octet-stream', buffer: await buildDocx() });
	await page.getByRole('button', { name: 'Lees het verslag' }).click();
}

/** The preview's article of the part with this title. */
const part = (page: Page, title: string) => page.locator('article.part', { hasText: title }).first();

/** Checks the proposal, fixes one recommendation, publishes, and checks nothing was published before. */
async function fixAndPublish(page: Page, slug: string) {
	await expect(page.locator('#proposal')).toContainText('3 aanbevelingen.');
	await expect(page.locator('#proposal')).toContainText("2 thema's.");
	// Nothing is in the consultation yet.
	await expect(page.locator('main')).not.toContainText('Deze raadpleging heeft');

	// Fix: "Goede woningen" becomes "Warme woningen", number 5, in the second theme.
	const woningen = part(page, 'Goede woningen');
	await woningen.locator('input[name="title"]').fill('Warme woningen');
	await woningen.locator('input[name="number"]').fill('5');
	await woningen.locator('select[name="theme"]').selectOption({ label: 'Thema 2: Werk' });
	await woningen.locator('form[action="?/part"] button').click();
	await expect(page.locator('.notice[role="status"]')).toHaveText('Het deel is opgeslagen.');
	const fixed = part(page, 'Warme woningen');
	await expect(fixed.locator('h4')).toContainText('Aanbeveling 5');
	await expect(fixed).toContainText('Thema 2: Werk');
	await expect(fixed).toContainText('In het rapport: 1.2');

	// A number that is taken is refused, with the number kept as typed.
	const huur = part(page, 'Betaalbare huur');
	await huur.locator('input[name="number"]').fill('5');
	await huur.locator('form[action="?/part"] button').click();
	await expect(part(page, 'Betaalbare huur').locator('.error-summary')).toContainText('nummer 5');
	await expect(part(page, 'Betaalbare huur').locator('input[name="number"]')).toHaveValue('5');

	await page.getByRole('button', { name: 'Publiceer in de ontwerp-raadpleging' }).click();
	await expect(page.locator('.notice[role="status"]')).toHaveText('Het verslag staat in de raadpleging.');
	await expect(page.locator('main')).toContainText('Deze raadpleging heeft 3 aanbevelingen.');
	// Still a draft: participants cannot see it.
	const anonymous = await page
		.context()
		.browser()!
		.newContext({ baseURL: new URL(page.url()).origin });
	expect((await anonymous.request.get(`/c/${slug}`)).status()).toBe(404);
	await anonymous.close();

	// A plain version can be written while it is still a draft, from the list of what the report became.
	const item = page.locator('.plain-list li', { hasText: 'Warme woningen' });
	await expect(item).toContainText('Eenvoudige versie: nog niet geschreven');
	await item.getByRole('link').click();
	await expect(page.locator('main')).toContainText('De raadpleging is nog een ontwerp.');
	await page.locator('#plainText').fill(PLAIN);
	await page.getByRole('button', { name: 'Eenvoudige versie opslaan' }).click();
	await expect(page.locator('.notice-success')).toContainText('De eenvoudige versie is opgeslagen.');
	await page.goto(`/admin/consultations/${slug}/import`);
	await expect(page.locator('.plain-list li', { hasText: 'Warme woningen' })).toContainText('Eenvoudige versie: klaar');
}

/** The plain version written for "Warme woningen" while the consultation is a draft. */
const PLAIN = 'De stad zorgt dat elke woning warm blijft in de winter.';

/** Sets the phase through the consultations page. */
async function setPhase(page: Page, slug: string, phase: 'open' | 'draft') {
	await page.goto(`/admin/consultations#c-${slug}`);
	const section = page.locator(`#c-${slug}`);
	await section.locator('select[name="phase"]').selectOption(phase);
	await section.locator('form[action="?/phase"] button').click();
	await expect(page.locator('.notice[role="status"]')).toBeVisible();
}

/** Opens the consultation, reads the fixed recommendation's thread, votes and comments, then closes it again. */
async function openAndTakePart(page: Page, slug: string, comment: string) {
	await setPhase(page, slug, 'open');
	try {
		await page.goto(`/c/${slug}`);
		await expect(page.locator('main')).toContainText('Warme woningen');
		await page.goto(`/c/${slug}/5`);
		await expect(page.locator('section.plain')).toContainText(PLAIN);
		const official = page.locator('section.official');
		await expect(official).toContainText('In het rapport: 1.2');
		await expect(official.locator('table th')).toHaveText(['Wijk', 'Woningen']);
		await expect(official.locator('table td')).toHaveText(['Noord', '120']);
		await page.goto(`/c/${slug}/1`);
		await expect(page.locator('section.official li')).toContainText([
			'1. Eerst de wachtlijst korter maken',
			'2. Dan de huurprijs begrenzen',
			'Bron: woononderzoek 2025.'
		]);
		await expect(page.locator('section.official')).toContainText('1.1.a De stad bouwt meer sociale woningen.');
		await page.locator('#vote button[value="agree"]').click();
		await expect(page.locator('#vote button[value="agree"]')).toHaveAttribute('aria-pressed', 'true');
		await page.locator('#comment-body').fill(comment);
		await page.locator('#comment-form button[type="submit"]').click();
		await expect(page.locator('.comment', { hasText: comment }).first()).toBeVisible();
	} finally {
		await setPhase(page, slug, 'draft');
	}
}

test('a Word report: create, import, fix, publish, open, take part (JavaScript off, 360 px)', async ({ pageWith }) => {
	test.setTimeout(120_000);
	const page = await pageWith({ as: 'demo-beheerder', javaScriptEnabled: false, viewport: smallPhone });
	const slug = await createConsultation(page, 'Wonen en werk in Testdorp (Word)');

	// A file with macros is refused, and nothing is kept.
	await upload(page, 'verslag.docm');
	await expect(page.locator('.error-summary')).toContainText("Dit bestand bevat macro's.");
	await expect(page.locator('#proposal')).toHaveCount(0);

	await upload(page, 'verslag.docx');
	await expect(page.locator('#proposal')).toContainText('1 afbeelding is weggelaten.');
	await fixAndPublish(page, slug);
	await openAndTakePart(page, slug, 'Goed dat dit uit Word komt.');
});

test('a Markdown report, pasted: create, import, fix, publish, open, take part (JavaScript off, 360 px)', async ({
	pageWith
}) => {
	test.setTimeout(120_000);
	const page = await pageWith({ as: 'demo-beheerder', javaScriptEnabled: false, viewport: smallPhone });
	const slug = await createConsultation(page, 'Wonen en werk in Testdorp (Markdown)');
	await page.locator('#text').fill(sampleMarkdown);
	await page.getByRole('button', { name: 'Lees het verslag' }).click();
	await expect(page.locator('#proposal')).toContainText('1 afbeelding is weggelaten.');
	await fixAndPublish(page, slug);
	await openAndTakePart(page, slug, 'Goed dat dit uit Markdown komt.');
});

for (const lang of ['nl', 'ar'] as const) {
	test(`the new pages have no axe violations in ${lang}`, async ({ pageWith }) => {
		const page = await pageWith({ as: 'demo-beheerder', lang, viewport: smallPhone });
		await page.goto('/admin/consultations/new');
		await expectNoAxeViolations(page);
		await page.locator('main form button').click();
		await expect(page.locator('.error-summary')).toBeVisible();
		await expectNoAxeViolations(page);

		await page.locator('#title').fill(`Toegankelijk ${lang}`);
		await page.locator('#purpose').fill('Wat vindt u?');
		await page.locator('main form button').click();
		await expect(page).toHaveURL(/\/import$/);
		const slug = new URL(page.url()).pathname.split('/')[3];
		await expectNoAxeViolations(page);
		await page.locator('#text').fill(sampleMarkdown);
		await page.locator('form[action="?/upload"] button').click();
		await expect(page.locator('#proposal')).toBeVisible();
		await page.locator('#proposal details').first().locator('summary').click();
		await expectNoAxeViolations(page);
		await page.locator('form[action="?/publish"] button').click();
		await expect(page.locator('.notice[role="status"]')).toBeVisible();
		// Published: the list of recommendations to write plain versions for.
		await expect(page.locator('.plain-list li')).toHaveCount(3);
		await expectNoAxeViolations(page);
		await page.goto('/admin/consultations');
		await expectNoAxeViolations(page);
		// The home page lists the draft for those who prepare consultations.
		await page.goto('/');
		await expect(page.locator('#prepare')).toContainText(`Toegankelijk ${lang}`);
		await expectNoAxeViolations(page);

		// The thread of an imported recommendation, with its table, list and notes.
		await setPhase(page, slug, 'open');
		try {
			for (const number of [1, 2]) {
				await page.goto(`/c/${slug}/${number}`);
				await expect(page.locator('section.official')).toContainText(number === 1 ? 'Bron:' : 'Noord');
				await expectNoAxeViolations(page);
			}
		} finally {
			await setPhase(page, slug, 'draft');
		}
	});
}

test('the home page lists drafts for administrators and leads to their import page; participants never see it', async ({
	pageWith
}) => {
	const admin = await pageWith({ as: 'demo-beheerder', javaScriptEnabled: false, viewport: smallPhone });
	const slug = await createConsultation(admin, 'Een ontwerp voor de startpagina');
	await admin.goto('/');
	const prepare = admin.locator('#prepare');
	await prepare.getByRole('link', { name: 'Een ontwerp voor de startpagina' }).click();
	await expect(admin).toHaveURL(new RegExp(`/admin/consultations/${slug}/import$`));
	await admin.goto('/');
	await expect(prepare.getByRole('link', { name: 'Maak een nieuwe raadpleging' })).toHaveAttribute(
		'href',
		'/admin/consultations/new'
	);

	for (const as of ['demo-bewoner', undefined]) {
		const page = await pageWith({ as, javaScriptEnabled: false, viewport: smallPhone });
		await page.goto('/');
		await expect(page.locator('h1')).toBeVisible();
		await expect(page.locator('#prepare')).toHaveCount(0);
		await expect(page.locator('main')).not.toContainText('Een ontwerp voor de startpagina');
	}
});
