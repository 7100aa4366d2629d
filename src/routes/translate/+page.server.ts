import { parsePage } from '$lib/paging';
import { orErrorPage, requireLogin } from '$lib/server/http';
import * as translators from '$lib/server/translators/service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireLogin(locals, url);
	return {
		queue: await orErrorPage(
			translators.getTranslationQueue(locals.db, user, {
				into: url.searchParams.get('into'),
				from: url.searchParams.get('from'),
				page: parsePage(url.searchParams.get('page'))
			})
		)
	};
};
