import { expect, test, type Browser, type Page } from '@playwright/test';
import { openPage } from './helpers';

/*
 * Every paged list answers a nonsense page number with a page of the list, never a 500: garbage falls
 * back to page 1, a page past the end to the last page. Recommendation 47 is used by no other test.
 */

const thread = '/c/gekleurde-armoede/47';

/** Not a page number: each must show page 1. */
const garbage = [
	'1e18',
	'Infinity',
	'1e309',
	'-1',
	'abc',
	'0',
	'2.5',
	'0x10',
	'',
	'9007199254740993',
	'x'.repeat(5000)
];
/** A page number, but past the end of every list here: each must show the last page. */
const pastTheEnd = ['99999', '2147483648'];

/** Each paged route, who may open it, and what shows that the list on the page is not empty. */
const routes = [
	{ path: `${thread}?sort=newest`, as: 'demo-bewoner', item: '#comments .comment' },
	{ path: `${thread}?sort=helpful`, as: 'demo-bewoner', item: '#comments .comment' },
	{ path: `${thread}/summary?sort=newest`, as: 'demo-moderator', item: 'ol.material > li .body' },
	{ path: '/moderate?view=open', as: 'demo-moderator', item: 'article.item' },
	{ path: '/moderate?view=hidden', as: 'demo-moderator', item: 'article.item' },
	{ path: '/moderate/log?kind=', as: 'demo-moderator', item: 'tbody tr' },
	{ path: '/admin/users?q=', as: 'demo-beheerder', item: 'ul.users > li' }
];

async function loggedIn(browser: Browser, baseURL: string, name: string): Promise<Page> {
	return (await openPage(browser, baseURL, { as: name })).page;
}

/** "page x of y" from the pager, or null when the list fits on one page (no pager shown). */
async function pagerPosition(page: Page): Promise<{ page: number; pages: number } | null> {
	const pager = page.locator('main nav.pages span');
	if ((await pager.count()) === 0) return null;
	const [x, y] = ((await pager.textContent()) ?? '').match(/\d+/g)!.map(Number);
	return { page: x, pages: y };
}

test('every paged list answers a nonsense or too large page number with page 1 or the last page', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(180_000);
	const suffix = Date.now().toString(36).slice(-4);

	// Something on every list: two comments on the thread, both reported; a moderator hides one, which
	// also writes the log. The other stays in the open queue.
	const author = await loggedIn(browser, baseURL!, 'demo-bewoner');
	const ids: number[] = [];
	for (const text of [`Eerste reactie om te bladeren ${suffix}`, `Tweede reactie om te bladeren ${suffix}`]) {
		await author.goto(thread);
		await author.locator('#comment-body').fill(text);
		await author.locator('#comment-form button[type="submit"]').click();
		const item = author.locator('.comment', { hasText: text }).first();
		await expect(item).toBeVisible();
		ids.push(Number((await item.getAttribute('id'))!.replace('comment-', '')));
	}
	const reporter = await loggedIn(browser, baseURL!, 'demo-ervaringsdeskundige');
	for (const id of ids) {
		await reporter.goto(`${thread}?report=${id}#comment-${id}`);
		await reporter.locator(`#report-${id}-off_topic`).check();
		await reporter.locator(`#comment-${id} .report-box button`).click();
		await expect(reporter.locator(`#comment-${id}`)).toContainText('Je hebt deze reactie gemeld');
	}
	const pages = {
		'demo-bewoner': author,
		'demo-moderator': await loggedIn(browser, baseURL!, 'demo-moderator'),
		'demo-beheerder': await loggedIn(browser, baseURL!, 'demo-beheerder')
	};
	const moderator = pages['demo-moderator'];
	await moderator.goto('/moderate');
	const hidden = moderator.locator(`#item-${ids[0]}`);
	await hidden.locator('details', { hasText: 'Weghalen' }).first().locator('summary').click();
	await hidden.locator('form[action="?/hide"] button').click();
	await expect(moderator.locator('.notice-success')).toContainText('De reactie is weggehaald');

	for (const route of routes) {
		const page = pages[route.as as keyof typeof pages];
		for (const value of [...garbage, ...pastTheEnd]) {
			const url = `${route.path}&page=${encodeURIComponent(value)}`;
			const response = await page.goto(url);
			const shown = `${route.path} page=${value.slice(0, 20)}`;
			// Soft: one run names every route and value that fails.
			expect.soft(response?.status(), shown).toBe(200);
			expect.soft(await page.locator(route.item).count(), `${shown} shows an empty list`).toBeGreaterThan(0);
			const position = await pagerPosition(page);
			if (position) expect.soft(position.page, shown).toBe(garbage.includes(value) ? 1 : position.pages);
		}
	}
	for (const page of Object.values(pages)) await page.context().close();
	await reporter.context().close();
});
