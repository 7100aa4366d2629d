import { redirect } from '@sveltejs/kit';
import { isLocale } from '$lib/i18n/locales';
import { loadTranslator } from '$lib/i18n/translator';
import * as answers from '$lib/server/answers/service';
import { formFailure, formValues, orErrorPage } from '$lib/server/http';
import { logError } from '$lib/server/log';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	if (!locals.user) redirect(303, `/login?redirectTo=${encodeURIComponent(url.pathname)}`);
	return {
		editor: await orErrorPage(
			answers.getAnswerEditor(locals.db, locals.user, { slug: params.slug, number: Number(params.number) })
		),
		saved: url.searchParams.get('saved')
	};
};

export const actions: Actions = {
	save: async ({ request, locals, params, url }) => {
		const data = await request.formData();
		const values = formValues(data, ['status', 'explanation', 'commitment', 'commitmentDue', 'publish']);
		let result;
		try {
			result = await answers.saveAnswer(locals.db, locals.user, {
				slug: params.slug,
				number: Number(params.number),
				...values,
				publish: values.publish === '1'
			});
		} catch (e) {
			return formFailure('answer', values, e);
		}
		if (result.emails.length && locals.mailer.available) {
			// Each person in their own language; a failed mail is logged and never undoes the answer.
			const link = `${url.origin}/c/${params.slug}/${params.number}#answer`;
			for (const { to, locale } of result.emails) {
				const t = await loadTranslator(isLocale(locale) ? locale : 'nl');
				await locals.mailer
					.send({ to, subject: t('summary:mail.answerSubject'), text: t('summary:mail.answerBody', { link }) })
					.catch((e) => logError(e, { path: url.pathname, what: 'answer mail' }));
			}
		}
		redirect(303, `${url.pathname}?saved=${result.published ? 'published' : 'draft'}`);
	}
};
