import { redirect } from '@sveltejs/kit';
import * as auth from '$lib/server/auth/service';
import { safeRedirect, sessionFormAction } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const redirectTo = safeRedirect(url.searchParams.get('redirectTo'), url.origin, '/account');
	if (locals.user) redirect(303, redirectTo);
	return { redirectTo, emailResetAvailable: locals.mailer.available };
};

export const actions: Actions = {
	default: (event) =>
		sessionFormAction(
			event,
			{ name: 'login', fields: ['displayName', 'redirectTo'] },
			(context, values, password) => auth.logIn(context, { displayName: values.displayName, password }),
			(_, values) => safeRedirect(values.redirectTo, event.url.origin, '/account')
		)
};
