import { redirect } from '@sveltejs/kit';
import { badForm, formFailure, formValues, orErrorPage, postThenGo } from '$lib/server/http';
import * as invites from '$lib/server/invites/service';
import * as meetings from '$lib/server/meetings/service';
import * as organisations from '$lib/server/organisations/service';
import * as positions from '$lib/server/positions/service';
import * as users from '$lib/server/users/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const found = await orErrorPage(organisations.getOrganisation(locals.db, locals.user, params.slug));
	const [positionList, meetingRoles] = await Promise.all([
		positions.listOrganisationPositions(locals.db, found.organisation.id, locals.locale),
		meetings.meetingRoles(locals.db, locals.user, params.slug)
	]);
	return {
		...found,
		positions: positionList,
		meetingRoles,
		revoked: url.searchParams.has('revoked'),
		selfId: locals.user?.id ?? null
	};
};

const id = (data: FormData, name: string) => Number(data.get(name));

export const actions: Actions = {
	invite: async ({ request, locals, params }) => {
		const data = await request.formData();
		const values = formValues(data, ['maxUses', 'validDays', 'label', 'locale']);
		let created;
		try {
			created = await invites.createInvite(locals.db, locals.user, { ...values, organisationSlug: params.slug });
		} catch (e) {
			return formFailure('invite', values, e);
		}
		redirect(303, `/invites/${created.id}`);
	},
	revoke: postThenGo(
		'revoke',
		(data, { locals }) => invites.revokeInvite(locals.db, locals.user, id(data, 'inviteId')),
		({ params }) => `/o/${params.slug}?revoked=1`
	),
	member: async ({ request, locals, params }) => {
		const data = await request.formData();
		const change = String(data.get('change'));
		if (!['member', 'coordinator', 'remove'].includes(change)) return badForm('member');
		try {
			await organisations.changeMember(
				locals.db,
				locals.user,
				params.slug,
				id(data, 'userId'),
				change as 'member' | 'coordinator' | 'remove'
			);
		} catch (e) {
			return formFailure('member', {}, e);
		}
		redirect(303, `/o/${params.slug}`);
	},
	active: postThenGo(
		'active',
		(data, { locals, params }) =>
			organisations.setOrganisationActive(locals.db, locals.user, {
				slug: params.slug,
				active: data.get('active') === '1'
			}),
		({ params }) => `/o/${params.slug}`
	),
	facilitator: postThenGo(
		'member',
		(data, { locals, params }) =>
			meetings.setFacilitator(locals.db, locals.user, {
				slug: params.slug,
				userId: id(data, 'userId'),
				facilitator: data.get('facilitator') === '1'
			}),
		({ params }) => `/o/${params.slug}#meetings-heading`
	),
	reset: async ({ request, locals }) => {
		const data = await request.formData();
		try {
			// Shown once, on this response: the code is not stored in a readable form anywhere.
			return { form: 'reset', resetCode: await users.issueResetCode(locals.db, locals.user, id(data, 'userId')) };
		} catch (e) {
			return formFailure('reset', {}, e);
		}
	}
};
