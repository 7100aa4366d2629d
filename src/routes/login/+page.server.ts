import { redirect } from '@sveltejs/kit';
import * as auth from '$lib/server/auth/service';
import { landingFor } from '$lib/server/consultations/service';
import { safeRedirect, sessionFormAction } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	// Empty without a (safe) target: then the login lands where the person takes part or works.
	const redirectTo = safeRedirect(url.searchParams.get('redirectTo'), url.origin, '');
	if (locals.user) redirect(303, redirectTo || (await landingFor(locals.db, locals.user.siteRole)));
	return { redirectTo, emailResetAvailable: locals.mailer.available };
};

export const actions: Actions = {
	default: (event) =>
		sessionFormAction(
			event,
			{ name: 'login', fields: ['displayName', 'redirectTo'] },
			(context, values, password) => auth.logIn(context, { displayName: values.displayName, password }),
			(result, values) => safeRedirect(values.redirectTo, event.url.origin, result.landing)
		)
};
