import { redirect } from '@sveltejs/kit';
import { formFailure, formValues } from '$lib/server/http';
import * as meetings from '$lib/server/meetings/service';
import type { Actions } from './$types';

export const actions: Actions = {
	/** Step 1: saved as a draft even when a field is wrong (the service keeps what is valid). */
	details: async ({ request, locals, params }) => {
		const data = await request.formData();
		const values = formValues(data, ['heldOn', 'place', 'mainLanguage', 'participants']);
		const others = data.getAll('languages').map(String);
		const languages = [values.mainLanguage, ...others].filter(Boolean);
		try {
			await meetings.saveMeetingDetails(locals.db, locals.user, {
				slug: params.slug,
				id: Number(params.id),
				heldOn: values.heldOn,
				place: values.place,
				languages,
				participants: values.participants
			});
		} catch (e) {
			return formFailure('details', { ...values, languages: others.join(',') }, e);
		}
		redirect(303, `/o/${params.slug}/meetings/${params.id}/choose`);
	}
};
