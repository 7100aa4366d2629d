import * as consultations from '$lib/server/consultations/service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const [list, preparing] = await Promise.all([
		consultations.listPublic(locals.db, locals.locale),
		consultations.listPreparing(locals.db, locals.user)
	]);
	return { ...list, preparing };
};
