import { expect, test } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { organiserLimits } from '../../src/lib/domain';
import { consultationPath, expectNoAxeViolations, openPage, smallPhone } from './helpers';

/*
 * The report a policy officer hands on (issue 14): the print view starts with the key findings and
 * names who runs the consultation, has no WCAG violation in Dutch and in Arabic, and prints on A4 with
 * tables whose cells hold their words. The PDF goes to /tmp/samenspraak-report (for a person to look at).
 */

const report = `${consultationPath}/dashboard/report`;

for (const locale of ['nl', 'ar']) {
	test(`the print view in ${locale}: key findings first, the organiser, no axe violation, clean A4 tables`, async ({
		browser,
		baseURL
	}) => {
		const { context, page } = await openPage(browser, baseURL!, { viewport: smallPhone, as: 'demo-beleid' });
		await page.goto(`${report}?lang=${locale}`);
		await expect(page.locator('html')).toHaveAttribute('lang', locale);
		// Key findings come before the method; the demo's organiser is named.
		const headings = await page.locator('main h2').allTextContents();
		const findings = headings.findIndex(
			(h) => h.trim() === (locale === 'nl' ? 'Belangrijkste bevindingen' : 'أهم النتائج')
		);
		const method = headings.findIndex((h) => h.trim() === (locale === 'nl' ? 'Hoe we werkten' : 'كيف عملنا'));
		expect(findings).toBe(0);
		expect(method).toBeGreaterThan(findings);
		await expect(page.locator('article.report header')).toContainText('Samenspraak demo');
		// Group meetings have their section, as in the Word report: the demo meeting on recommendation 8,
		// marked as demo data, with what was heard there.
		const meetings = page.locator('section.meetings');
		await expect(meetings.locator('h2')).toHaveText(locale === 'nl' ? 'Groepsgesprekken' : 'اللقاءات الجماعية');
		await expect(meetings.locator('#report-meetings-8')).toBeVisible();
		await expect(meetings.locator('table').first()).toContainText(locale === 'nl' ? '(demo)' : '(تجريبي)');
		await expect(meetings).toContainText('Een vaste contactpersoon zou veel schelen.');
		// Numbers with their nouns come from nested plural forms (common:unit): none is left unresolved.
		await expect(page.locator('main')).not.toContainText('$t(');
		await expectNoAxeViolations(page);

		// Printed on A4: every table cell holds its longest word (no word sticks out or is cut in two
		// without a hyphen), and table headings repeat on each page.
		// A4 less the 15 mm margins of the PDF below: 180 mm, 680 CSS pixels.
		await page.setViewportSize({ width: 680, height: 1000 });
		await page.emulateMedia({ media: 'print' });
		const cut = await page.evaluate(() => {
			const bad: string[] = [];
			for (const cell of document.querySelectorAll<HTMLElement>('article.report th, article.report td')) {
				const words = (cell.textContent ?? '').split(/\s+/).filter(Boolean);
				const probe = document.createElement('span');
				probe.style.whiteSpace = 'nowrap';
				probe.style.hyphens = 'none';
				cell.appendChild(probe);
				const style = getComputedStyle(cell);
				const room = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
				for (const word of words) {
					probe.textContent = word;
					if (probe.getBoundingClientRect().width > room + 0.5) bad.push(word);
				}
				probe.remove();
			}
			return bad;
		});
		expect(cut, 'words wider than their printed column').toEqual([]);
		expect(
			await page
				.locator('article.report thead')
				.first()
				.evaluate((e) => getComputedStyle(e).display)
		).toBe('table-header-group');
		const pdf = await page.pdf({
			format: 'A4',
			printBackground: true,
			margin: { top: '15mm', bottom: '15mm', left: '15mm', right: '15mm' }
		});
		mkdirSync('/tmp/samenspraak-report', { recursive: true });
		writeFileSync(`/tmp/samenspraak-report/report-${locale}.pdf`, pdf);
		// Recommendations nobody responded to are one table, not a page each: the whole report stays short.
		const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
		expect(pages).toBeGreaterThan(1);
		expect(pages).toBeLessThan(15);
		await context.close();
	});
}

test('an administrator names the organiser, with a message in their language for bad input, without JavaScript', async ({
	browser,
	baseURL
}) => {
	const { context, page } = await openPage(browser, baseURL!, {
		viewport: smallPhone,
		javaScriptEnabled: false,
		as: 'demo-beheerder'
	});
	const form = (slug: string) => page.locator(`#c-${slug} form[action="?/organiser"]`);
	await page.goto('/admin/consultations?lang=fr');
	const slug = 'gekleurde-armoede';
	await expect(page.locator(`#org-${slug}-Name`)).toHaveValue('Samenspraak demo');
	// The hints give each limit with the noun in the plural form it needs, nested from common:unit.
	await expect(page.locator('main')).toContainText(`${organiserLimits.name} caractères au plus.`);
	await expect(page.locator('main')).not.toContainText('$t(');
	// A line without a name: refused, in French, and what was typed is kept.
	await page.locator(`#org-${slug}-Name`).fill('');
	await page.locator(`#org-${slug}-Line`).fill('Une ligne sans nom');
	await form(slug).locator('button').click();
	await expect(page.locator('.error-summary, [role="alert"]').first()).toContainText(
		"Indiquez aussi le nom de l'organisateur."
	);
	await expect(page.locator(`#org-${slug}-Line`)).toHaveValue('Une ligne sans nom');
	// Back to the true value: saved, and shown on the consultation page.
	await page.locator(`#org-${slug}-Name`).fill('Samenspraak demo');
	await page
		.locator(`#org-${slug}-Line`)
		.fill(
			'Een demonstratie van Samenspraak op een verslag uit 2008. De auteurs van het verslag en de overheid organiseren deze raadpleging niet en lezen de reacties niet.'
		);
	await form(slug).locator('button').click();
	await expect(page.locator('[role="status"]')).toContainText("L'organisateur est enregistré.");
	await page.goto(`${consultationPath}?lang=nl`);
	await expect(page.locator('section.organiser')).toContainText('Samenspraak demo');
	await expect(page.locator('section.organiser')).toContainText(
		'De auteurs van het verslag en de overheid organiseren'
	);
	await context.close();
	// axe on the admin page with its organiser form, in Dutch and Arabic (JavaScript on).
	for (const lang of ['nl', 'ar']) {
		const admin = await openPage(browser, baseURL!, { viewport: smallPhone, as: 'demo-beheerder' });
		await admin.page.goto(`/admin/consultations?lang=${lang}`);
		await expectNoAxeViolations(admin.page);
		await admin.context.close();
	}
});
