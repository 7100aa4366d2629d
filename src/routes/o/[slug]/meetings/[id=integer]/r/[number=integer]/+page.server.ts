import { error, redirect } from '@sveltejs/kit';
import { formFailure, formValues } from '$lib/server/http';
import * as meetings from '$lib/server/meetings/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, params }) => {
	const { meeting } = await parent();
	const index = meeting.items.findIndex((i) => i.number === Number(params.number));
	if (index < 0) error(404, { message: 'common:error.notFound.recommendation' });
	return { index, item: meeting.items[index], quotesMax: meetings.QUOTES_MAX };
};

export const actions: Actions = {
	/**
	 * Step 3, one recommendation: saved as a draft (what is valid, even when something is not), then the
	 * next recommendation, the check-and-send step, or this one again with room for one more quote.
	 */
	save: async ({ request, locals, params }) => {
		const data = await request.formData();
		const values = formValues(data, ['agree', 'disagree', 'notSure']);
		const quotes = data.getAll('quote').map(String);
		const quoteLanguages = data.getAll('quoteLanguage').map(String);
		const base = `/o/${params.slug}/meetings/${params.id}`;
		let next: number | null;
		try {
			({ next } = await meetings.saveMeetingItem(locals.db, locals.user, {
				slug: params.slug,
				id: Number(params.id),
				number: Number(params.number),
				...values,
				quotes,
				quoteLanguages
			}));
		} catch (e) {
			const kept = Object.fromEntries(quotes.map((q, i) => [`quote${i}`, q]));
			return formFailure('item', { ...values, ...kept, quoteCount: String(quotes.length) }, e);
		}
		if (data.get('more')) redirect(303, `${base}/r/${params.number}?more=1#quote-new`);
		redirect(303, next === null ? `${base}/review` : `${base}/r/${next}`);
	}
};
