import type { Handle } from '@sveltejs/kit';
import { config } from './config';
import { inRequest, log, requestIdFrom } from './log';

/**
 * Gives each request an id (or keeps the one a proxy in front sent as X-Request-Id), returns it in the
 * X-Request-Id header, tags every log line written meanwhile with it, and writes one access line: the
 * method, the route (its pattern, such as /exports/[token], so no token or code is logged), the status
 * and the time taken. LOG_REQUESTS=off leaves out the access line; errors are logged all the same.
 */
export const handleRequestLog: Handle = async ({ event, resolve }) => {
	const id = requestIdFrom(event.request.headers.get('x-request-id'));
	const started = performance.now();
	return inRequest(id, async () => {
		const response = await resolve(event);
		response.headers.set('x-request-id', id);
		if (config().logRequests) {
			const ms = Math.round(performance.now() - started);
			log('info', 'request', { method: event.request.method, route: event.route.id, status: response.status, ms });
		}
		return response;
	});
};
