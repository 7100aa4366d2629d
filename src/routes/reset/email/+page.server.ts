import { error } from '@sveltejs/kit';
import * as auth from '$lib/server/auth/service';
import { formFailure, formValues, requestContext } from '$lib/server/http';
import { loadTranslator } from '$lib/i18n/translator';
import { isLocale } from '$lib/i18n/locales';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	if (!locals.mailer.available) error(404, 'common:error.notFound.page');
	return {};
};

export const actions: Actions = {
	default: async (event) => {
		const { locals, url } = event;
		if (!locals.mailer.available) error(404, 'common:error.notFound.page');
		const data = await event.request.formData();
		const values = formValues(data, ['email']);
		try {
			await auth.requestEmailReset(
				requestContext(event),
				values,
				async (to, link, locale) => {
					// The mail speaks the language of the account, not of whoever asked.
					const t = await loadTranslator(isLocale(locale) ? locale : 'nl');
					await locals.mailer.send({
						to,
						subject: t('auth:resetMail.subject'),
						text: t('auth:resetMail.body', { link })
					});
				},
				url.origin
			);
		} catch (e) {
			return formFailure('resetEmail', values, e);
		}
		return { sent: true, values };
	}
};
