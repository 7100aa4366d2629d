import { redirect } from '@sveltejs/kit';
import { adviseOnly, formFailure, formValues, orErrorPage, requireLogin, samePage } from '$lib/server/http';
import * as glossary from '$lib/server/glossary/service';
import { parsePage } from '$lib/paging';
import * as summaries from '$lib/server/summaries/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireLogin(locals, url);
	const q = url.searchParams;
	const [editor, terms] = await Promise.all([
		orErrorPage(
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
		),
		glossary.writingTerms(locals.db)
	]);
	return { editor, terms, saved: q.get('saved') };
};

const sections = ['mainPoints', 'disagreements', 'voices'] as const;

export const actions: Actions = {
	advise: adviseOnly('summary', sections),
	save: async ({ request, locals, params, url }) => {
		const data = await request.formData();
		const values = formValues(data, [...sections, 'publish']);
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
