import { methodText, filterText } from '$lib/server/exports/service';
import { loadTranslator } from '$lib/i18n/translator';
import { orErrorPage, requireLogin } from '$lib/server/http';
import { getDashboard, readFilters } from '$lib/server/results/service';
import { getDashboardPositions } from '$lib/server/positions/service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireLogin(locals, url);
	const filters = readFilters(
		Object.fromEntries(['theme', 'group', 'from', 'to'].map((k) => [k, url.searchParams.get(k)]))
	);
	const dashboard = await orErrorPage(getDashboard(locals.db, user, params.slug, filters));
	const t = await loadTranslator(locals.locale);
	const positions = await getDashboardPositions(
		locals.db,
		user,
		dashboard.recommendations.map((r) => r.id)
	);
	return {
		dashboard,
		positions: positions.rows,
		method: methodText(t),
		filterWords: filterText(filters, t, locals.locale),
		generatedAt: new Date().toISOString()
	};
};
