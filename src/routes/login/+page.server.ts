import { redirect } from '@sveltejs/kit';
import * as auth from '$lib/server/auth/service';
import { formFailure, formValues, requestContext, safeRedirect, setSessionCookie } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const redirectTo = safeRedirect(url.searchParams.get('redirectTo'), url.origin, '/account');
	if (locals.user) redirect(303, redirectTo);
	return { redirectTo, emailResetAvailable: locals.mailer.available };
};

export const actions: Actions = {
	default: async (event) => {
		const data = await event.request.formData();
		const values = formValues(data, ['displayName', 'redirectTo']);
		let result;
		try {
			result = await auth.logIn(requestContext(event), {
				displayName: values.displayName,
				password: String(data.get('password') ?? '')
			});
		} catch (e) {
			return formFailure('login', values, e);
		}
		setSessionCookie(event.cookies, result.token, result.session.expiresAt);
		redirect(303, safeRedirect(values.redirectTo, event.url.origin, '/account'));
	}
};
