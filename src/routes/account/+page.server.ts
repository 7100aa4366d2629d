import { redirect } from '@sveltejs/kit';
import * as auth from '$lib/server/auth/service';
import { badForm, deleteSessionCookie, formFailure, formValues, requireLogin } from '$lib/server/http';
import * as users from '$lib/server/users/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireLogin(locals, url);
	return {
		profile: await users.getProfile(locals.db, user),
		joined: url.searchParams.get('joined'),
		welcome: url.searchParams.has('welcome'),
		saved: url.searchParams.get('saved')
	};
};

export const actions: Actions = {
	profile: async ({ request, locals, cookies }) => {
		const data = await request.formData();
		const values = formValues(data, ['displayName', 'email', 'emailNotifications', 'locale', 'participantGroup']);
		const readLanguages = data.getAll('readLanguages').map(String);
		try {
			await users.updateProfile(locals.db, locals.user, {
				...values,
				readLanguages,
				emailNotifications: values.emailNotifications === '1'
			});
		} catch (e) {
			return formFailure('profile', { ...values, readLanguages: readLanguages.join(',') }, e);
		}
		// The interface follows the language chosen in the profile at once.
		cookies.set('lang', values.locale, { path: '/', maxAge: 60 * 60 * 24 * 365, sameSite: 'lax', httpOnly: true });
		redirect(303, '/account?saved=profile');
	},
	password: async ({ request, locals }) => {
		const data = await request.formData();
		try {
			await auth.changePassword(locals.db, locals.user, locals.session, {
				currentPassword: String(data.get('currentPassword') ?? ''),
				newPassword: String(data.get('newPassword') ?? '')
			});
		} catch (e) {
			return formFailure('password', {}, e);
		}
		redirect(303, '/account?saved=password');
	},
	delete: async ({ request, locals, cookies }) => {
		const data = await request.formData();
		const values = formValues(data, ['mode', 'confirm']);
		if (!locals.user) return badForm('delete', 401);
		try {
			await users.deleteAccount(locals.db, locals.user, values);
		} catch (e) {
			return formFailure('delete', values, e);
		}
		deleteSessionCookie(cookies);
		redirect(303, '/?deleted=1');
	}
};
