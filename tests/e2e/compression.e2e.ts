import { request as httpRequest } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { consultationPath } from './helpers';

/*
 * The built server compresses the pages and JSON it renders for clients that accept it, and sends them
 * as they are to clients that do not. Plain node:http, so nothing between the test and the server
 * decompresses or adds an Accept-Encoding header. The thread page's sizes are printed for
 * docs/benchmark.md.
 */

function get(baseURL: string, path: string, headers: Record<string, string>) {
	return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>(
		(resolve, reject) => {
			const req = httpRequest(new URL(path, baseURL), { headers }, (res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
			});
			req.on('error', reject);
			req.end();
		}
	);
}

const thread = `${consultationPath}/20`;

test('the thread page is sent with brotli, gzip or as it is, as the client asks, and says so', async ({ baseURL }) => {
	const plain = await get(baseURL!, thread, {});
	expect(plain.status).toBe(200);
	expect(plain.headers['content-encoding']).toBeUndefined();
	const html = plain.body.toString('utf8');
	expect(html).toContain('</html>');

	const gz = await get(baseURL!, thread, { 'accept-encoding': 'gzip' });
	expect(gz.headers['content-encoding']).toBe('gzip');
	expect(String(gz.headers.vary)).toMatch(/accept-encoding/i);
	expect(gunzipSync(gz.body).toString('utf8')).toContain('</html>');

	const br = await get(baseURL!, thread, { 'accept-encoding': 'gzip, deflate, br' });
	expect(br.headers['content-encoding']).toBe('br');
	expect(brotliDecompressSync(br.body).toString('utf8')).toContain('</html>');

	// The same page, so the decompressed lengths are close (a form token or a time may differ).
	expect(Math.abs(brotliDecompressSync(br.body).length - plain.body.length)).toBeLessThan(200);
	expect(br.body.length).toBeLessThan(plain.body.length / 3);
	console.log(`[bench] ${thread}: ${plain.body.length} B plain, ${gz.body.length} B gzip, ${br.body.length} B brotli`);

	// A client that refuses both gets the page as it is.
	const refused = await get(baseURL!, thread, { 'accept-encoding': 'br;q=0, gzip;q=0' });
	expect(refused.headers['content-encoding']).toBeUndefined();
});

test('JSON (a page’s data, fetched on a client-side navigation) is compressed too', async ({ baseURL }) => {
	const data = await get(baseURL!, `${thread}/__data.json`, { 'accept-encoding': 'gzip' });
	expect(data.status).toBe(200);
	expect(data.headers['content-type']).toMatch(/application\/json/);
	expect(data.headers['content-encoding']).toBe('gzip');
	expect(JSON.parse(gunzipSync(data.body).toString('utf8')).type).toBe('data');
});

test('the micro-cache keeps a logged-out page per encoding, so a hit is sent as stored', async ({ baseURL }) => {
	// Another recommendation than the test above, so this test makes its own cache entries.
	const path = `${consultationPath}/21`;
	const first = await get(baseURL!, path, { 'accept-encoding': 'gzip' });
	const again = await get(baseURL!, path, { 'accept-encoding': 'gzip' });
	expect(again.headers['x-page-cache']).toBe('hit');
	expect(again.headers['content-encoding']).toBe('gzip');
	expect(again.body.equals(first.body)).toBe(true);
	expect(gunzipSync(again.body).toString('utf8')).toContain('</html>');
	// Each encoding has its own entry (which is what lets the cache keep compressed bytes): the first
	// reader who asks for no compression is not served from the gzip entry, the next one is a hit.
	const firstPlain = await get(baseURL!, path, {});
	expect(firstPlain.headers['x-page-cache']).toBeUndefined();
	const plain = await get(baseURL!, path, {});
	expect(plain.headers['x-page-cache']).toBe('hit');
	expect(plain.headers['content-encoding']).toBeUndefined();
	expect(plain.body.toString('utf8')).toContain('</html>');
	expect(String(plain.headers.vary).match(/accept-encoding/gi)).toHaveLength(1);
});
