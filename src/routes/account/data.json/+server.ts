import { error, json } from '@sveltejs/kit';
import * as users from '$lib/server/users/service';
import type { RequestHandler } from './$types';

/** "Download my data": everything we hold about the person logged in, as a JSON file. */
export const GET: RequestHandler = async ({ locals }) => {
	if (!locals.user) error(401, 'common:error.loginRequired');
	const data = await users.exportMyData(locals.db, locals.user);
	return json(data, {
		headers: {
			'content-disposition': 'attachment; filename="samenspraak-my-data.json"',
			'cache-control': 'no-store'
		}
	});
};
