import { redirect, type RequestEvent } from '@sveltejs/kit';
import { formFailure, formValues, orErrorPage, requireLogin } from '$lib/server/http';
import * as positions from '$lib/server/positions/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireLogin(locals, url);
	return {
		editor: await orErrorPage(
			positions.getPositionEditor(locals.db, user, { ...ref(params), language: locals.locale })
		),
		saved: url.searchParams.get('saved')
	};
};

const ref = (params: { slug: string; number: string; org: string }) => ({
	slug: params.slug,
	number: Number(params.number),
	organisation: params.org
});

const fields = [
	'stance',
	'explanation',
	'language',
	'mandate',
	'mandateOther',
	'decidedOn',
	'membersTakingPart',
	'splitAgree',
	'splitDisagree',
	'splitAbstain'
] as const;

/** Back to this page after a form: 303, so a reload never posts twice. */
function back(event: RequestEvent, saved: string): never {
	redirect(303, `${event.url.pathname}?saved=${saved}`);
}

export const actions: Actions = {
	save: async (event) => {
		const values = formValues(await event.request.formData(), fields);
		try {
			await positions.saveDraft(event.locals.db, event.locals.user, { ...ref(event.params), ...values });
		} catch (e) {
			return formFailure('position', values, e);
		}
		back(event, 'draft');
	},
	remark: async (event) => {
		const values = formValues(await event.request.formData(), ['remark']);
		try {
			await positions.addRemark(event.locals.db, event.locals.user, event.locals.limits, {
				...ref(event.params),
				body: values.remark
			});
		} catch (e) {
			return formFailure('remark', values, e);
		}
		back(event, 'remark');
	},
	signoff: async (event) => {
		const values = formValues(await event.request.formData(), ['statement']);
		let result;
		try {
			result = await positions.signOffPosition(event.locals.db, event.locals.user, {
				...ref(event.params),
				statement: values.statement === '1'
			});
		} catch (e) {
			return formFailure('signoff', values, e);
		}
		if (result.translating) event.locals.translator?.kick();
		back(event, 'published');
	},
	withdraw: async (event) => {
		try {
			await positions.withdrawPosition(event.locals.db, event.locals.user, ref(event.params));
		} catch (e) {
			return formFailure('withdraw', {}, e);
		}
		back(event, 'withdrawn');
	}
};
