import { redirect } from '@sveltejs/kit';
import * as answers from '$lib/server/answers/service';
import * as glossary from '$lib/server/glossary/service';
import { adviseOnly, formFailure, formValues, orErrorPage, requireLogin } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireLogin(locals, url);
	const [editor, terms] = await Promise.all([
		orErrorPage(answers.getAnswerEditor(locals.db, user, { slug: params.slug, number: Number(params.number) })),
		glossary.writingTerms(locals.db)
	]);
	return { editor, terms, saved: url.searchParams.get('saved') };
};

const fields = ['status', 'explanation', 'commitment', 'commitmentDue'] as const;

export const actions: Actions = {
	advise: adviseOnly('answer', fields),
	save: async ({ request, locals, params, url }) => {
		const data = await request.formData();
		const values = formValues(data, [...fields, 'publish']);
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
