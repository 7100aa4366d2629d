// A LibreTranslate look-alike for tests: POST /translate answers like the real server, scripted call by
// call, and records what it was sent. Plain JavaScript (typed with JSDoc) so that plain Node scripts,
// such as the end-to-end server, can start it too: `node src/lib/server/translations/machine/fake-engine.js 5055`.
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';

/**
 * What the next call answers:
 * - `ok`: the translation: `map[target + ':' + q]`, else `map[q]`, else `[target] q`;
 * - `text`: exactly this translatedText (a wrong language, say);
 * - `status`: this HTTP status with {error}, and Retry-After when given;
 * - `delay`: waits this long, then answers `ok` (to outlast a client's timeout);
 * - `garbage`: 200 with an HTML page instead of JSON;
 * - `empty`: an empty translatedText;
 * - `oversize`: the text five times over.
 * @typedef {{ reply: 'ok' }
 *   | { reply: 'text'; text: string }
 *   | { reply: 'status'; status: number; error?: string; retryAfter?: string }
 *   | { reply: 'delay'; ms: number }
 *   | { reply: 'garbage' }
 *   | { reply: 'empty' }
 *   | { reply: 'oversize' }} FakeReply
 */

/**
 * @typedef {{ q: string; source: string; target: string; format?: string; api_key?: string }} FakeRequest
 */

/**
 * @typedef {object} FakeEngine
 * @property {string} url the address to give as TRANSLATE_URL
 * @property {FakeRequest[]} requests every request body received, in order
 * @property {(...replies: FakeReply[]) => void} script queue replies for the next calls; after them, `ok`
 * @property {() => Promise<void>} close
 */

/**
 * Starts the fake server on 127.0.0.1 (port 0: any free port).
 * @param {{ port?: number; map?: Record<string, string>; apiKey?: string }} [options] with `apiKey`, a
 *   request without that key gets 403, as LibreTranslate started with --api-keys answers
 * @returns {Promise<FakeEngine>}
 */
export async function startFakeEngine(options = {}) {
	const map = options.map ?? {};
	/** @type {FakeRequest[]} */
	const requests = [];
	/** @type {FakeReply[]} */
	const queue = [];

	/**
	 * @param {import('node:http').ServerResponse} res
	 * @param {number} status
	 * @param {unknown} body
	 * @param {Record<string, string>} [headers]
	 */
	const json = (res, status, body, headers = {}) => {
		res.writeHead(status, { 'content-type': 'application/json', ...headers });
		res.end(JSON.stringify(body));
	};
	/** @param {FakeRequest} r */
	const translated = (r) => map[`${r.target}:${r.q}`] ?? map[r.q] ?? `[${r.target}] ${r.q}`;

	const server = createServer((req, res) => {
		let raw = '';
		req.setEncoding('utf8');
		req.on('data', (chunk) => (raw += chunk));
		req.on('end', async () => {
			if (req.method !== 'POST' || req.url !== '/translate') return json(res, 404, { error: 'Not Found' });
			/** @type {FakeRequest} */
			let r;
			try {
				r = JSON.parse(raw);
			} catch {
				return json(res, 400, { error: 'Invalid request: not JSON' });
			}
			requests.push(r);
			if (options.apiKey && r.api_key !== options.apiKey) return json(res, 403, { error: 'Invalid API key' });
			if (typeof r.q !== 'string' || !r.q) return json(res, 400, { error: 'Invalid request: missing q parameter' });
			const reply = queue.shift() ?? { reply: 'ok' };
			switch (reply.reply) {
				case 'ok':
					return json(res, 200, { translatedText: translated(r) });
				case 'text':
					return json(res, 200, { translatedText: reply.text });
				case 'status':
					return json(
						res,
						reply.status,
						{ error: reply.error ?? `Error ${reply.status}` },
						reply.retryAfter ? { 'retry-after': reply.retryAfter } : {}
					);
				case 'delay':
					await new Promise((done) => setTimeout(done, reply.ms));
					if (!res.destroyed) json(res, 200, { translatedText: translated(r) });
					return;
				case 'garbage':
					res.writeHead(200, { 'content-type': 'text/html' });
					return res.end('<html><body>Internal error</body></html>');
				case 'empty':
					return json(res, 200, { translatedText: '' });
				case 'oversize':
					return json(res, 200, { translatedText: `${translated(r)} `.repeat(5) });
			}
		});
	});
	await new Promise((ready) => server.listen(options.port ?? 0, '127.0.0.1', () => ready(undefined)));
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	return {
		url: `http://127.0.0.1:${address.port}`,
		requests,
		script: (...replies) => void queue.push(...replies),
		close: () =>
			new Promise((done) => {
				server.closeAllConnections();
				server.close(() => done(undefined));
			})
	};
}

// Run directly: a fake engine on the port given (or any), that translates everything with `ok`.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const engine = await startFakeEngine({ port: Number(process.argv[2] ?? 0) });
	console.log(`fake LibreTranslate on ${engine.url}`);
}
