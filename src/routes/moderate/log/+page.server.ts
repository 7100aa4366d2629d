import { parsePage } from '$lib/paging';
import { redirect } from '@sveltejs/kit';
import { listAuditLog } from '$lib/server/audit/service';
import { orErrorPage } from '$lib/server/http';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (!locals.user) redirect(303, `/login?redirectTo=${encodeURIComponent(url.pathname)}`);
	const kind = url.searchParams.get('kind') ?? '';
	const page = parsePage(url.searchParams.get('page'));
	return { kind, log: await orErrorPage(listAuditLog(locals.db, locals.user, { kind, page })) };
};
