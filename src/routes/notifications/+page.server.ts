import { redirect } from '@sveltejs/kit';
import { formFailure, requireLogin } from '$lib/server/http';
import * as notifications from '$lib/server/notifications/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireLogin(locals, url);
	return { items: await notifications.listNotifications(locals.db, user) };
};

export const actions: Actions = {
	read: async ({ request, locals }) => {
		const data = await request.formData();
		const id = data.get('id');
		try {
			await notifications.markRead(locals.db, locals.user, id ? Number(id) : null);
		} catch (e) {
			return formFailure('read', {}, e);
		}
		redirect(303, '/notifications');
	}
};
