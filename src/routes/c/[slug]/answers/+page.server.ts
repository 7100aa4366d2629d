import * as answers from '$lib/server/answers/service';
import { orErrorPage } from '$lib/server/http';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) =>
	orErrorPage(
		answers.getAnswerOverview(locals.db, params.slug, { status: url.searchParams.get('status'), locale: locals.locale })
	);
