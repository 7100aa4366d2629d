import { orErrorPage, requireLogin } from '$lib/server/http';
import * as meetings from '$lib/server/meetings/service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireLogin(locals, url);
	return {
		held: await orErrorPage(meetings.listHeldMeetings(locals.db, user)),
		done: url.searchParams.get('done')
	};
};
