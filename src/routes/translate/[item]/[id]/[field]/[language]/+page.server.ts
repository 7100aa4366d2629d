import { redirect } from '@sveltejs/kit';
import * as glossary from '$lib/server/glossary/service';
import { advised, formFailure, formValues, orErrorPage, requireLogin } from '$lib/server/http';
import * as translators from '$lib/server/translators/service';
import type { Actions, PageServerLoad } from './$types';

const textOf = (params: { item: string; id: string; field: string }) => translators.parseTextRef(params);

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireLogin(locals, url);
	const [form, terms] = await Promise.all([
		orErrorPage((async () => translators.getTranslationForm(locals.db, user, textOf(params), params.language))()),
		glossary.writingTerms(locals.db)
	]);
	return { form, terms, saved: url.searchParams.get('saved') };
};

export const actions: Actions = {
	default: async ({ request, locals, params, url }) => {
		const data = await request.formData();
		const values = formValues(data, ['text', 'check']);
		// "Check my text" (issue 15) saves nothing: the page shows the writing check's advice on it.
		if (data.get('advise') === '1') return advised('translation', values);
		let result;
		try {
			result = await translators.writeTranslation(locals.db, locals.user, textOf(params), params.language, {
				text: values.text,
				check: values.check === '1'
			});
		} catch (e) {
			return formFailure('translation', values, e);
		}
		redirect(303, `${url.pathname}?saved=${result.checked ? 'check' : 'write'}`);
	}
};
