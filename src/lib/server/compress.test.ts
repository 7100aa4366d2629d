import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { chooseEncoding, compressResponse, isCompressible, MIN_BYTES } from './compress';

/* Which responses get compressed, with what, and that the bytes decompress to the same text. */

const big = '<p>Samenspraak</p>'.repeat(200);
const html = (body = big, headers: Record<string, string> = {}) =>
	new Response(body, { headers: { 'content-type': 'text/html; charset=utf-8', ...headers } });
const get = (acceptEncoding?: string) =>
	new Request('http://localhost/', { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });

describe('chooseEncoding', () => {
	it('prefers brotli when the client takes both, follows q-values, and refuses what is refused', () => {
		expect(chooseEncoding('gzip, deflate, br')).toBe('br');
		expect(chooseEncoding('gzip')).toBe('gzip');
		expect(chooseEncoding('br;q=0.5, gzip')).toBe('gzip');
		expect(chooseEncoding('deflate')).toBeNull();
		expect(chooseEncoding('br;q=0, gzip;q=0')).toBeNull();
		expect(chooseEncoding(null)).toBeNull();
	});
});

describe('isCompressible', () => {
	it('takes HTML, JSON and CSV; leaves event streams, zip files (xlsx, docx), images and tiny bodies alone', () => {
		const typed = (type: string, body = big) => new Response(body, { headers: { 'content-type': type } });
		expect(isCompressible('GET', html())).toBe(true);
		expect(isCompressible('GET', typed('application/json'))).toBe(true);
		expect(isCompressible('GET', typed('text/csv; charset=utf-8'))).toBe(true);
		expect(isCompressible('GET', typed('text/event-stream'))).toBe(false);
		expect(isCompressible('GET', typed('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'))).toBe(
			false
		);
		expect(
			isCompressible('GET', typed('application/vnd.openxmlformats-officedocument.wordprocessingml.document'))
		).toBe(false);
		expect(isCompressible('GET', typed('image/png'))).toBe(false);
		expect(isCompressible('GET', html('x'.repeat(MIN_BYTES - 1), { 'content-length': String(MIN_BYTES - 1) }))).toBe(
			false
		);
		expect(isCompressible('HEAD', html())).toBe(false);
		expect(isCompressible('GET', html(big, { 'content-encoding': 'gzip' }))).toBe(false);
		expect(isCompressible('GET', html(big, { 'cache-control': 'private, no-transform' }))).toBe(false);
		expect(isCompressible('GET', new Response(null, { status: 304 }))).toBe(false);
	});
});

describe('compressResponse', () => {
	it('sends brotli or gzip that decompresses to the same page, with Vary and no stale Content-Length', async () => {
		for (const [accept, decode] of [
			['br', brotliDecompressSync],
			['gzip', gunzipSync]
		] as const) {
			const out = compressResponse(get(accept), html(big, { 'content-length': String(big.length), etag: '"abc"' }));
			expect(out.headers.get('content-encoding')).toBe(accept);
			expect(out.headers.get('vary')).toMatch(/Accept-Encoding/);
			expect(out.headers.get('content-length')).toBeNull();
			expect(out.headers.get('etag')).toBe('W/"abc"');
			const bytes = Buffer.from(await out.arrayBuffer());
			expect(bytes.length).toBeLessThan(big.length / 10);
			expect(decode(bytes).toString('utf8')).toBe(big);
		}
	});

	it('leaves the page as it is for a client that asks for no compression', async () => {
		const out = compressResponse(get(), html());
		expect(out.headers.get('content-encoding')).toBeNull();
		expect(out.headers.get('vary')).toMatch(/Accept-Encoding/);
		expect(await out.text()).toBe(big);
	});
});
