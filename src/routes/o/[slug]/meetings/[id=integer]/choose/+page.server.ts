import { redirect } from '@sveltejs/kit';
import { formFailure } from '$lib/server/http';
import * as meetings from '$lib/server/meetings/service';
import type { Actions } from './$types';

export const actions: Actions = {
	/** Step 2: the recommendations discussed; then the first of them, one per screen. */
	choose: async ({ request, locals, params }) => {
		const numbers = (await request.formData()).getAll('numbers').map(String);
		let first: number | null;
		try {
			({ first } = await meetings.chooseRecommendations(locals.db, locals.user, {
				slug: params.slug,
				id: Number(params.id),
				numbers
			}));
		} catch (e) {
			return formFailure('choose', { numbers: numbers.join(',') }, e);
		}
		redirect(303, `/o/${params.slug}/meetings/${params.id}/r/${first}`);
	}
};
