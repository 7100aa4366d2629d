import { parsePage } from '$lib/paging';
import { redirect, type RequestEvent } from '@sveltejs/kit';
import { formFailure, formValues, orErrorPage, requireLogin } from '$lib/server/http';
import * as moderation from '$lib/server/moderation/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireLogin(locals, url);
	const page = parsePage(url.searchParams.get('page'));
	const view = url.searchParams.get('view') === 'hidden' ? 'hidden' : 'open';
	return {
		view,
		queue: await orErrorPage(moderation.listQueue(locals.db, user, { page, view })),
		done: url.searchParams.get('done'),
		suspensionDays: moderation.suspensionDays
	};
};

/** Back to the queue, saying what was done; the page number stays. */
function back(event: RequestEvent, done: string): never {
	const keep = new URLSearchParams();
	for (const key of ['view', 'page']) {
		const value = event.url.searchParams.get(key);
		if (value) keep.set(key, value);
	}
	keep.set('done', done);
	redirect(303, `/moderate?${keep}#queue`);
}

export const actions: Actions = {
	hide: async (event) => {
		const values = formValues(await event.request.formData(), ['commentId', 'reason', 'note']);
		try {
			await moderation.hideComment(event.locals.db, event.locals.user, {
				...values,
				commentId: Number(values.commentId)
			});
		} catch (e) {
			return formFailure(`hide-${values.commentId}`, values, e);
		}
		back(event, 'hidden');
	},
	restore: async (event) => {
		const values = formValues(await event.request.formData(), ['commentId', 'note']);
		try {
			await moderation.restoreComment(event.locals.db, event.locals.user, {
				...values,
				commentId: Number(values.commentId)
			});
		} catch (e) {
			return formFailure(`item-${values.commentId}`, values, e);
		}
		// Approving a reply may have queued a mail to the parent's author.
		event.locals.outbox.kick();
		back(event, 'restored');
	},
	dismiss: async (event) => {
		const values = formValues(await event.request.formData(), ['commentId', 'note']);
		try {
			await moderation.dismissReports(event.locals.db, event.locals.user, {
				...values,
				commentId: Number(values.commentId)
			});
		} catch (e) {
			return formFailure(`item-${values.commentId}`, values, e);
		}
		back(event, 'dismissed');
	},
	redact: async (event) => {
		const values = formValues(await event.request.formData(), ['commentId', 'body', 'note']);
		try {
			await moderation.redactComment(event.locals.db, event.locals.user, {
				...values,
				commentId: Number(values.commentId)
			});
		} catch (e) {
			return formFailure(`redact-${values.commentId}`, values, e);
		}
		back(event, 'redacted');
	},
	suspend: async (event) => {
		const values = formValues(await event.request.formData(), ['commentId', 'userId', 'days', 'reason', 'note']);
		try {
			await moderation.suspendAccount(event.locals.db, event.locals.user, {
				userId: Number(values.userId),
				days: Number(values.days),
				reason: values.reason,
				note: values.note
			});
		} catch (e) {
			return formFailure(`suspend-${values.commentId}`, values, e);
		}
		back(event, 'suspended');
	},
	unsuspend: async (event) => {
		const values = formValues(await event.request.formData(), ['commentId', 'userId']);
		try {
			await moderation.liftSuspension(event.locals.db, event.locals.user, Number(values.userId));
		} catch (e) {
			return formFailure(`item-${values.commentId}`, values, e);
		}
		back(event, 'unsuspended');
	}
};
