import { readdirSync, readFileSync } from 'node:fs';
import { expect } from '@playwright/test';
import { scriptsLoadedBy } from '../../scripts/js-weight';
import { consultationPath, test } from './helpers';

/*
 * The thread page is where most people land (a link in a news item or a flyer), on a phone. This holds what
 * its JavaScript costs on a first visit, with an empty cache, so that it cannot creep back up unnoticed
 * (issue 16, part 4). Before the chunk groups in vite.config.ts: 55 script requests, 113.5 KB gzip. The
 * issue's target is at most 15 requests and 70 KB; the requests are met, the bytes not yet (docs/benchmark.md
 * says why), so the byte budget holds today's figure with a little room. It was 104 KB at 101.0 KB; the
 * features merged after that (import, revisions, the writing check) brought it to 107.3 KB, mostly their
 * interface text, since every page still loads every namespace of its language: loading only a page's
 * namespaces is the next cut.
 */
const MAX_REQUESTS = 15;
const MAX_GZIP_BYTES = 110_000;
const thread = `${consultationPath}/21`;

/** Each language's text for the skip link: a string that is in that language's interface text and no other. */
const skipLink = Object.fromEntries(
	readdirSync('src/lib/i18n/locales').map((locale) => [
		locale,
		JSON.parse(readFileSync(`src/lib/i18n/locales/${locale}/common.json`, 'utf8')).skipToContent as string
	])
);

for (const as of [undefined, 'demo-bewoner']) {
	test(`the thread page ${as ? 'logged in' : 'logged out'} loads at most ${MAX_REQUESTS} scripts and ${MAX_GZIP_BYTES / 1000} KB gzip`, async ({
		pageWith
	}) => {
		// Logged in on one page, then measured on a fresh one with that session: the login's own scripts
		// would otherwise be in the cache.
		const storageState = as ? await (await pageWith({ as })).context().storageState() : undefined;
		const page = await pageWith({ storageState });
		const weight = await scriptsLoadedBy(page, thread);
		const list = weight.files.map((f) => `${f.gzip} B ${f.path}`).join('\n');
		console.log(`[bench] ${thread} ${as ?? 'logged out'}: ${weight.requests} scripts, ${weight.gzip} B gzip`);
		expect(weight.requests, list).toBeLessThanOrEqual(MAX_REQUESTS);
		expect(weight.gzip, list).toBeLessThanOrEqual(MAX_GZIP_BYTES);
	});
}

test('the browser gets the interface text of the reader’s language only', async ({ pageWith, request }) => {
	for (const lang of ['nl', 'ar']) {
		const page = await pageWith({ lang });
		const weight = await scriptsLoadedBy(page, thread);
		const code = (await Promise.all(weight.files.map(async (f) => (await request.get(f.path)).text()))).join('\n');
		for (const [locale, text] of Object.entries(skipLink)) {
			expect(code.includes(text), `${locale} text in the scripts of a ${lang} page`).toBe(locale === lang);
		}
	}
});
