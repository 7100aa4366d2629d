import { redirect } from '@sveltejs/kit';
import { createExportLink, exportFormats } from '$lib/server/exports/service';
import { formFailure, formValues, orErrorPage, requireLogin } from '$lib/server/http';
import { getDashboard, readFilters } from '$lib/server/results/service';
import { getDashboardPositions } from '$lib/server/positions/service';
import { resultFilterNames as filterNames } from '$lib/domain';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireLogin(locals, url);
	const filters = readFilters(Object.fromEntries(filterNames.map((k) => [k, url.searchParams.get(k)])));
	const d = await orErrorPage(getDashboard(locals.db, user, params.slug, filters));
	const positions = await getDashboardPositions(
		locals.db,
		user,
		d.recommendations.map((r) => r.id)
	);
	// Only what the page shows: no report texts, summaries or comments travel to the browser.
	return {
		consultation: { slug: d.consultation.slug, title: d.consultation.title, language: d.consultation.language },
		filters: d.filters,
		themes: d.themes,
		allThemes: d.allThemes,
		totals: d.totals,
		overTime: d.overTime,
		recommendations: d.recommendations.map((r) => ({
			number: r.number,
			themeNumeral: r.themeNumeral,
			shortTitle: r.shortTitle,
			tallies: {
				agree: r.tallies.agree,
				disagree: r.tallies.disagree,
				unsure: r.tallies.unsure,
				total: r.tallies.total
			},
			comments: r.comments,
			reports: r.reports,
			agreement: r.agreement,
			summarised: r.summary !== null,
			answerStatus: r.answerStatus
		})),
		positions: positions.tallies,
		formats: exportFormats,
		// Group meetings apart from the votes (issue 13).
		meetings: {
			rows: d.recommendations.flatMap((r) => {
				const m = d.meetings.byRecommendation.get(r.number);
				return m ? [{ number: r.number, shortTitle: r.shortTitle, ...m }] : [];
			}),
			total: d.meetings.totals,
			groupFilter: d.filters.group !== null
		}
	};
};

export const actions: Actions = {
	/** Makes a download link for this session and goes straight to it: the browser downloads the file. */
	export: async ({ request, locals, params }) => {
		const values = formValues(await request.formData(), ['format', ...filterNames]);
		let link;
		try {
			link = await createExportLink(locals.db, locals.user, locals.session?.id ?? null, {
				slug: params.slug,
				format: values.format,
				locale: locals.locale,
				filters: readFilters(values)
			});
		} catch (e) {
			return formFailure('export', values, e);
		}
		redirect(303, `/exports/${link.token}`);
	}
};
