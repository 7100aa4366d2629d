import { postThenGo, requireLogin } from '$lib/server/http';
import * as notifications from '$lib/server/notifications/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireLogin(locals, url);
	return { items: await notifications.listNotifications(locals.db, user) };
};

export const actions: Actions = {
	read: postThenGo(
		'read',
		(data, { locals }) => {
			const id = data.get('id');
			return notifications.markRead(locals.db, locals.user, id ? Number(id) : null);
		},
		() => '/notifications'
	)
};
