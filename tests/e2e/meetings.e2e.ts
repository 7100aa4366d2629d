import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { expect, test } from '@playwright/test';
import { demoTranslation, expectNoAxeViolations, exportBody, openPage, smallPhone } from './helpers';

/*
 * Group meetings (issue 13), on recommendation 44, used by no other test. On a 360 px phone with
 * JavaScript off: the demo association's coordinator names a member facilitator; the facilitator
 * records a meeting step by step (each step saved: the draft survives leaving the page), with counts and
 * two quotes in Turkish, prints the handout in Turkish and sends it. The thread shows the meeting's
 * counts apart from the votes; the dashboard and every export carry them, and the counts reconcile.
 * Then axe on every new page in Dutch and Arabic.
 */

const org = '/o/de-brug-demo';
const number = 44;
const thread = `/c/gekleurde-armoede/${number}`;
const nl = JSON.parse(readFileSync('src/lib/i18n/locales/nl/meetings.json', 'utf8'));
const quotes = ['Çocuklarımız için bu çok önemli.', 'Belediye bizi hiç dinlemiyor, ama bu öneri iyi.'];
const line = 'In groepsgesprekken: 1 gesprek, 12 mensen: 7 eens, 3 oneens, 2 weet niet';

test('a facilitator records a meeting with counts and Turkish quotes on a phone without JavaScript; thread, dashboard and every export carry the counts apart from votes', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(180_000);
	const phone = { javaScriptEnabled: false, viewport: smallPhone };

	// The coordinator names demo-bewoner, a member, facilitator.
	const { context: coordinator, page: coord } = await openPage(browser, baseURL!, { ...phone, as: 'demo-coordinator' });
	await coord.goto(org);
	const row = coord.locator('form.facilitator', { hasText: 'demo-bewoner' });
	await expect(row.locator('button')).toContainText(nl.facilitators.make);
	await row.locator('button').click();
	await expect(coord.locator('form.facilitator', { hasText: 'demo-bewoner' })).toContainText(nl.facilitators.badge);
	await coordinator.close();

	// The facilitator starts a meeting from the association's page.
	const { context: facilitator, page } = await openPage(browser, baseURL!, { ...phone, as: 'demo-bewoner' });
	await page.goto(org);
	await page.getByRole('link', { name: nl.list.link }).click();
	await page.getByRole('button', { name: nl.list.start }).click();
	await expect(page).toHaveURL(/\/o\/de-brug-demo\/meetings\/\d+$/);
	const meeting = new URL(page.url()).pathname;

	// Step 1, saved: leaving and coming back finds it as typed.
	await page.locator('#heldOn').fill('2026-11-25');
	await page.locator('#place').fill('Buurthuis De Brug, zaal 2');
	await page.locator('#mainLanguage-tr').check();
	await page.locator('input[name="languages"][value="nl"]').check();
	await page.locator('#participants').fill('12');
	await page.getByRole('button', { name: nl.form.saveNext }).click();
	await expect(page).toHaveURL(new RegExp(`${meeting}/choose$`));
	await page.goto(meeting);
	await expect(page.locator('#place')).toHaveValue('Buurthuis De Brug, zaal 2');
	await expect(page.locator('#participants')).toHaveValue('12');
	await expect(page.locator('#mainLanguage-tr')).toBeChecked();
	await page.getByRole('button', { name: nl.form.saveNext }).click();

	// Step 2: the recommendation discussed.
	await page.locator(`input[name="numbers"][value="${number}"]`).check();
	await page.getByRole('button', { name: nl.form.saveNext }).click();
	await expect(page).toHaveURL(new RegExp(`${meeting}/r/${number}$`));

	// Step 3: one recommendation per screen, big number fields; a quote saved before adding another.
	for (const field of ['#agree', '#disagree', '#notSure', '#quote-0', 'button']) {
		const box = await page.locator(`main ${field}`).first().boundingBox();
		expect(box!.height, field).toBeGreaterThanOrEqual(44);
	}
	await expect(page.locator('#agree')).toHaveAttribute('type', 'number');
	await page.locator('#agree').fill('7');
	await page.locator('#disagree').fill('3');
	await page.locator('#notSure').fill('2');
	await page.locator('#quote-0').fill(quotes[0]);
	await page.getByRole('button', { name: nl.form.moreQuotes }).click();
	await expect(page.locator('#quote-0')).toHaveValue(quotes[0]);
	await expect(page.locator('#agree')).toHaveValue('7');
	await page.locator('#quote-1').fill(quotes[1]);
	await page.getByRole('button', { name: nl.form.saveNext }).click();
	await expect(page).toHaveURL(new RegExp(`${meeting}/review$`));
	expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

	// The handout: the recommendation in plain language, in Turkish (the meeting's main language).
	await page.getByRole('link', { name: nl.form.print }).click();
	const tr = demoTranslation('tr')!.recommendations.find((r) => r.number === number)!;
	await expect(page.locator('article.sheet')).toHaveAttribute('lang', 'tr');
	await expect(page.locator('article.sheet h2')).toContainText(tr.shortTitle);
	await expect(page.locator('article.sheet')).toContainText(tr.plain[0].slice(0, 40));
	await page.goBack();

	// Step 4: sent, and published (nothing personal in it).
	await expect(page.locator('main')).toContainText(quotes[1]);
	await page.getByRole('button', { name: nl.form.send }).click();
	await expect(page.locator('.notice-success')).toHaveText(nl.sent.published);
	const meetingId = Number(meeting.split('/').pop());
	await facilitator.close();

	// The thread: the counts in their own section, labelled as recorded, never as votes.
	const { context: visitor, page: reader } = await openPage(browser, baseURL!, phone);
	await reader.goto(thread);
	const section = reader.locator('section#meetings');
	await expect(section.locator('.line')).toHaveText(line);
	await expect(section).toContainText(nl.honesty);
	await expect(reader.locator('#vote .total')).toHaveText('0 mensen stemden');
	await expect(reader.locator('#vote')).not.toContainText('12 mensen');
	for (const q of quotes) await expect(section.locator('blockquote [lang="tr"]', { hasText: q })).toBeVisible();
	await expect(reader.locator('#comments')).not.toContainText(quotes[0]);
	await visitor.close();

	// The dashboard and every export: the same counts, apart from the votes.
	const { context: staff, page: policy } = await openPage(browser, baseURL!, {
		acceptDownloads: true,
		as: 'demo-beleid'
	});
	await policy.goto('/c/gekleurde-armoede/dashboard');
	const dashRow = policy.locator('section#meetings tr', { hasText: `${number}.` });
	// Each cell also carries its column's name, shown when the table folds into cards on a phone.
	await expect(dashRow.locator('td .cell-value')).toHaveText(['1', '12', '7', '3', '2']);

	const csv = parse(await exportBody(policy, 'meetings.csv'), { columns: true, bom: true }) as Record<string, string>[];
	const rows = csv.filter((r) => r.recommendation === String(number));
	expect(rows.map((r) => [r.meeting, r.participants, r.agree, r.disagree, r.not_sure])).toEqual([
		[String(meetingId), '12', '7', '3', '2']
	]);
	expect(rows[0].quotes.split('\n')).toEqual(quotes);
	const recCsv = parse(await exportBody(policy, 'recommendations.csv'), { columns: true, bom: true }) as Record<
		string,
		string
	>[];
	expect(recCsv.find((r) => r.recommendation === String(number))!.votes).toBe('0');

	const json = JSON.parse((await exportBody(policy, 'json')).toString('utf8'));
	const inJson = json.group_meetings.filter((m: { recommendation: number }) => m.recommendation === number);
	expect(inJson.map((m: { hands: object; participants: number }) => [m.participants, m.hands])).toEqual([
		[12, { agree: 7, disagree: 3, not_sure: 2 }]
	]);
	expect(json.recommendations.find((r: { number: number }) => r.number === number).votes.total).toBe(0);

	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load((await exportBody(policy, 'xlsx')) as unknown as ArrayBuffer);
	const sheet = workbook.getWorksheet(nl.export.sheet)!;
	const sheetRows: number[][] = [];
	sheet.eachRow((r, i) => {
		if (i > 1 && Number(r.getCell(2).value) === number)
			sheetRows.push([7, 8, 9, 10].map((c) => Number(r.getCell(c).value)));
	});
	expect(sheetRows).toEqual([[12, 7, 3, 2]]);

	const docx = await JSZip.loadAsync(await exportBody(policy, 'docx'));
	const text = (await docx.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
	expect(text).toContain(nl.report.heading);
	expect(text).toContain(line);
	// The other files still download (every format is offered).
	for (const format of ['comments.csv', 'votes.csv', 'summaries.csv', 'answers.csv'])
		expect((await exportBody(policy, format)).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
	await staff.close();

	// axe on the new pages, in Dutch and Arabic (JavaScript on).
	for (const lang of ['nl', 'ar']) {
		const { context: c, page: p } = await openPage(browser, baseURL!, { lang, as: 'demo-coordinator' });
		await p.goto(org);
		await expectNoAxeViolations(p);
		await p.goto(`${org}/meetings`);
		await expectNoAxeViolations(p);
		await p.locator('form.start button').click();
		await expect(p).toHaveURL(/\/meetings\/\d+$/);
		const draft = new URL(p.url()).pathname;
		await expectNoAxeViolations(p);
		await p.locator('#participants').fill('0');
		await p.locator('form[action="?/details"] button').click();
		await expect(p.locator('.error-summary')).toBeVisible();
		await expectNoAxeViolations(p);
		await p.goto(`${draft}/choose`);
		await expectNoAxeViolations(p);
		await p.locator(`input[name="numbers"][value="${number}"]`).check();
		await p.locator('form[action="?/choose"] button').click();
		await expect(p).toHaveURL(new RegExp(`/r/${number}$`));
		await expectNoAxeViolations(p);
		await p.goto(`${draft}/review`);
		await expectNoAxeViolations(p);
		await p.goto(`${draft}/print`);
		await expectNoAxeViolations(p);
		await p.goto(meeting);
		await expectNoAxeViolations(p);
		await p.goto(thread);
		await expectNoAxeViolations(p);
		await c.close();
		const { context: m, page: mod } = await openPage(browser, baseURL!, { lang, as: 'demo-moderator' });
		await mod.goto('/moderate/meetings');
		await expectNoAxeViolations(mod);
		await mod.goto(`/moderate/meetings/${meetingId}`);
		await expectNoAxeViolations(mod);
		await m.close();
		const { context: s, page: pol } = await openPage(browser, baseURL!, { lang, as: 'demo-beleid' });
		await pol.goto('/c/gekleurde-armoede/dashboard#meetings');
		await expectNoAxeViolations(pol);
		await s.close();
	}
});
