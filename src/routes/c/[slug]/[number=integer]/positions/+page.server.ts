import { redirect } from '@sveltejs/kit';
import { formFailure, formValues, orErrorPage, requireLogin } from '$lib/server/http';
import * as positions from '$lib/server/positions/service';
import type { Actions, PageServerLoad } from './$types';

/** The positions on a thread for moderators, each with a form to hide it with a reason. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireLogin(locals, url);
	return {
		...(await orErrorPage(
			positions.getPositionsToModerate(locals.db, user, {
				slug: params.slug,
				number: Number(params.number),
				language: locals.locale
			})
		)),
		hidden: url.searchParams.has('hidden')
	};
};

export const actions: Actions = {
	hide: async ({ request, locals, url }) => {
		const values = formValues(await request.formData(), ['positionId', 'reason']);
		try {
			await positions.hidePosition(locals.db, locals.user, {
				positionId: Number(values.positionId),
				reason: values.reason
			});
		} catch (e) {
			return formFailure(`hide-${values.positionId}`, values, e);
		}
		redirect(303, `${url.pathname}?hidden=1`);
	}
};
