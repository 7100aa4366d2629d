import { redirect } from '@sveltejs/kit';
import * as answers from '$lib/server/answers/service';
import { formFailure, formValues, orErrorPage, requireLogin } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireLogin(locals, url);
	return {
		editor: await orErrorPage(
			answers.getAnswerEditor(locals.db, user, { slug: params.slug, number: Number(params.number) })
		),
		saved: url.searchParams.get('saved')
	};
};

export const actions: Actions = {
	save: async ({ request, locals, params, url }) => {
		const data = await request.formData();
		const values = formValues(data, ['status', 'explanation', 'commitment', 'commitmentDue', 'publish']);
		let result;
		try {
			result = await answers.saveAnswer(locals.db, locals.user, {
				slug: params.slug,
				number: Number(params.number),
				...values,
				publish: values.publish === '1'
			});
		} catch (e) {
			return formFailure('answer', values, e);
		}
		// Mail to those who asked for it was queued with the answer: it goes out in the background.
		if (result.mailed) locals.outbox.kick();
		if (result.translating) locals.translator?.kick();
		redirect(303, `${url.pathname}?saved=${result.published ? 'published' : 'draft'}`);
	}
};
