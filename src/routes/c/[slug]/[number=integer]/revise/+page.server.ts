import { redirect } from '@sveltejs/kit';
import * as revisions from '$lib/server/revisions/service';
import { formFailure, formValues, orErrorPage, requireLogin } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

/** The recommendation behind the address. */
const at = (params: { slug: string; number: string }) => ({ slug: params.slug, number: Number(params.number) });

export const load: PageServerLoad = async ({ locals, params, url }) => ({
	editor: await orErrorPage(revisions.getRevisionEditor(locals.db, requireLogin(locals, url), at(params))),
	saved: url.searchParams.get('saved')
});

export const actions: Actions = {
	/** Saves a new revision of the text: back to this page, which then says it was saved. */
	save: async ({ request, locals, params, url }) => {
		const values = formValues(await request.formData(), ['shortTitle', 'officialText', 'kind', 'reason', 'version']);
		let result;
		try {
			result = await revisions.reviseRecommendation(locals.db, locals.user, { ...at(params), ...values });
		} catch (e) {
			return formFailure('revision', values, e);
		}
		// Mail to earlier voters who asked for it was queued with the revision: it goes out in the background.
		if (result.mailed) locals.outbox.kick();
		redirect(303, `${url.pathname}?saved=published`);
	}
};
