import { orErrorPage } from '$lib/server/http';
import * as recommendations from '$lib/server/recommendations/service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => ({
	thread: await orErrorPage(recommendations.getThread(locals.db, params.slug, Number(params.number), locals.locale))
});
