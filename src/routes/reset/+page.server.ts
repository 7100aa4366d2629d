import * as auth from '$lib/server/auth/service';
import { sessionFormAction } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, locals }) => ({
	code: url.searchParams.get('code') ?? '',
	emailResetAvailable: locals.mailer.available
});

export const actions: Actions = {
	default: (event) =>
		sessionFormAction(
			event,
			{ name: 'reset', fields: ['code'] },
			(context, values, password) => auth.resetPassword(context, { code: values.code, password }),
			() => '/account?saved=password'
		)
};
