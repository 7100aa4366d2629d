import * as glossary from '$lib/server/glossary/service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	terms: await glossary.list(locals.db, locals.locale)
});
