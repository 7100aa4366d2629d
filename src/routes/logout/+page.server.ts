import { redirect } from '@sveltejs/kit';
import * as auth from '$lib/server/auth/service';
import { deleteSessionCookie } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	if (!locals.user) redirect(303, '/');
	return {};
};

export const actions: Actions = {
	default: async ({ locals, cookies }) => {
		await auth.logOut(locals.db, locals.session);
		deleteSessionCookie(cookies);
		redirect(303, '/?loggedOut=1');
	}
};
