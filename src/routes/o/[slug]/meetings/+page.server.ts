import { redirect } from '@sveltejs/kit';
import { formFailure, formValues, orErrorPage, requireLogin } from '$lib/server/http';
import * as meetings from '$lib/server/meetings/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireLogin(locals, url);
	return await orErrorPage(meetings.listMeetings(locals.db, user, params.slug));
};

export const actions: Actions = {
	start: async ({ request, locals, params }) => {
		const values = formValues(await request.formData(), ['consultation']);
		let id: number;
		try {
			({ id } = await meetings.startMeeting(locals.db, locals.user, locals.limits, {
				slug: params.slug,
				consultation: values.consultation
			}));
		} catch (e) {
			return formFailure('start', values, e);
		}
		redirect(303, `/o/${params.slug}/meetings/${id}`);
	}
};
