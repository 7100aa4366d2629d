import { parsePage } from '$lib/paging';
import { redirect, type RequestEvent } from '@sveltejs/kit';
import { formFailure, formValues, orErrorPage, requireLogin } from '$lib/server/http';
import * as meetings from '$lib/server/meetings/service';
import * as moderation from '$lib/server/moderation/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireLogin(locals, url);
	const page = parsePage(url.searchParams.get('page'));
	const view = url.searchParams.get('view') === 'hidden' ? 'hidden' : 'open';
	return {
		view,
		queue: await orErrorPage(moderation.listQueue(locals.db, user, { page, view })),
		heldMeetings: await orErrorPage(meetings.countHeldMeetings(locals.db, user)),
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

/**
 * One moderation form: read its fields, run the decision as the person logged in, and on an expected
 * error show it on that item's form (`<form>-<comment id>`) with what was typed; else back to the queue.
 */
function decision<K extends string>(
	fields: readonly K[],
	form: 'hide' | 'redact' | 'suspend' | 'item',
	run: (event: RequestEvent, values: Record<K | 'commentId', string>) => Promise<unknown>,
	done: string
) {
	return async (event: RequestEvent) => {
		const values = formValues(await event.request.formData(), ['commentId', ...fields]);
		try {
			await run(event, values);
		} catch (e) {
			return formFailure(`${form}-${values.commentId}`, values, e);
		}
		// Approving a reply may have queued a mail to the parent's author.
		if (done === 'restored') event.locals.outbox.kick();
		// A comment published again may have queued its translation into the consultation's language.
		if (done === 'restored' || done === 'redacted' || done === 'dismissed') event.locals.translator?.kick();
		back(event, done);
	};
}

const comment = <V extends { commentId: string }>(values: V) => ({ ...values, commentId: Number(values.commentId) });

export const actions: Actions = {
	hide: decision(
		['reason', 'note'],
		'hide',
		({ locals }, v) => moderation.hideComment(locals.db, locals.user, comment(v)),
		'hidden'
	),
	restore: decision(
		['note'],
		'item',
		({ locals }, v) => moderation.restoreComment(locals.db, locals.user, comment(v)),
		'restored'
	),
	dismiss: decision(
		['note'],
		'item',
		({ locals }, v) => moderation.dismissReports(locals.db, locals.user, comment(v)),
		'dismissed'
	),
	redact: decision(
		['body', 'note'],
		'redact',
		({ locals }, v) => moderation.redactComment(locals.db, locals.user, comment(v)),
		'redacted'
	),
	suspend: decision(
		['userId', 'days', 'reason', 'note'],
		'suspend',
		({ locals }, v) =>
			moderation.suspendAccount(locals.db, locals.user, {
				userId: Number(v.userId),
				days: Number(v.days),
				reason: v.reason,
				note: v.note
			}),
		'suspended'
	),
	unsuspend: decision(
		['userId'],
		'item',
		({ locals }, v) => moderation.liftSuspension(locals.db, locals.user, Number(v.userId)),
		'unsuspended'
	)
};
