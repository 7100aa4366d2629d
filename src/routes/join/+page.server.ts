import { redirect } from '@sveltejs/kit';
import * as auth from '$lib/server/auth/service';
import { sessionFormAction } from '$lib/server/http';
import * as invites from '$lib/server/invites/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user) redirect(303, '/account');
	const code = url.searchParams.get('code') ?? '';
	return { code, invite: code ? await invites.describeInvite(locals.db, code) : null };
};

const fields = ['displayName', 'email', 'inviteCode'] as const;

export const actions: Actions = {
	default: (event) =>
		sessionFormAction(
			event,
			{ name: 'join', fields },
			(context, values, password) => auth.signUp(context, { ...values, password, locale: event.locals.locale }),
			(result) =>
				result.organisation ? `/account?joined=${encodeURIComponent(result.organisation.slug)}` : '/account?welcome=1'
		)
};
