import * as consultations from '$lib/server/consultations/service';
import { orErrorPage } from '$lib/server/http';
import { canSeeResults } from '$lib/server/results/policy';
import * as users from '$lib/server/users/service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const overview = await orErrorPage(consultations.getOverview(locals.db, params.slug, locals.locale));
	// Just signed up (from the join form): a word of welcome and where to start. The association comes
	// from the person's own memberships, never from the address, so a link cannot put words on the page.
	const joined = url.searchParams.get('joined');
	let welcome: { name: string; organisation: string | null } | null = null;
	if (locals.user && (joined || url.searchParams.has('welcome'))) {
		const memberships = joined ? (await users.getProfile(locals.db, locals.user)).memberships : [];
		welcome = {
			name: locals.user.displayName,
			organisation: memberships.find((m) => m.slug === joined)?.name ?? null
		};
	}
	return { ...overview, canSeeResults: canSeeResults(locals.user), welcome };
};
