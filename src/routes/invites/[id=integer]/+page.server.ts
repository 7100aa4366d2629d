import { orErrorPage } from '$lib/server/http';
import * as invites from '$lib/server/invites/service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => ({
	card: await orErrorPage(invites.getInviteCard(locals.db, locals.user, Number(params.id), url.origin))
});
