import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, newParticipant, openPage, smallPhone } from './helpers';

/*
 * Issue 14: tables people can read. The dashboard is wide on a desktop, so its table per recommendation
 * shows every column, the follow-up included, without scrolling sideways; on a phone each recommendation
 * is a card. The moderation log and the public moderation page fit a 360 px phone the same way, and the
 * log names every action and reason in words, never as a code. Recommendation 58 is used by no other test.
 */

const dashboard = '/c/gekleurde-armoede/dashboard';
const thread = '/c/gekleurde-armoede/58';
const desktop = { width: 1280, height: 800 };
const nlModeration = JSON.parse(readFileSync('src/lib/i18n/locales/nl/moderation.json', 'utf8'));

/** Nothing on the page scrolls sideways: not the page, and no box around a table. */
async function sidewaysScrollers(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const found: string[] = [];
		if (document.documentElement.scrollWidth > window.innerWidth) found.push('the page');
		for (const table of document.querySelectorAll('main table')) {
			for (let el: Element | null = table; el && el !== document.body; el = el.parentElement)
				if (el.scrollWidth > el.clientWidth + 1)
					found.push(
						`${el.tagName}.${el.className} around ${table.querySelector('caption')?.textContent ?? table.className}`
					);
		}
		return found;
	});
}

/**
 * Every row of the tables matched by `selector` lies within the screen, and each value shows the name of
 * its column: the rows are readable cards. Returns how many cells were checked.
 */
async function readableCards(page: Page, selector: string): Promise<number> {
	const problems = await page.locator(selector).evaluateAll((tables) => {
		const out: string[] = [];
		let cells = 0;
		for (const table of tables) {
			for (const cell of table.querySelectorAll<HTMLElement>(':scope > tbody > tr > *')) {
				cells++;
				const box = cell.getBoundingClientRect();
				if (box.left < 0 || box.right > window.innerWidth + 0.5)
					out.push(`cell off screen: ${cell.textContent?.trim().slice(0, 40)}`);
				if (box.width < 40 || box.height < 10) out.push(`cell too small: ${cell.textContent?.trim().slice(0, 40)}`);
				if (cell.tagName === 'TD') {
					const label = cell.querySelector<HTMLElement>('.cell-label');
					if (!label || label.getBoundingClientRect().width === 0) out.push(`no visible label: ${cell.textContent}`);
				}
			}
		}
		return { out, cells };
	});
	expect(problems.out).toEqual([]);
	return problems.cells;
}

for (const locale of ['nl', 'ar']) {
	test(`at 1280 × 800 the dashboard shows its whole table per recommendation, follow-up included (${locale})`, async ({
		browser,
		baseURL
	}) => {
		// A long page (60 recommendations, every folded table open) that axe reads in full: slow on a busy machine.
		test.setTimeout(180_000);
		const { context, page } = await openPage(browser, baseURL!, { viewport: desktop, as: 'demo-beleid', lang: locale });
		await page.goto(dashboard);
		await expect(page.locator('html')).toHaveAttribute('lang', locale);
		const tables = page.locator('table.recs');
		expect(await tables.count()).toBe(8);
		for (const table of await tables.all()) {
			// A real table here, not cards: its column headers are shown, the last one being the follow-up.
			const followUp = table.locator('thead th').last();
			await expect(followUp).toBeVisible();
			const box = (await followUp.boundingBox())!;
			expect(box.width).toBeGreaterThan(40);
			expect(box.x).toBeGreaterThanOrEqual(0);
			expect(box.x + box.width).toBeLessThanOrEqual(desktop.width);
			// Every row's follow-up cell is on the screen too.
			for (const cell of await table.locator('tbody tr td:last-child').all()) {
				const b = (await cell.boundingBox())!;
				expect(b.x).toBeGreaterThanOrEqual(0);
				expect(b.x + b.width).toBeLessThanOrEqual(desktop.width);
			}
		}
		expect(await sidewaysScrollers(page)).toEqual([]);
		await expectNoAxeViolations(page);

		// Wide is the dashboard's choice alone: another page keeps the reading width of 44rem.
		await page.goto('/moderation');
		expect((await page.locator('main').boundingBox())!.width).toBeLessThanOrEqual(44 * 16);
		await context.close();
	});

	test(`at 360 px every recommendation on the dashboard is a readable card, nothing scrolls sideways (${locale})`, async ({
		browser,
		baseURL
	}) => {
		// A long page (60 recommendations, every folded table open) that axe reads in full: slow on a busy machine.
		test.setTimeout(180_000);
		const { context, page } = await openPage(browser, baseURL!, {
			viewport: smallPhone,
			as: 'demo-beleid',
			lang: locale
		});
		await page.goto(dashboard);
		await expect(page.locator('html')).toHaveAttribute('lang', locale);
		// Open every folded table too (the numbers behind the charts, the agreement per group).
		await page.evaluate(() =>
			document.querySelectorAll<HTMLDetailsElement>('main details').forEach((d) => (d.open = true))
		);
		// 60 recommendations, 7 values and a header each.
		expect(await readableCards(page, 'table.recs')).toBe(60 * 8);
		// The other tables of many columns are cards too: per group, and the agreement per recommendation.
		expect(await readableCards(page, 'table.cards:not(.recs)')).toBeGreaterThan(60 * 8);
		// The follow-up reads as such on each card.
		const followUpName = (await page.locator('table.recs thead th').last().textContent())!.trim();
		await expect(page.locator('table.recs tbody tr td:last-child .cell-label').first()).toHaveText(followUpName);
		await expect(page.locator('table.recs tbody tr td:last-child .cell-label').first()).toBeVisible();
		expect(await sidewaysScrollers(page)).toEqual([]);
		// Messages with a number and its noun are put together in full (no placeholder or $t( left over).
		expect(await page.locator('main').innerText()).not.toMatch(/\{\{|\$t\(/);
		await expectNoAxeViolations(page);
		await context.close();
	});
}

test('the moderation log names every action and reason in words, and it and the public page fit a phone in nl and ar', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	const suffix = Date.now().toString(36).slice(-4);
	// Something to log: a comment, reported as personal details and removed by a moderator for that reason.
	const author = await newParticipant(browser, baseURL!, `Schrijver ${suffix}`);
	await author.page.goto(thread);
	await author.page.locator('#comment-body').fill(`Een reactie om weg te halen ${suffix}`);
	await author.page.locator('#comment-form button[type="submit"]').click();
	const mine = author.page.locator('.comment', { hasText: suffix }).first();
	await expect(mine).toBeVisible();
	const id = Number((await mine.getAttribute('id'))!.replace('comment-', ''));
	const reporter = await newParticipant(browser, baseURL!, `Melder ${suffix}`);
	await reporter.page.goto(`${thread}?report=${id}#comment-${id}`);
	await reporter.page.locator(`#report-${id}-personal`).check();
	await reporter.page.locator(`#comment-${id} .report-box button`).click();
	await expect(reporter.page.locator(`#comment-${id}`)).toContainText(/Je hebt deze reactie gemeld/);

	const { context, page } = await openPage(browser, baseURL!, { viewport: smallPhone, as: 'demo-moderator' });
	await page.goto('/moderate');
	const item = page.locator(`#item-${id}`);
	await item.locator('details', { hasText: 'Weghalen' }).first().locator('summary').click();
	await item.locator(`#hide-${id}-personal`).check();
	await item.locator('form[action="?/hide"] button').click();
	await expect(page.locator('.notice-success')).toContainText('De reactie is weggehaald');

	await page.goto('/moderate/log');
	// What it is about, in words, linked to the comment in its thread.
	const row = page.locator('table.cards tbody tr', { has: page.locator(`a[href$="#comment-${id}"]`) });
	await expect(row).toContainText(nlModeration.log.action.comment_hide);
	await expect(row.locator(`a[href$="#comment-${id}"]`)).toHaveText(/^Reactie bij aanbeveling \d+$/);
	await expect(row).toContainText(nlModeration.reason.personal);
	// No row shows an action code (comment.hide, invite.created ...) or a bare reason code.
	const what = await page.locator('table.cards tbody tr td:nth-child(3) .cell-value').allTextContents();
	expect(what.length).toBeGreaterThan(1);
	expect(what.filter((w) => /^[a-z_]+\.[a-zA-Z_.]+$/.test(w.trim()))).toEqual([]);
	// No row says what it is about as a bare kind and id ("comment 12"), nor shows detail as raw JSON.
	const about = await page.locator('table.cards tbody tr td:nth-child(4) .cell-value').allTextContents();
	expect(about.filter((w) => /^[a-z_]+ \d+$/.test(w.trim()))).toEqual([]);
	const why = await page.locator('table.cards tbody tr td:nth-child(5) .cell-value').allTextContents();
	expect(why.filter((w) => w.includes('{"'))).toEqual([]);
	expect(why.filter((w) => /^(personal|hurtful|spam|off_topic|other|reports)\b/.test(w.trim()))).toEqual([]);

	for (const locale of ['nl', 'ar']) {
		for (const path of ['/moderate/log', '/moderation']) {
			await page.goto(`${path}?lang=${locale}`);
			await expect(page.locator('html')).toHaveAttribute('lang', locale);
			expect(await readableCards(page, 'table.cards'), path).toBeGreaterThan(2);
			expect(await sidewaysScrollers(page), `${path} in ${locale}`).toEqual([]);
			await expectNoAxeViolations(page);
		}
	}
	// Filtered by a kind, the log still names the action in words.
	await page.goto('/moderate/log?kind=comment&lang=nl');
	await expect(page.locator('table.cards tbody tr').first()).toContainText(nlModeration.log.action.comment_hide);
	for (const c of [context, author.context, reporter.context]) await c.close();
});
