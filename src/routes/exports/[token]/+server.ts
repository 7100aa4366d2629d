import { isHttpError, redirect } from '@sveltejs/kit';
import { isLocale } from '$lib/i18n/locales';
import { loadTranslator } from '$lib/i18n/translator';
import { buildExport, openExportLink } from '$lib/server/exports/service';
import { orErrorPage, wantsPage } from '$lib/server/http';
import type { RequestHandler } from './$types';

/**
 * A download: only in the session that asked for it, for ten minutes. The file streams as it is
 * written (the browser shows its progress), so a large consultation keeps the server's memory flat.
 * A link that does not open (expired, another session, logged out) sends a browser to a page that says
 * so in the person's language; an endpoint's own error page could only show the message's key.
 */
export const GET: RequestHandler = async ({ locals, params, request }) => {
	const link = await orErrorPage(
		openExportLink(locals.db, locals.user, locals.session?.id ?? null, params.token)
	).catch((e: unknown) => {
		if (isHttpError(e) && wantsPage(request)) redirect(303, `/exports/${params.token}/problem`);
		throw e;
	});
	const t = await loadTranslator(isLocale(link.locale) ? link.locale : 'nl');
	const file = await buildExport(locals.db, link, t);
	return new Response(file.body, {
		headers: {
			'content-type': file.contentType,
			'content-disposition': `attachment; filename="${file.filename}"`,
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff'
		}
	});
};
