import { parsePage } from '$lib/paging';
import { formFailure, orErrorPage, postThenGo, requireLogin, samePage } from '$lib/server/http';
import * as users from '$lib/server/users/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireLogin(locals, url);
	const search = url.searchParams.get('q') ?? '';
	const role = url.searchParams.get('role') ?? '';
	const page = parsePage(url.searchParams.get('page'));
	return {
		search,
		role,
		result: await orErrorPage(users.listUsers(locals.db, user, { search, role, page })),
		selfId: user.id,
		saved: url.searchParams.get('saved')
	};
};

export const actions: Actions = {
	role: postThenGo(
		'role',
		(data, { locals }) =>
			users.setSiteRole(locals.db, locals.user, Number(data.get('userId')), String(data.get('role'))),
		({ url }) => samePage(url, { saved: 'role' })
	),
	badge: postThenGo(
		'badge',
		(data, { locals }) =>
			users.setExperienceExpert(locals.db, locals.user, Number(data.get('userId')), data.get('verified') === '1'),
		({ url }) => samePage(url, { saved: 'badge' })
	),
	translator: postThenGo(
		'translator',
		(data, { locals }) =>
			users.setTranslatorLanguages(
				locals.db,
				locals.user,
				Number(data.get('userId')),
				data.getAll('languages').map(String)
			),
		({ url }) => samePage(url, { saved: 'translator' })
	),
	reset: async ({ request, locals }) => {
		const data = await request.formData();
		try {
			return {
				form: 'reset',
				resetCode: await users.issueResetCode(locals.db, locals.user, Number(data.get('userId')))
			};
		} catch (e) {
			return formFailure('reset', {}, e);
		}
	}
};
