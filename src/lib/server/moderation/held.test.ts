import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/actor';
import { createAuthLimits } from '../auth/limits';
import { createActor } from '../auth/test-actors';
import { getParticipation } from '../comments/thread';
import { deleteComment, editComment, listComments, postComment } from '../comments/service';
import { storedComment } from '../comments/test-rows';
import { listModerationSettings, updateModerationSettings } from '../consultations/service';
import { createTestDb, type TestDb } from '../db/test-db';
import { loadResults } from '../results/service';
import { listNotifications } from '../notifications/service';
import { createConsultation } from '../seed/test-consultation';
import { hideComment, listQueue, redactComment, restoreComment } from './service';
import { typicalReviewWait } from '../comments/review-wait';

/*
 * Nothing personal goes public unseen: a comment with personal details that its author posts anyway
 * waits for a moderator. Only its author and the moderators see it until a moderator approves it, edits
 * the details out, or removes it; the author can still take the details out and publish at once.
 * Through the real services, on the real database; each test on its own copy of the consultation.
 */

const dialect = process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite';
const NUMBER = 12;
const limits = createAuthLimits('memory', {
	loginsPerAddress: 1000,
	failedLoginsPerAccount: 1000,
	signUpsPerAddress: 1000,
	resetsPerAddress: 1000,
	commentsPerMinute: 100000,
	votesPerMinute: 100000
});
const phoneText = (tag: string) => `Bel mijn buurvrouw Fatma op 0470 12 34 56, zij weet er alles van (${tag}).`;

describe(`comments with personal details wait for a moderator (${dialect})`, () => {
	let t: TestDb;
	let n = 0;

	const person = (role: 'participant' | 'moderator' | 'admin' = 'participant') =>
		createActor(t.db, { name: `Persoon ${++n}`, role });
	/** What each test starts from, made for it alone: its own copy of the consultation, a moderator, an administrator. */
	const scene = async () => {
		const { slug, rec } = await createConsultation(t.db);
		const id = rec(NUMBER);
		return {
			slug,
			moderator: await person('moderator'),
			admin: await person('admin'),
			post: (who: Actor, body: string, extra: { confirmPersonal?: boolean; parentId?: number } = {}) =>
				postComment(t.db, who, limits, { slug, number: NUMBER, body, language: 'nl', ...extra }),
			seenBy: async (who: Actor | null, commentId: number) => {
				const page = await listComments(t.db, who, id, { sort: 'newest', page: 1 });
				const all = page.comments.flatMap((c) => [c, ...c.replies]);
				return all.find((c) => c.id === commentId) ?? null;
			}
		};
	};
	const row = (id: number) => storedComment(t.db, id);
	const repliesTold = async (who: Actor, replyId: number) =>
		(await listNotifications(t.db, who)).filter((x) => x.kind === 'reply' && x.commentId === replyId).length;

	beforeAll(async () => {
		t = await createTestDb();
	});
	afterAll(() => t.destroy());

	it('holds a comment posted anyway with a phone number: only its author and moderators see it', async () => {
		const { slug, moderator, post, seenBy } = await scene();
		const author = await person();
		const other = await person();
		const counted = async () =>
			(await loadResults(t.db, slug)).recommendations.find((r) => r.number === NUMBER)!.comments;
		const before = await counted();
		const { id, held } = await post(author, phoneText('a'), { confirmPersonal: true });
		expect(held).toBe(true);
		expect(await row(id)).toMatchObject({ held_for: 'review', personal_details: 'phone' });
		// Others, and visitors, do not see it at all; nor is it counted for them.
		expect(await seenBy(other, id)).toBeNull();
		expect(await seenBy(null, id)).toBeNull();
		// Its author sees it, with the reason it waits.
		expect(await seenBy(author, id)).toMatchObject({ body: phoneText('a'), heldFor: 'review', waitsForDetails: true });
		// The moderators find it in their queue.
		const queue = await listQueue(t.db, moderator);
		expect(queue.items.find((i) => i.comment.id === id)?.comment).toMatchObject({
			heldFor: 'review',
			personalDetails: ['phone']
		});
		// It is not counted in the results that policy staff read.
		expect(await counted()).toBe(before);
	});

	it('holds every kind the detector knows: email, phone, street address, IBAN, national number', async () => {
		const { post } = await scene();
		const author = await person();
		const texts = {
			email: 'Mail naar fatma.yilmaz@example.be voor meer uitleg.',
			address: 'Ze woont in de Kerkstraat 12 bus 3 in Gent.',
			iban: 'Stort het op BE68 5390 0754 7034 aub.',
			national_number: 'Haar nummer is 85.07.30-033.28 in het register.'
		};
		for (const [kind, body] of Object.entries(texts)) {
			const { id, held } = await post(author, body, { confirmPersonal: true });
			expect(held, kind).toBe(true);
			expect((await row(id)).personal_details, kind).toBe(kind);
		}
	});

	it('puts waiting personal details at the top of the queue, above newer reports and reviews', async () => {
		const { slug, moderator, admin, post } = await scene();
		const author = await person();
		const { id } = await post(author, phoneText('top'), { confirmPersonal: true });
		// Something newer that also waits: a whole consultation held for review.
		await updateModerationSettings(t.db, admin, { slug, holdPolicy: 'all', holdAfterReports: 2 });
		const newer = await post(await person(), 'Een gewone reactie die later kwam en ook wacht.');
		await updateModerationSettings(t.db, admin, { slug, holdPolicy: 'personal_details', holdAfterReports: 2 });
		expect(newer.held).toBe(true);
		const items = (await listQueue(t.db, moderator)).items;
		const rank = (x: number) => items.findIndex((i) => i.comment.id === x);
		expect(rank(id)).toBeGreaterThanOrEqual(0);
		expect(rank(newer.id)).toBeGreaterThan(rank(id));
		// Every waiting personal item comes before every other item.
		const urgent = items.map((i) => i.comment.heldFor === 'review' && i.comment.personalDetails.length > 0);
		expect(urgent.indexOf(false)).toBeGreaterThan(urgent.lastIndexOf(true));
		await restoreComment(t.db, moderator, { commentId: newer.id });
	});

	it('a moderator edits the details out: it is published with the new text and the author is told', async () => {
		const { moderator, post, seenBy } = await scene();
		const author = await person();
		const other = await person();
		const { id } = await post(author, phoneText('redact'), { confirmPersonal: true });
		await redactComment(t.db, moderator, { commentId: id, body: 'Bel mijn buurvrouw, zij weet er alles van.' });
		expect(await row(id)).toMatchObject({ held_for: null, personal_details: '' });
		expect(await seenBy(other, id)).toMatchObject({
			body: 'Bel mijn buurvrouw, zij weet er alles van.',
			redacted: true
		});
		expect((await listNotifications(t.db, author)).some((x) => x.commentId === id && x.detail === 'redacted')).toBe(
			true
		);
		expect((await listQueue(t.db, moderator)).items.some((i) => i.comment.id === id)).toBe(false);
	});

	it('a moderator approves it as it is, or removes it', async () => {
		const { moderator, post, seenBy } = await scene();
		const author = await person();
		const other = await person();
		const approved = await post(author, phoneText('approve'), { confirmPersonal: true });
		await restoreComment(t.db, moderator, { commentId: approved.id });
		expect(await seenBy(other, approved.id)).toMatchObject({ body: phoneText('approve'), heldFor: null });
		expect(
			(await listNotifications(t.db, author)).some((x) => x.commentId === approved.id && x.detail === 'approved')
		).toBe(true);

		const removed = await post(author, phoneText('remove'), { confirmPersonal: true });
		await hideComment(t.db, moderator, { commentId: removed.id, reason: 'personal' });
		expect(await seenBy(other, removed.id)).toMatchObject({ status: 'hidden', body: null, hiddenReason: 'personal' });
	});

	it('its author takes the details out within 15 minutes: it is published at once', async () => {
		const { post, seenBy } = await scene();
		const author = await person();
		const other = await person();
		const { id } = await post(author, phoneText('edit'), { confirmPersonal: true });
		// Still with the number, confirmed again: it keeps waiting.
		expect(
			await editComment(t.db, author, {
				commentId: id,
				body: phoneText('edit, again'),
				language: 'nl',
				confirmPersonal: true
			})
		).toEqual({ held: true });
		expect(await seenBy(other, id)).toBeNull();
		expect(
			await editComment(t.db, author, { commentId: id, body: 'Vraag het aan mijn buurvrouw.', language: 'nl' })
		).toEqual({ held: false });
		expect(await row(id)).toMatchObject({ held_for: null, personal_details: '' });
		expect(await seenBy(other, id)).toMatchObject({ body: 'Vraag het aan mijn buurvrouw.' });
	});

	it('a public comment edited to add personal details goes back to waiting', async () => {
		const { post, seenBy } = await scene();
		const author = await person();
		const other = await person();
		const { id, held } = await post(author, 'Een gewone reactie zonder gegevens.');
		expect(held).toBe(false);
		await editComment(t.db, author, { commentId: id, body: phoneText('later'), language: 'nl', confirmPersonal: true });
		expect(await row(id)).toMatchObject({ held_for: 'review', personal_details: 'phone' });
		expect(await seenBy(other, id)).toBeNull();
	});

	it('a reply with details counts on its parent and is announced once, only when published', async () => {
		const { moderator, post } = await scene();
		const parentAuthor = await person();
		const replier = await person();
		const parent = await post(parentAuthor, 'Wie weet waar je hulp vindt?');
		const reply = await post(replier, phoneText('reply'), { confirmPersonal: true, parentId: parent.id });
		expect(reply.held).toBe(true);
		expect((await row(parent.id)).reply_count).toBe(0);
		expect(await repliesTold(parentAuthor, reply.id)).toBe(0);
		await redactComment(t.db, moderator, { commentId: reply.id, body: 'Bel de sociale dienst.' });
		expect((await row(parent.id)).reply_count).toBe(1);
		expect(await repliesTold(parentAuthor, reply.id)).toBe(1);

		// Published, then edited to hold details again: it no longer counts; approved again, it counts once
		// more, and the parent's author is not told a second time.
		await editComment(t.db, replier, {
			commentId: reply.id,
			body: phoneText('reply again'),
			language: 'nl',
			confirmPersonal: true
		});
		expect((await row(parent.id)).reply_count).toBe(0);
		await restoreComment(t.db, moderator, { commentId: reply.id });
		expect((await row(parent.id)).reply_count).toBe(1);
		expect(await repliesTold(parentAuthor, reply.id)).toBe(1);
	});

	it('its author may delete it while it waits', async () => {
		const { post } = await scene();
		const author = await person();
		const { id } = await post(author, phoneText('delete'), { confirmPersonal: true });
		await deleteComment(t.db, author, id);
		expect((await row(id)).status).toBe('deleted');
	});

	it('the "all" policy holds every comment; the default holds only personal details', async () => {
		const { slug, admin, post } = await scene();
		const author = await person();
		await updateModerationSettings(t.db, admin, { slug, holdPolicy: 'all', holdAfterReports: 2 });
		expect((await post(author, 'Alles wacht nu even.')).held).toBe(true);
		await updateModerationSettings(t.db, admin, { slug, holdPolicy: 'personal_details', holdAfterReports: 2 });
		expect((await post(author, 'Nu staat dit meteen online.')).held).toBe(false);
	});

	it('tells anyone which setting applies, per public consultation', async () => {
		const { slug, admin } = await scene();
		const draft = await createConsultation(t.db, { phase: 'draft' });
		const told = async () => (await listModerationSettings(t.db)).filter((s) => s.slug === slug);
		await updateModerationSettings(t.db, admin, {
			slug,
			holdPolicy: 'new_accounts',
			newAccountDays: 5,
			holdAfterReports: 3
		});
		expect(await told()).toEqual([
			expect.objectContaining({ slug, holdPolicy: 'new_accounts', newAccountDays: 5, holdAfterReports: 3 })
		]);
		// A draft is not public yet: nobody is told its setting.
		expect((await listModerationSettings(t.db)).map((s) => s.slug)).not.toContain(draft.slug);
		await updateModerationSettings(t.db, admin, { slug, holdPolicy: 'personal_details', holdAfterReports: 2 });
		expect((await told())[0]).toMatchObject({ holdPolicy: 'personal_details' });
	});
});

describe(`the typical wait told to authors (${dialect})`, () => {
	let t: TestDb;
	let n = 0;

	/**
	 * Its own copy of the consultation, an author and a moderator, and a way to have one of the author's
	 * comments decided: posted so many minutes ago, approved after waiting so many minutes.
	 */
	const scene = async () => {
		const { slug, rec } = await createConsultation(t.db);
		const author = await createActor(t.db, { name: `Schrijver ${++n}` });
		const moderator = await createActor(t.db, { name: `Moderator ${n}`, role: 'moderator' });
		const now = new Date();
		const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000);
		const decide = async (postedMinutesAgo: number, waited: number) => {
			const { id } = await postComment(
				t.db,
				author,
				limits,
				{ slug, number: NUMBER, body: phoneText(`${postedMinutesAgo}`), language: 'nl', confirmPersonal: true },
				at(postedMinutesAgo)
			);
			await restoreComment(t.db, moderator, { commentId: id }, at(postedMinutesAgo - waited));
		};
		return { slug, rec: rec(NUMBER), author, now, decide };
	};

	beforeAll(async () => {
		t = await createTestDb();
	});
	afterAll(() => t.destroy());

	it('is the median time to a decision over the last 30 days, and unknown below three decisions', async () => {
		const { slug, rec, author, now, decide } = await scene();
		expect(await typicalReviewWait(t.db, rec, now)).toBeNull();
		await decide(600, 30);
		await decide(500, 90);
		expect(await typicalReviewWait(t.db, rec, now)).toBeNull();
		await decide(400, 240);
		expect(await typicalReviewWait(t.db, rec, now)).toEqual({ medianMinutes: 90, decisions: 3 });
		// A decision older than 30 days no longer counts.
		await decide(31 * 24 * 60 + 100, 5);
		expect(await typicalReviewWait(t.db, rec, now)).toEqual({ medianMinutes: 90, decisions: 3 });
		await decide(300, 120);
		expect(await typicalReviewWait(t.db, rec, now)).toEqual({ medianMinutes: 105, decisions: 4 });
		// A comment still waiting is not a decision.
		await postComment(t.db, author, limits, {
			slug,
			number: NUMBER,
			body: phoneText('still waiting'),
			language: 'nl',
			confirmPersonal: true
		});
		expect((await typicalReviewWait(t.db, rec, now))?.decisions).toBe(4);
	});

	it('reaches the thread page only for someone with a comment waiting there', async () => {
		const { slug, rec, decide } = await scene();
		for (const [posted, waited] of [
			[600, 30],
			[500, 90],
			[400, 240],
			[300, 120]
		])
			await decide(posted, waited);
		const waiting = await createActor(t.db, { name: `Wachter ${++n}` });
		const other = await createActor(t.db, { name: `Lezer ${n}` });
		await postComment(t.db, waiting, limits, {
			slug,
			number: NUMBER,
			body: phoneText('page'),
			language: 'nl',
			confirmPersonal: true
		});
		const mine = await getParticipation(t.db, waiting, rec, { sort: 'newest', page: 1 });
		expect(mine.reviewWait).toMatchObject({ decisions: 4 });
		expect((await getParticipation(t.db, other, rec, { sort: 'newest', page: 1 })).reviewWait).toBeNull();
	});
});
