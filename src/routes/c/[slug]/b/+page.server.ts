import * as background from '$lib/server/background/service';
import { orErrorPage } from '$lib/server/http';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) =>
	orErrorPage(background.listDocuments(locals.db, params.slug, locals.locale));
