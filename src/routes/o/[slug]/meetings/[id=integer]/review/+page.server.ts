import { redirect } from '@sveltejs/kit';
import { formFailure } from '$lib/server/http';
import * as meetings from '$lib/server/meetings/service';
import type { Actions } from './$types';

export const actions: Actions = {
	/** Step 4: send. Published at once, or held for a moderator when it may hold personal details. */
	send: async ({ locals, params }) => {
		let held: boolean;
		try {
			({ held } = await meetings.sendMeeting(locals.db, locals.user, { slug: params.slug, id: Number(params.id) }));
		} catch (e) {
			return formFailure('send', {}, e);
		}
		locals.translator?.kick();
		redirect(303, `/o/${params.slug}/meetings/${params.id}?sent=${held ? 'held' : 'published'}`);
	}
};
