import { parsePage } from '$lib/paging';
import { listAuditLog } from '$lib/server/audit/service';
import { orErrorPage, requireLogin } from '$lib/server/http';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireLogin(locals, url);
	const kind = url.searchParams.get('kind') ?? '';
	const page = parsePage(url.searchParams.get('page'));
	return { kind, log: await orErrorPage(listAuditLog(locals.db, user, { kind, page })) };
};
