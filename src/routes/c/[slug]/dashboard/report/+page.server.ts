import { getPrintReport } from '$lib/server/exports/service';
import { loadTranslator } from '$lib/i18n/translator';
import { orErrorPage, requireLogin } from '$lib/server/http';
import { readFilters } from '$lib/server/results/service';
import { resultFilterNames } from '$lib/domain';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireLogin(locals, url);
	const filters = readFilters(Object.fromEntries(resultFilterNames.map((k) => [k, url.searchParams.get(k)])));
	const t = await loadTranslator(locals.locale);
	return {
		...(await orErrorPage(getPrintReport(locals.db, user, { slug: params.slug, filters, locale: locals.locale }, t))),
		generatedAt: new Date().toISOString()
	};
};
