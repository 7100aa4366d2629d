import { redirect } from '@sveltejs/kit';
import * as consultations from '$lib/server/consultations/service';
import { formFailure, formValues, orErrorPage, requireLogin } from '$lib/server/http';
import type { Action, Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireLogin(locals, url);
	return {
		consultations: await orErrorPage(consultations.listForAdmin(locals.db, user)),
		policyMayCreate: await consultations.policyMayCreate(locals.db),
		saved: url.searchParams.get('saved')
	};
};

/** A form action that saves with `save`, then shows the page again with "saved" (or the form's issues). */
function saving<K extends string>(
	name: string,
	fields: K[],
	save: (locals: App.Locals, values: Record<K | 'slug', string>) => Promise<void>
): Action {
	return async ({ request, locals }) => {
		const values = formValues(await request.formData(), ['slug', ...fields]);
		try {
			await save(locals, values);
		} catch (e) {
			return formFailure(`${name}-${values.slug}`, values, e);
		}
		redirect(303, `/admin/consultations?saved=${name}#c-${values.slug}`);
	};
}

export const actions: Actions = {
	phase: saving('phase', ['phase', 'note'], (locals, values) => consultations.setPhase(locals.db, locals.user, values)),
	settings: saving('settings', ['holdPolicy', 'newAccountDays', 'holdAfterReports'], (locals, values) =>
		consultations.updateModerationSettings(locals.db, locals.user, values)
	),
	policyCreate: async ({ request, locals }) => {
		const allowed = (await request.formData()).get('allowed') === '1';
		try {
			await consultations.setPolicyMayCreate(locals.db, locals.user, { allowed });
		} catch (e) {
			return formFailure('policyCreate', {}, e);
		}
		redirect(303, '/admin/consultations?saved=policyCreate');
	},
	organiser: saving('organiser', ['organiserName', 'organiserLine', 'organiserContact'], (locals, values) =>
		consultations.updateOrganiser(locals.db, locals.user, values)
	)
};
