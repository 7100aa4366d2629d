import { error, json, redirect } from '@sveltejs/kit';
import { loginAddress, wantsPage } from '$lib/server/http';
import * as users from '$lib/server/users/service';
import type { RequestHandler } from './$types';

/** "Download my data": everything we hold about the person logged in, as a JSON file. */
export const GET: RequestHandler = async ({ locals, request, url }) => {
	if (!locals.user) {
		// Opened in a browser while logged out (an old tab, a bookmark): log in, then the download follows.
		if (wantsPage(request)) redirect(303, loginAddress(url));
		error(401, 'common:error.loginRequired');
	}
	const data = await users.exportMyData(locals.db, locals.user);
	return json(data, {
		headers: {
			'content-disposition': 'attachment; filename="samenspraak-my-data.json"',
			'cache-control': 'no-store'
		}
	});
};
