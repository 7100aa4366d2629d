import * as consultations from '$lib/server/consultations/service';
import { orErrorPage } from '$lib/server/http';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) =>
	orErrorPage(consultations.getOverview(locals.db, params.slug));
