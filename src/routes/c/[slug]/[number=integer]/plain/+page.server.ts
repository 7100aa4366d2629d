import { redirect } from '@sveltejs/kit';
import * as glossary from '$lib/server/glossary/service';
import { adviseOnly, formFailure, formValues, orErrorPage, requireLogin } from '$lib/server/http';
import * as plain from '$lib/server/plain/service';
import type { Actions, PageServerLoad } from './$types';

/** The recommendation behind the address. */
const at = (params: { slug: string; number: string }) => ({ slug: params.slug, number: Number(params.number) });

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireLogin(locals, url);
	const [editor, terms] = await Promise.all([
		orErrorPage(plain.getPlainEditor(locals.db, user, at(params))),
		glossary.writingTerms(locals.db)
	]);
	return { editor, terms, saved: url.searchParams.get('saved') };
};

export const actions: Actions = {
	/** "Check my text" without JavaScript: the writing check's advice, nothing saved. */
	advise: adviseOnly('plain', ['plainText', 'version']),
	/** Saves the plain-language version: back to this page, which says it was saved (and translated). */
	save: async ({ request, locals, params, url }) => {
		const values = formValues(await request.formData(), ['plainText', 'version']);
		let result;
		try {
			result = await plain.savePlainVersion(locals.db, locals.user, { ...at(params), ...values });
		} catch (e) {
			return formFailure('plain', values, e);
		}
		if (result.translating) locals.translator?.kick();
		redirect(303, `${url.pathname}?saved=${result.translating ? 'translating' : 'saved'}`);
	}
};
