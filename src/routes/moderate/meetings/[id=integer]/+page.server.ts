import { redirect, type RequestEvent } from '@sveltejs/kit';
import { formFailure, formValues, orErrorPage, requireLogin } from '$lib/server/http';
import * as meetings from '$lib/server/meetings/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireLogin(locals, url);
	return { meeting: await orErrorPage(meetings.getMeetingForModerator(locals.db, user, Number(params.id))) };
};

/** One moderator's decision: on a problem, shown on that form with what was typed; else back to the list. */
function decision(
	form: string,
	run: (event: RequestEvent, v: Record<string, string>) => Promise<unknown>,
	done: string
) {
	return async (event: RequestEvent) => {
		const values = formValues(await event.request.formData(), ['reason', 'note', 'quoteId']);
		try {
			await run(event, values);
		} catch (e) {
			return formFailure(values.quoteId ? `${form}-${values.quoteId}` : form, values, e);
		}
		if (done === 'approved') event.locals.translator?.kick();
		redirect(303, `/moderate/meetings?done=${done}`);
	};
}

const meetingId = (event: RequestEvent) => Number((event.params as { id: string }).id);

export const actions: Actions = {
	approve: decision(
		'approve',
		(e, v) => meetings.approveMeeting(e.locals.db, e.locals.user, { meetingId: meetingId(e), note: v.note }),
		'approved'
	),
	hide: decision(
		'hide',
		(e, v) =>
			meetings.hideMeeting(e.locals.db, e.locals.user, { meetingId: meetingId(e), reason: v.reason, note: v.note }),
		'hidden'
	),
	hideQuote: decision(
		'quote',
		(e, v) =>
			meetings.hideMeetingQuote(e.locals.db, e.locals.user, {
				quoteId: Number(v.quoteId),
				reason: v.reason,
				note: v.note
			}),
		'quoteHidden'
	)
};
