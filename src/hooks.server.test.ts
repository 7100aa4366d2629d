import { describe, expect, it, vi } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import { handleError } from './hooks.server';

const event = {
	url: new URL('http://localhost/c/x/1'),
	request: new Request('http://localhost/c/x/1'),
	route: { id: '/c/[slug]/[number=integer]' }
} as RequestEvent;

/** What the person is shown when a request to that page fails with this error and status. */
const shown = (error: Error, status: number, message: string) => handleError({ error, event, status, message });

describe('handleError', () => {
	it('logs an unexpected error with an id and shows the person only that id and a plain message key', async () => {
		const log = vi.spyOn(console, 'error').mockImplementation(() => {});
		const result = await shown(new Error('database on fire'), 500, 'Internal Error');
		expect(result).toEqual({ message: 'common:error.unexpected', id: expect.stringMatching(/^[0-9a-f]{10}$/) });
		const logged = log.mock.calls.flat().join(' ');
		expect(logged).toContain((result as { id: string }).id);
		expect(logged).toContain('database on fire');
		expect(JSON.stringify(result)).not.toContain('database on fire');
		log.mockRestore();
	});

	it('answers an unknown address with the plain "page not found" message and logs nothing', async () => {
		const log = vi.spyOn(console, 'error').mockImplementation(() => {});
		const result = await shown(new Error('Not found: /x'), 404, 'Not Found');
		expect(result).toEqual({ message: 'common:error.notFound.page' });
		expect(log).not.toHaveBeenCalled();
		log.mockRestore();
	});

	it('answers a body over BODY_SIZE_LIMIT (413) with "your text is too long", without an error id or a stack', async () => {
		const log = vi.spyOn(console, 'error').mockImplementation(() => {});
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		const result = await shown(
			new Error('Content-length of 614454 exceeds limit of 524288 bytes.'),
			413,
			'Payload Too Large'
		);
		expect(result).toEqual({ message: 'common:error.tooLarge' });
		expect(log).not.toHaveBeenCalled();
		expect(warn.mock.calls.flat().join(' ')).toContain('413');
		log.mockRestore();
		warn.mockRestore();
	});
});
