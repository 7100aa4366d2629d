/*
 * What JavaScript a page makes the browser load: every script request (module scripts, modulepreloads and
 * dynamic imports) from opening the page until the network is quiet, and what those files weigh on the
 * wire. Used by scripts/js-budget.ts (the figures in docs/benchmark.md) and tests/e2e/js-budget.e2e.ts
 * (the budget that keeps them down).
 *
 * The sizes are fetched again with plain node:http, asking for one encoding, so nothing decompresses them
 * on the way: gzip is the figure issue 16 sets its budget in; brotli is what Chromium itself receives.
 */
import { request } from 'node:http';
import type { Page } from 'playwright-core';

export interface ScriptFile {
	path: string;
	gzip: number;
	brotli: number;
}

export interface ScriptWeight {
	/** How many script requests the page made. */
	requests: number;
	/** The bytes of those scripts as a client asking for gzip receives them. */
	gzip: number;
	/** The same with brotli. */
	brotli: number;
	files: ScriptFile[];
}

/** The length of `url`'s body as sent to a client that accepts only `encoding`; fails on anything but 200. */
function bytesOnTheWire(url: string, encoding: 'gzip' | 'br'): Promise<number> {
	return new Promise((resolve, reject) => {
		const req = request(url, { headers: { 'accept-encoding': encoding } }, (res) => {
			let length = 0;
			res.on('data', (chunk: Buffer) => (length += chunk.length));
			res.on('end', () =>
				res.statusCode === 200 && res.headers['content-encoding'] === encoding
					? resolve(length)
					: reject(new Error(`${url}: HTTP ${res.statusCode}, content-encoding ${res.headers['content-encoding']}`))
			);
		});
		req.on('error', reject);
		req.end();
	});
}

/**
 * Opens `path` on `page` (which may be logged in), waits until the network has been quiet for half a
 * second, and returns every script it loaded on the way with their sizes.
 */
export async function scriptsLoadedBy(page: Page, path: string): Promise<ScriptWeight> {
	const urls: string[] = [];
	const seen = (req: { resourceType(): string; url(): string }) => {
		if (req.resourceType() === 'script') urls.push(req.url());
	};
	page.on('request', seen);
	try {
		await page.goto(path, { waitUntil: 'networkidle' });
	} finally {
		page.off('request', seen);
	}
	const files = await Promise.all(
		[...new Set(urls)].map(async (url) => ({
			path: new URL(url).pathname,
			gzip: await bytesOnTheWire(url, 'gzip'),
			brotli: await bytesOnTheWire(url, 'br')
		}))
	);
	files.sort((a, b) => b.gzip - a.gzip);
	return {
		requests: urls.length,
		gzip: files.reduce((sum, f) => sum + f.gzip, 0),
		brotli: files.reduce((sum, f) => sum + f.brotli, 0),
		files
	};
}
