import { error } from '@sveltejs/kit';
import { isLocale } from '$lib/i18n/locales';
import { loadTranslator } from '$lib/i18n/translator';
import { buildExport, openExportLink } from '$lib/server/exports/service';
import { orErrorPage } from '$lib/server/http';
import type { RequestHandler } from './$types';

/**
 * A download: only in the session that asked for it, for ten minutes. The file streams as it is
 * written (the browser shows its progress), so a large consultation keeps the server's memory flat.
 */
export const GET: RequestHandler = async ({ locals, params }) => {
	if (!locals.user) error(401, 'common:error.loginRequired');
	const link = await orErrorPage(openExportLink(locals.db, locals.user, locals.session?.id ?? null, params.token));
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
