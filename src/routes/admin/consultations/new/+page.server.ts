import { redirect } from '@sveltejs/kit';
import * as consultations from '$lib/server/consultations/service';
import { forbidden } from '$lib/server/errors';
import { formFailure, formValues, orErrorPage, requireLogin } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireLogin(locals, url);
	const access = await consultations.createAccess(locals.db, user);
	if (!access.canCreate) await orErrorPage(Promise.reject(forbidden()));
	return { fields: consultations.createFields, admin: access.canSwitch };
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const values = formValues(await request.formData(), consultations.createFields);
		let created;
		try {
			created = await consultations.createConsultation(locals.db, locals.user, values);
		} catch (e) {
			return formFailure('create', values, e);
		}
		redirect(303, `/admin/consultations/${created.slug}/import`);
	}
};
