import { redirect } from '@sveltejs/kit';
import { formFailure, formValues, orErrorPage, requireLogin, samePage } from '$lib/server/http';
import { parsePage } from '$lib/paging';
import * as summaries from '$lib/server/summaries/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireLogin(locals, url);
	const q = url.searchParams;
	const editor = await orErrorPage(
		summaries.getSummaryEditor(
			locals.db,
			user,
			{ slug: params.slug, number: Number(params.number) },
			{
				stance: q.get('stance') ?? undefined,
				group: q.get('group') ?? undefined,
				uncited: q.get('uncited') === '1',
				sort: q.get('sort') === 'newest' ? 'newest' : 'helpful',
				page: parsePage(q.get('page'))
			}
		)
	);
	return { editor, saved: q.get('saved') };
};

export const actions: Actions = {
	save: async ({ request, locals, params, url }) => {
		const data = await request.formData();
		const values = formValues(data, ['mainPoints', 'disagreements', 'voices', 'publish']);
		let result;
		try {
			result = await summaries.saveSummary(locals.db, locals.user, {
				slug: params.slug,
				number: Number(params.number),
				mainPoints: values.mainPoints,
				disagreements: values.disagreements,
				voices: values.voices,
				publish: values.publish === '1'
			});
		} catch (e) {
			return formFailure('summary', values, e);
		}
		if (result.mailed) locals.outbox.kick();
		if (result.translating) locals.translator?.kick();
		redirect(303, samePage(url, { saved: result.published ? 'published' : 'draft' }));
	}
};
