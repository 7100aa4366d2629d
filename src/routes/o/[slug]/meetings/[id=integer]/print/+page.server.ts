import { isLocale } from '$lib/i18n/locales';
import { loadTranslator } from '$lib/i18n/translator';
import { orErrorPage, requireLogin } from '$lib/server/http';
import * as meetings from '$lib/server/meetings/service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireLogin(locals, url);
	const sheet = await orErrorPage(
		meetings.getPrintSheet(locals.db, user, { slug: params.slug, id: Number(params.id) })
	);
	// The sheet's own words in the meeting's language, whatever the facilitator's interface language.
	const tr = await loadTranslator(isLocale(sheet.language) ? sheet.language : locals.locale);
	return {
		sheet,
		printT: {
			title: tr('meetings:print.title'),
			intro: tr('meetings:print.intro'),
			demo: tr('meetings:demo'),
			numbers: Object.fromEntries(sheet.items.map((i) => [i.number, tr('thread:number', { number: i.number })]))
		}
	};
};
