import { orErrorPage, requireLogin } from '$lib/server/http';
import * as meetings from '$lib/server/meetings/service';
import type { LayoutServerLoad } from './$types';

/** Every step reads the record as it is saved now: the draft is the truth, never the page. */
export const load: LayoutServerLoad = async ({ locals, params, url }) => {
	const user = requireLogin(locals, url);
	return await orErrorPage(meetings.getMeeting(locals.db, user, { slug: params.slug, id: Number(params.id) }));
};
