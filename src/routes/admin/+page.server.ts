import { redirect } from '@sveltejs/kit';
import { formFailure, formValues, orErrorPage, postThenGo, requireLogin } from '$lib/server/http';
import * as invites from '$lib/server/invites/service';
import * as organisations from '$lib/server/organisations/service';
import { canAdministerUsers } from '$lib/server/users/policy';
import { forbidden } from '$lib/server/errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireLogin(locals, url);
	if (!canAdministerUsers(user)) await orErrorPage(Promise.reject(forbidden()));
	return {
		organisations: await organisations.listOrganisations(locals.db),
		invites: await invites.listInvites(locals.db, user, null),
		revoked: url.searchParams.has('revoked')
	};
};

export const actions: Actions = {
	organisation: async ({ request, locals }) => {
		const data = await request.formData();
		const values = formValues(data, ['name', 'kind', 'description']);
		let created;
		try {
			created = await organisations.createOrganisation(locals.db, locals.user, values);
		} catch (e) {
			return formFailure('organisation', values, e);
		}
		redirect(303, `/o/${created.slug}`);
	},
	invite: async ({ request, locals }) => {
		const data = await request.formData();
		const values = formValues(data, ['maxUses', 'validDays', 'label', 'locale']);
		let created;
		try {
			created = await invites.createInvite(locals.db, locals.user, { ...values, organisationSlug: null });
		} catch (e) {
			return formFailure('invite', values, e);
		}
		redirect(303, `/invites/${created.id}`);
	},
	revoke: postThenGo(
		'revoke',
		(data, { locals }) => invites.revokeInvite(locals.db, locals.user, Number(data.get('inviteId'))),
		() => '/admin?revoked=1'
	)
};
