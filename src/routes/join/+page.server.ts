import { redirect } from '@sveltejs/kit';
import * as auth from '$lib/server/auth/service';
import { formFailure, formValues, requestContext, setSessionCookie } from '$lib/server/http';
import * as invites from '$lib/server/invites/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user) redirect(303, '/account');
	const code = url.searchParams.get('code') ?? '';
	return { code, invite: code ? await invites.describeInvite(locals.db, code) : null };
};

const fields = ['displayName', 'email', 'inviteCode'] as const;

export const actions: Actions = {
	default: async (event) => {
		const data = await event.request.formData();
		const values = formValues(data, fields);
		let result;
		try {
			result = await auth.signUp(requestContext(event), {
				...values,
				password: String(data.get('password') ?? ''),
				locale: event.locals.locale
			});
		} catch (e) {
			return formFailure('join', values, e);
		}
		setSessionCookie(event.cookies, result.token, result.session.expiresAt);
		redirect(
			303,
			result.organisation ? `/account?joined=${encodeURIComponent(result.organisation.slug)}` : '/account?welcome=1'
		);
	}
};
