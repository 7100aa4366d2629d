import { redirect } from '@sveltejs/kit';
import * as auth from '$lib/server/auth/service';
import { formFailure, formValues, requestContext, setSessionCookie } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, locals }) => ({
	code: url.searchParams.get('code') ?? '',
	emailResetAvailable: locals.mailer.available
});

export const actions: Actions = {
	default: async (event) => {
		const data = await event.request.formData();
		const values = formValues(data, ['code']);
		let result;
		try {
			result = await auth.resetPassword(requestContext(event), {
				code: values.code,
				password: String(data.get('password') ?? '')
			});
		} catch (e) {
			return formFailure('reset', values, e);
		}
		setSessionCookie(event.cookies, result.token, result.session.expiresAt);
		redirect(303, '/account?saved=password');
	}
};
