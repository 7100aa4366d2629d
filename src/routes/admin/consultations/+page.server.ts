import { redirect } from '@sveltejs/kit';
import * as consultations from '$lib/server/consultations/service';
import { formFailure, formValues, orErrorPage, requireLogin } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireLogin(locals, url);
	return {
		consultations: await orErrorPage(consultations.listForAdmin(locals.db, user)),
		saved: url.searchParams.get('saved')
	};
};

export const actions: Actions = {
	phase: async ({ request, locals }) => {
		const values = formValues(await request.formData(), ['slug', 'phase', 'note']);
		try {
			await consultations.setPhase(locals.db, locals.user, values);
		} catch (e) {
			return formFailure(`phase-${values.slug}`, values, e);
		}
		redirect(303, `/admin/consultations?saved=phase#c-${values.slug}`);
	},
	settings: async ({ request, locals }) => {
		const values = formValues(await request.formData(), ['slug', 'holdPolicy', 'newAccountDays', 'holdAfterReports']);
		try {
			await consultations.updateModerationSettings(locals.db, locals.user, values);
		} catch (e) {
			return formFailure(`settings-${values.slug}`, values, e);
		}
		redirect(303, `/admin/consultations?saved=settings#c-${values.slug}`);
	}
};
