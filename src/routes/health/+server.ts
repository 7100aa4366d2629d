import { json } from '@sveltejs/kit';
import { checkHealth } from '$lib/server/health/service';
import type { RequestHandler } from './$types';

/** GET /health: 200 with {"status":"ok"} while the database answers, 503 otherwise. Never cached. */
export const GET: RequestHandler = async ({ locals }) => {
	const health = await checkHealth(locals.db);
	return json(health, {
		status: health.status === 'ok' ? 200 : 503,
		headers: { 'cache-control': 'no-store' }
	});
};
