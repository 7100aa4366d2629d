import { error, redirect } from '@sveltejs/kit';
import { DomainError } from '$lib/server/errors';
import { LINK_MINUTES, openExportLink } from '$lib/server/exports/service';
import type { PageServerLoad } from './$types';

/**
 * Why a download link did not open, as a page in the reader's language with the link's status (401,
 * 403 or 404). One message for every case: it tells what a link needs without saying whether it exists.
 */
export const load: PageServerLoad = async ({ locals, params }) => {
	try {
		await openExportLink(locals.db, locals.user, locals.session?.id ?? null, params.token);
	} catch (e) {
		if (e instanceof DomainError) error(e.status, { message: 'results:error.link', params: { minutes: LINK_MINUTES } });
		throw e;
	}
	// The link works here after all (opened by hand): to the download.
	redirect(303, `/exports/${params.token}`);
};
