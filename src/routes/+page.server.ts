import * as consultations from '$lib/server/consultations/service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => consultations.listPublic(locals.db, locals.locale);
