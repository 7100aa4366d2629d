import { redirect, type RequestEvent } from '@sveltejs/kit';
import * as answers from '$lib/server/answers/service';
import { canAnswer } from '$lib/server/answers/policy';
import * as comments from '$lib/server/comments/service';
import { canWriteSummary } from '$lib/server/summaries/policy';
import { getParticipation } from '$lib/server/comments/thread';
import { formFailure, formValues, orErrorPage, requireLogin } from '$lib/server/http';
import { parsePage } from '$lib/paging';
import * as notifications from '$lib/server/notifications/service';
import * as positions from '$lib/server/positions/service';
import * as recommendations from '$lib/server/recommendations/service';
import * as revisions from '$lib/server/revisions/service';
import { canRevise } from '$lib/server/revisions/policy';
import * as meetings from '$lib/server/meetings/service';
import { canModerateMeeting } from '$lib/server/meetings/policy';
import * as machine from '$lib/server/translations/machine/service';
import * as translationRequests from '$lib/server/translations/requests';
import * as votes from '$lib/server/votes/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const thread = await orErrorPage(
		recommendations.getThread(locals.db, params.slug, Number(params.number), locals.locale)
	);
	const sort = url.searchParams.get('sort') === 'helpful' ? 'helpful' : 'newest';
	const page = parsePage(url.searchParams.get('page'));
	const [participation, { summary, answers: answerVersions }, associations] = await Promise.all([
		getParticipation(locals.db, locals.user, thread.id, { sort, page, language: locals.locale }),
		answers.getOutcome(locals.db, thread.id, { language: locals.locale, written: thread.consultation.language }),
		positions.getThreadPositions(locals.db, locals.user, { recommendationId: thread.id, language: locals.locale })
	]);
	const history = await revisions.getTextHistory(locals.db, { id: thread.id, textVersion: thread.textVersion });
	return {
		history,
		// The text changed since I voted: what changed, to confirm or change my vote.
		sinceMyVote: revisions.voteOnEarlierText(history, thread.lastChangeVersion, participation.myVoteVersion),
		thread,
		loggedIn: locals.user !== null,
		suspendedUntil: locals.user?.suspendedUntil ?? null,
		participation,
		summary,
		answers: answerVersions,
		associations,
		meetings: {
			...(await meetings.meetingsOnThread(locals.db, thread.id, locals.locale)),
			moderate: canModerateMeeting(locals.user)
		},
		staff: { summary: canWriteSummary(locals.user), answer: canAnswer(locals.user), revise: canRevise(locals.user) }
	};
};

/** Back to the right place in the thread after a form: 303, so a reload never posts twice. */
function back(event: RequestEvent, anchor: string, extra: Record<string, string> = {}): never {
	const { slug, number } = event.params as { slug: string; number: string };
	const keep = new URLSearchParams();
	for (const key of ['sort', 'page']) {
		const value = event.url.searchParams.get(key);
		if (value) keep.set(key, value);
	}
	for (const [key, value] of Object.entries(extra)) keep.set(key, value);
	const query = keep.size ? `?${keep}` : '';
	redirect(303, `/c/${slug}/${number}${query}#${anchor}`);
}

/**
 * A button on one comment that sends only its id (delete, helpful): the service does the rest, and the
 * page comes back at that comment, with any problem shown there.
 */
async function onComment(event: RequestEvent, act: (commentId: number) => Promise<unknown>) {
	const id = Number((await event.request.formData()).get('commentId'));
	try {
		await act(id);
	} catch (e) {
		return formFailure(`comment-${id}`, {}, e);
	}
	back(event, `comment-${id}`);
}

const ref = (event: RequestEvent) => {
	const { slug, number } = event.params as { slug: string; number: string };
	return { slug, number: Number(number) };
};

export const actions: Actions = {
	vote: async (event) => {
		const user = requireLogin(event.locals, event.url, { anchor: 'vote' });
		const data = await event.request.formData();
		try {
			if (data.get('choice') === 'withdraw') await votes.withdrawVote(event.locals.db, user, ref(event));
			else
				await votes.castVote(event.locals.db, user, event.locals.limits, {
					...ref(event),
					choice: String(data.get('choice') ?? '')
				});
		} catch (e) {
			return formFailure('vote', {}, e);
		}
		back(event, 'vote');
	},
	/** Keeps my vote after the text changed: it moves to the current text. */
	confirmVote: async (event) => {
		const user = requireLogin(event.locals, event.url, { anchor: 'vote' });
		try {
			await votes.confirmVote(event.locals.db, user, ref(event));
		} catch (e) {
			return formFailure('vote', {}, e);
		}
		back(event, 'vote');
	},
	comment: async (event) => {
		const user = requireLogin(event.locals, event.url, { anchor: 'comment-form' });
		const data = await event.request.formData();
		const values = formValues(data, ['body', 'language', 'stance', 'parentId', 'token', 'confirmPersonal']);
		const form = values.parentId ? `reply-${values.parentId}` : 'comment';
		let result;
		try {
			result = await comments.postComment(event.locals.db, user, event.locals.limits, {
				...ref(event),
				body: values.body,
				language: values.language,
				stance: values.stance || null,
				parentId: values.parentId ? Number(values.parentId) : null,
				token: values.token,
				confirmPersonal: values.confirmPersonal === '1'
			});
		} catch (e) {
			return formFailure(form, values, e);
		}
		// A mail to the parent's author, if they asked for it, was queued with the reply.
		if (result.created && values.parentId) event.locals.outbox.kick();
		// A published comment may have queued its translation into the consultation's language.
		if (result.created && !result.held) event.locals.translator?.kick();
		back(
			event,
			`comment-${result.id}`,
			result.suggestedLanguage ? { suggest: result.suggestedLanguage, c: String(result.id) } : {}
		);
	},
	language: async (event) => {
		const data = await event.request.formData();
		const values = formValues(data, ['commentId', 'language']);
		try {
			await comments.setCommentLanguage(event.locals.db, event.locals.user, {
				commentId: Number(values.commentId),
				language: values.language
			});
		} catch (e) {
			return formFailure(`comment-${values.commentId}`, values, e);
		}
		back(event, `comment-${values.commentId}`);
	},
	edit: async (event) => {
		const data = await event.request.formData();
		const values = formValues(data, ['commentId', 'body', 'language', 'stance', 'confirmPersonal']);
		try {
			await comments.editComment(event.locals.db, event.locals.user, {
				...values,
				commentId: Number(values.commentId),
				stance: values.stance || null,
				confirmPersonal: values.confirmPersonal === '1'
			});
		} catch (e) {
			return formFailure(`edit-${values.commentId}`, values, e);
		}
		event.locals.translator?.kick();
		back(event, `comment-${values.commentId}`);
	},
	delete: (event) => onComment(event, (id) => comments.deleteComment(event.locals.db, event.locals.user, id)),
	report: async (event) => {
		const user = requireLogin(event.locals, event.url, { anchor: 'comments' });
		const data = await event.request.formData();
		const values = formValues(data, ['commentId', 'reason', 'note']);
		try {
			await comments.reportComment(event.locals.db, user, event.locals.limits, {
				...values,
				commentId: Number(values.commentId)
			});
		} catch (e) {
			return formFailure(`report-${values.commentId}`, values, e);
		}
		back(event, `comment-${values.commentId}`);
	},
	helpful: (event) => {
		const user = requireLogin(event.locals, event.url, { anchor: 'comments' });
		return onComment(event, (id) => comments.toggleHelpful(event.locals.db, user, id));
	},
	machineTranslation: async (event) => {
		const user = requireLogin(event.locals, event.url, { anchor: 'comments' });
		const id = Number((await event.request.formData()).get('commentId'));
		try {
			await machine.askMachineTranslation(
				event.locals.db,
				user,
				{ itemType: 'comment', itemId: id, field: 'body' },
				event.locals.locale,
				new Date().toISOString()
			);
		} catch (e) {
			return formFailure(`comment-${id}`, {}, e);
		}
		event.locals.translator?.kick();
		back(event, `comment-${id}`);
	},
	askTranslation: async (event) => {
		const user = requireLogin(event.locals, event.url, { anchor: 'comments' });
		const id = Number((await event.request.formData()).get('commentId'));
		let result;
		try {
			result = await translationRequests.askPersonTranslation(event.locals.db, user, event.locals.limits, {
				ref: { itemType: 'comment', itemId: id, field: 'body' },
				language: event.locals.locale
			});
		} catch (e) {
			return formFailure(`comment-${id}`, {}, e);
		}
		back(event, `comment-${id}`, result.asked ? {} : { askedBefore: String(id) });
	},
	follow: async (event) => {
		const user = requireLogin(event.locals, event.url, { anchor: 'follow' });
		const data = await event.request.formData();
		try {
			await notifications.setFollowing(event.locals.db, user, {
				...ref(event),
				follow: data.get('follow') === '1'
			});
		} catch (e) {
			return formFailure('follow', {}, e);
		}
		back(event, 'follow');
	}
};
