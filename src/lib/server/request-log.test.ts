import type { RequestEvent } from '@sveltejs/kit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { logError } from './log';
import { handleRequestLog } from './request-log';

/*
 * The log is JSON lines: each line one JSON object, every line of a request tagged with its id, which the
 * response carries too, and no secret from the address (export tokens, invite or reset codes) in it.
 */
describe('request log', () => {
	const lines: string[] = [];
	const capture = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
	afterEach(() => {
		vi.restoreAllMocks();
		lines.length = 0;
	});

	async function handle(headers: Record<string, string>, work: () => void = () => undefined) {
		vi.spyOn(console, 'log').mockImplementation(capture);
		vi.spyOn(console, 'error').mockImplementation(capture);
		const url = 'http://localhost/exports/secret-token-123?code=INVITE-CODE-9';
		const event = {
			url: new URL(url),
			request: new Request(url, { headers }),
			route: { id: '/exports/[token]' }
		} as unknown as RequestEvent;
		const response = await handleRequestLog({
			event,
			resolve: async () => {
				work();
				return new Response('ok', { status: 200 });
			}
		});
		return { response, logged: lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
	}

	it('tags the access line and an error line of one request with the id the response carries', async () => {
		const { response, logged } = await handle({}, () =>
			logError(new Error('disk full\nsecond line'), { what: 'export' })
		);
		const id = response.headers.get('x-request-id');
		expect(id).toMatch(/^[0-9a-f]{16}$/);
		expect(
			lines.every((l) => !l.includes('\n')),
			'one line per entry, the stack escaped inside it'
		).toBe(true);
		const error = logged.find((l) => l.level === 'error')!;
		expect(error).toMatchObject({ what: 'export', request: id, error: 'disk full\nsecond line' });
		expect(error.stack).toContain('request-log.test.ts');
		const access = logged.find((l) => l.what === 'request')!;
		expect(access).toMatchObject({ level: 'info', request: id, method: 'GET', route: '/exports/[token]', status: 200 });
		expect(typeof access.ms).toBe('number');
		expect(lines.join('\n')).not.toMatch(/secret-token-123|INVITE-CODE-9/);
	});

	it('keeps a well-formed X-Request-Id from a proxy in front, and replaces one that is not', async () => {
		const kept = await handle({ 'x-request-id': 'proxy-4f2a9c81' });
		expect(kept.response.headers.get('x-request-id')).toBe('proxy-4f2a9c81');
		expect(kept.logged[0].request).toBe('proxy-4f2a9c81');
		lines.length = 0;
		const forged = await handle({ 'x-request-id': '"}, {"level":"fake' });
		expect(forged.response.headers.get('x-request-id')).toMatch(/^[0-9a-f]{16}$/);
	});

	it('logs outside a request without a request id', () => {
		vi.spyOn(console, 'error').mockImplementation(capture);
		logError(new Error('at start'), { what: 'start' });
		expect(JSON.parse(lines[0]).request).toBeUndefined();
	});
});
