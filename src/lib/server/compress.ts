import { Duplex } from 'node:stream';
import zlib from 'node:zlib';
import Negotiator from 'negotiator';

/**
 * Compression of the responses the app renders (HTML pages, JSON, CSV). Static files are compressed
 * once at build time instead (adapter-node's `precompress`), and served as such by its static handler.
 */

/** Smaller than this, the headers of a compressed answer cost about what compression saves. */
export const MIN_BYTES = 1024;

// Text the app writes. Not text/event-stream (each event must reach the browser at once) and not
// files that are compressed already (xlsx and docx are zip files, images, PDFs).
const COMPRESSIBLE =
	/^(text\/(html|plain|csv|css|javascript|xml)|application\/(json|javascript|xml|manifest\+json)|image\/svg\+xml)\b/i;

export type Encoding = 'br' | 'gzip';

/** The encoding to use for a request's Accept-Encoding header, or null for none. Brotli wins a tie. */
export function chooseEncoding(acceptEncoding: string | null): Encoding | null {
	if (!acceptEncoding) return null;
	const negotiator = new Negotiator({ headers: { 'accept-encoding': acceptEncoding } });
	// negotiator 1.x takes the server's preference for ties (@types/negotiator 0.6 does not know it yet).
	const encoding = negotiator.encoding as (available: string[], options: { preferred: string[] }) => string | undefined;
	const order = ['br', 'gzip', 'identity'];
	const chosen = encoding.call(negotiator, order, { preferred: order });
	return chosen === 'br' || chosen === 'gzip' ? chosen : null;
}

/** Whether a response is worth compressing: a body of compressible text, not encoded already, not tiny. */
export function isCompressible(method: string, response: Response): boolean {
	if (method === 'HEAD' || !response.body || response.status < 200 || response.status === 204) return false;
	if (response.status === 206 || response.status === 304) return false;
	const headers = response.headers;
	if (headers.has('content-encoding')) return false;
	if (/\bno-transform\b/i.test(headers.get('cache-control') ?? '')) return false;
	if (!COMPRESSIBLE.test(headers.get('content-type') ?? '')) return false;
	const length = headers.get('content-length');
	return length === null || Number(length) >= MIN_BYTES;
}

function encoder(encoding: Encoding) {
	// Flush after every chunk: a page that SvelteKit streams in parts still reaches the browser part by
	// part. Brotli quality 5 and gzip level 6 cost about a millisecond on a 50 KB page here.
	return encoding === 'br'
		? zlib.createBrotliCompress({
				flush: zlib.constants.BROTLI_OPERATION_FLUSH,
				params: {
					[zlib.constants.BROTLI_PARAM_QUALITY]: 5,
					[zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT
				}
			})
		: zlib.createGzip({ level: 6, flush: zlib.constants.Z_SYNC_FLUSH });
}

/**
 * The response compressed for this request, or the same response when the client does not ask for
 * compression or the body is not worth it. Adds `Vary: Accept-Encoding` either way for compressible
 * types, so a shared cache keeps the two versions apart.
 */
export function compressResponse(request: Request, response: Response): Response {
	if (!isCompressible(request.method, response)) return response;
	if (!/\baccept-encoding\b/i.test(response.headers.get('vary') ?? ''))
		response.headers.append('vary', 'Accept-Encoding');
	const encoding = chooseEncoding(request.headers.get('accept-encoding'));
	if (!encoding) return response;
	const headers = new Headers(response.headers);
	headers.set('content-encoding', encoding);
	headers.delete('content-length');
	// A strong ETag names exact bytes; the compressed bytes differ, so it becomes a weak one.
	const etag = headers.get('etag');
	if (etag && !etag.startsWith('W/')) headers.set('etag', `W/${etag}`);
	const body = response.body!.pipeThrough(Duplex.toWeb(encoder(encoding)) as TransformStream<Uint8Array, Uint8Array>);
	return new Response(body, { status: response.status, statusText: response.statusText, headers });
}
