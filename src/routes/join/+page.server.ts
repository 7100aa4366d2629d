import { redirect } from '@sveltejs/kit';
import * as auth from '$lib/server/auth/service';
import * as consultations from '$lib/server/consultations/service';
import { sessionFormAction } from '$lib/server/http';
import * as invites from '$lib/server/invites/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user) redirect(303, '/account');
	const code = url.searchParams.get('code') ?? '';
	return { code, invite: code ? await invites.describeInvite(locals.db, code) : null };
};

const fields = ['displayName', 'email', 'inviteCode', 'participantGroup'] as const;

export const actions: Actions = {
	default: async (event) => {
		// Someone who scanned a QR card came to take part: they land on the consultation, with a word on
		// where to start, not on the settings form.
		const slug = await consultations.welcomeConsultation(event.locals.db);
		return sessionFormAction(
			event,
			{ name: 'join', fields },
			(context, values, password) => auth.signUp(context, { ...values, password, locale: event.locals.locale }),
			(result) => {
				const query = result.organisation ? `joined=${encodeURIComponent(result.organisation.slug)}` : 'welcome=1';
				return slug ? `/c/${encodeURIComponent(slug)}?${query}` : `/account?${query}`;
			}
		);
	}
};
