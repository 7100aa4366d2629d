import * as consultations from '$lib/server/consultations/service';
import { orErrorPage } from '$lib/server/http';
import { canSeeResults } from '$lib/server/results/policy';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => ({
	...(await orErrorPage(consultations.getOverview(locals.db, params.slug, locals.locale))),
	canSeeResults: canSeeResults(locals.user)
});
