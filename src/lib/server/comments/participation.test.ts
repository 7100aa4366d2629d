import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/actor';
import { createAuthLimits } from '../auth/limits';
import { createActor, generousLimits } from '../auth/test-actors';
import { QueryCounter } from '../db/query-counter';
import { createTestDb, type TestDb } from '../db/test-db';
import type { ParticipantGroup } from '../db/types';
import { DomainError, ValidationError } from '../errors';
import { listNotifications, markRead, unreadCount } from '../notifications/service';
import { createConsultation } from '../seed/test-consultation';
import { updateProfile } from '../users/service';
import { castVote, tallies, withdrawVote, myVote } from '../votes/service';
import { loadSources } from '../translations/repository';
import { getParticipation } from './thread';
import { deleteComment, editComment, listComments, postComment, reportComment, toggleHelpful } from './service';
import { saveTranslation } from '../translations/test-translations';

/*
 * Voting and commenting through the real services on the real database. Each test makes its own
 * people and its own copy of the consultation, so it passes alone and in any order.
 */

const dialect = process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite';
const limits = generousLimits;

describe(`participation (${dialect})`, () => {
	let t: TestDb;
	let made = 0;

	/** A new participant, in the given self-declared group (resident unless said). */
	const person = (group: ParticipantGroup | null = 'resident') =>
		createActor(t.db, { name: `Persoon ${++made}`, group });
	/** Five new participants, one in each kind of group: resident, expert, organisation, none, rather not say. */
	const fivePeople = async () => {
		const people: Actor[] = [];
		for (const group of ['resident', 'experience_expert', 'migrant_organisation', null, 'unsaid'] as const)
			people.push(await person(group));
		return people;
	};

	beforeAll(async () => {
		t = await createTestDb();
	});
	afterAll(async () => t.destroy());

	it('keeps one vote per person when 100 identical votes arrive at once', async () => {
		const { slug, rec } = await createConsultation(t.db);
		const voter = await person();
		const l = limits();
		const results = await Promise.allSettled(
			Array.from({ length: 100 }, () => castVote(t.db, voter, l, { slug, number: 19, choice: 'agree' }))
		);
		expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
		const rows = await t.db.selectFrom('votes').selectAll().where('recommendation_id', '=', rec(19)).execute();
		expect(rows).toHaveLength(1);
		expect(rows[0].choice).toBe('agree');
	});

	it('changes and withdraws a vote, follows the thread, and counts per group (with "no group" and "rather not say")', async () => {
		const { slug, rec } = await createConsultation(t.db);
		const people = await fivePeople();
		const l = limits();
		await castVote(t.db, people[0], l, { slug, number: 19, choice: 'agree' });
		await castVote(t.db, people[0], l, { slug, number: 19, choice: 'disagree' });
		await castVote(t.db, people[1], l, { slug, number: 19, choice: 'agree' });
		await castVote(t.db, people[2], l, { slug, number: 19, choice: 'unsure' });
		await castVote(t.db, people[3], l, { slug, number: 19, choice: 'agree' });
		await castVote(t.db, people[4], l, { slug, number: 19, choice: 'agree' });
		expect((await myVote(t.db, people[0], rec(19)))?.choice).toBe('disagree');
		const result = await tallies(t.db, rec(19));
		expect(result).toMatchObject({ agree: 3, disagree: 1, unsure: 1, total: 5 });
		const group = (g: string) => result.byGroup.find((x) => x.group === g);
		expect(group('experience_expert')).toMatchObject({ agree: 1, total: 1 });
		expect(group('unsaid')).toMatchObject({ agree: 1, total: 1 });
		expect(group('none')).toMatchObject({ agree: 1, total: 1 });
		expect(group('resident')).toMatchObject({ disagree: 1, total: 1 });
		await withdrawVote(t.db, people[4], { slug, number: 19 });
		expect((await tallies(t.db, rec(19))).total).toBe(4);
		const follows = await t.db
			.selectFrom('follows')
			.select('user_id')
			.where('recommendation_id', '=', rec(19))
			.execute();
		expect(follows).toHaveLength(5);
	});

	it('moves my earlier votes to the group I declare later', async () => {
		const { slug, rec } = await createConsultation(t.db);
		const me = await person('resident');
		const l = limits();
		await castVote(t.db, me, l, { slug, number: 19, choice: 'agree' });
		await castVote(t.db, me, l, { slug, number: 20, choice: 'disagree' });
		await castVote(t.db, await person('resident'), l, { slug, number: 19, choice: 'agree' });
		await castVote(t.db, await person('experience_expert'), l, { slug, number: 19, choice: 'unsure' });
		const count = (tally: Awaited<ReturnType<typeof tallies>>, group: string) =>
			tally.byGroup.find((g) => g.group === group)!.total;
		const before = await tallies(t.db, rec(19));
		const residents = count(before, 'resident');
		expect(residents).toBe(2);
		await updateProfile(t.db, me, {
			displayName: me.displayName,
			email: '',
			locale: 'nl',
			readLanguages: [],
			participantGroup: 'professional'
		});
		const after = await tallies(t.db, rec(19));
		expect(count(after, 'resident')).toBe(residents - 1);
		expect(count(after, 'professional')).toBe(1);
		expect(after.total).toBe(before.total);
		// Every earlier vote moves, not only one.
		const other = await tallies(t.db, rec(20));
		expect([count(other, 'resident'), count(other, 'professional')]).toEqual([0, 1]);
	});

	it('never shows the thread page a group of fewer than five voters', async () => {
		const { slug, rec } = await createConsultation(t.db);
		const l = limits();
		// Six residents (shown), and one voter in each of four other groups (each too small to show).
		for (let i = 0; i < 6; i++)
			await castVote(t.db, await person('resident'), l, { slug, number: 19, choice: 'agree' });
		for (const group of ['experience_expert', 'migrant_organisation', null, 'unsaid'] as const)
			await castVote(t.db, await person(group), l, { slug, number: 19, choice: 'disagree' });
		expect((await tallies(t.db, rec(19))).byGroup.filter((g) => g.total > 0 && g.total < 5)).toHaveLength(4);
		const { tallies: shown } = await getParticipation(t.db, null, rec(19), { sort: 'newest', page: 1 });
		expect(shown.total).toBeGreaterThan(0);
		expect(shown.byGroup.filter((g) => g.total > 0 && g.total < 5)).toEqual([]);
	});

	it('refuses a vote from someone not logged in, an unknown choice, and any vote once the consultation is closed', async () => {
		const { slug } = await createConsultation(t.db);
		const me = await person();
		await expect(castVote(t.db, null, limits(), { slug, number: 19, choice: 'agree' })).rejects.toMatchObject({
			status: 401
		});
		await expect(castVote(t.db, me, limits(), { slug, number: 19, choice: '+1' })).rejects.toMatchObject({
			code: 'thread:error.choice'
		});
		await t.db.updateTable('consultations').set({ phase: 'closed' }).where('slug', '=', slug).execute();
		await expect(castVote(t.db, me, limits(), { slug, number: 19, choice: 'agree' })).rejects.toMatchObject({
			code: 'thread:error.closed',
			status: 409
		});
		await expect(
			postComment(t.db, me, limits(), { slug, number: 19, body: 'Te laat', language: 'nl' })
		).rejects.toMatchObject({ code: 'thread:error.closed' });
	});

	it('makes one comment of a double submit, also when both arrive at the same moment', async () => {
		const { slug } = await createConsultation(t.db);
		const me = await person();
		const l = limits();
		const input = {
			slug,
			number: 19,
			body: 'Schuldbemiddeling moet dichterbij.',
			language: 'nl',
			token: 'tok-double-submit-1'
		};
		const results = await Promise.all(Array.from({ length: 10 }, () => postComment(t.db, me, l, input)));
		expect(new Set(results.map((r) => r.id)).size).toBe(1);
		expect(results.filter((r) => r.created)).toHaveLength(1);
		const rows = await t.db
			.selectFrom('comments')
			.select('id')
			.where('author_id', '=', me.id)
			.where('client_token', '=', 'tok-double-submit-1')
			.execute();
		expect(rows).toHaveLength(1);
	});

	it('rejects empty, too long and wrongly marked comments with a plain message, and keeps line breaks but no control characters', async () => {
		const { slug } = await createConsultation(t.db);
		const [first, second] = [await person(), await person()];
		const l = limits();
		await expect(
			postComment(t.db, first, l, { slug, number: 19, body: '  \n ', language: 'nl' })
		).rejects.toMatchObject({ issues: { body: { code: 'thread:comment.empty' } } });
		await expect(
			postComment(t.db, first, l, { slug, number: 19, body: 'x'.repeat(2001), language: 'nl' })
		).rejects.toMatchObject({ issues: { body: { code: 'thread:comment.tooLong' } } });
		await expect(
			postComment(t.db, first, l, { slug, number: 19, body: 'ok', language: 'klingon', stance: 'angry' })
		).rejects.toBeInstanceOf(ValidationError);
		const { id } = await postComment(t.db, second, l, {
			slug,
			number: 19,
			body: 'Regel een\r\nRegel twee\u0007\u202E',
			language: 'tr',
			stance: 'idea'
		});
		const row = await t.db
			.selectFrom('comments')
			.select(['body', 'language', 'stance'])
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(row).toEqual({ body: 'Regel een\nRegel twee', language: 'tr', stance: 'idea' });
	});

	it('rate-limits comments per account with a plain message', async () => {
		const { slug } = await createConsultation(t.db);
		const me = await person();
		const l = createAuthLimits(
			{ db: t.db, secret: null },
			{
				loginsPerAddress: 10,
				failedLoginsPerAccount: 10,
				signUpsPerAddress: 10,
				resetsPerAddress: 10,
				commentsPerMinute: 2
			}
		);
		await postComment(t.db, me, l, { slug, number: 20, body: 'een', language: 'nl' });
		await postComment(t.db, me, l, { slug, number: 20, body: 'twee', language: 'nl' });
		await expect(postComment(t.db, me, l, { slug, number: 20, body: 'drie', language: 'nl' })).rejects.toMatchObject({
			code: 'auth:error.tooManyAttempts',
			status: 429
		});
	});

	it('replies one level deep, and tells the parent author in a notification', async () => {
		const { slug, rec } = await createConsultation(t.db);
		const [asker, first, second, third] = [await person(), await person(), await person(), await person()];
		const l = limits();
		const parent = await postComment(t.db, asker, l, {
			slug,
			number: 21,
			body: 'Waarom niet in de buurt?',
			language: 'nl',
			stance: 'question'
		});
		await postComment(t.db, first, l, {
			slug,
			number: 21,
			body: 'Omdat er geen geld is.',
			language: 'nl',
			parentId: parent.id
		});
		const reply = await postComment(t.db, second, l, {
			slug,
			number: 21,
			body: 'Katılıyorum.',
			language: 'tr',
			parentId: parent.id
		});
		await expect(
			postComment(t.db, third, l, { slug, number: 21, body: 'Diep', language: 'nl', parentId: reply.id })
		).rejects.toMatchObject({ status: 404 });
		expect(await unreadCount(t.db, asker)).toBe(2);
		const list = await listNotifications(t.db, asker);
		expect(list[0]).toMatchObject({
			kind: 'reply',
			actorName: second.displayName,
			read: false,
			thread: { slug, number: 21 }
		});
		await markRead(t.db, asker, list[0].id);
		expect(await unreadCount(t.db, asker)).toBe(1);
		await markRead(t.db, asker, null);
		expect(await unreadCount(t.db, asker)).toBe(0);
		const { comments } = await listComments(t.db, asker, rec(21), { sort: 'newest', page: 1 });
		expect(comments[0].replies.map((r) => r.body)).toEqual(['Omdat er geen geld is.', 'Katılıyorum.']);
		expect(comments[0].replyCount).toBe(2);
	});

	it('queues a reply mail only for an author who gave an address and asked for it', async () => {
		const { slug } = await createConsultation(t.db);
		const [author, replier] = [await person(), await person()];
		const l = limits();
		const queued = (commentId: number) =>
			t.db
				.selectFrom('mail_outbox')
				.select(['user_id', 'kind', 'status'])
				.where('comment_id', '=', commentId)
				.execute();
		const parent = await postComment(t.db, author, l, { slug, number: 24, body: 'Wie mailt mij?', language: 'nl' });
		const quiet = await postComment(t.db, replier, l, {
			slug,
			number: 24,
			body: 'Ik',
			language: 'nl',
			parentId: parent.id
		});
		expect(await queued(quiet.id)).toEqual([]);
		const address = `p${author.id}@example.org`;
		await t.db
			.updateTable('users')
			.set({ email: address, email_key: address, email_notifications: 1, locale: 'fr' })
			.where('id', '=', author.id)
			.execute();
		const loud = await postComment(t.db, replier, l, {
			slug,
			number: 24,
			body: 'Nog eens',
			language: 'nl',
			parentId: parent.id
		});
		expect(await queued(loud.id)).toEqual([{ user_id: author.id, kind: 'reply', status: 'pending' }]);
		const own = await postComment(t.db, author, l, {
			slug,
			number: 24,
			body: 'Zelf',
			language: 'nl',
			parentId: parent.id
		});
		expect(await queued(own.id)).toEqual([]);
	});

	it('lets authors edit within 15 minutes (then "edited") and delete (a tombstone, replies stay)', async () => {
		const { slug, rec } = await createConsultation(t.db);
		const [author, other] = [await person(), await person()];
		const l = limits();
		const posted = new Date();
		const c = await postComment(t.db, author, l, { slug, number: 22, body: 'Eerste versie', language: 'nl' }, posted);
		await postComment(t.db, other, l, { slug, number: 22, body: 'Een antwoord', language: 'nl', parentId: c.id });
		await expect(
			editComment(t.db, other, { commentId: c.id, body: 'Van iemand anders', language: 'nl' })
		).rejects.toMatchObject({ status: 403 });
		await editComment(
			t.db,
			author,
			{ commentId: c.id, body: 'Tweede versie', language: 'nl' },
			new Date(posted.getTime() + 10 * 60000)
		);
		await expect(
			editComment(
				t.db,
				author,
				{ commentId: c.id, body: 'Te laat', language: 'nl' },
				new Date(posted.getTime() + 16 * 60000)
			)
		).rejects.toMatchObject({
			code: 'thread:comment.editTooLate'
		});
		await deleteComment(t.db, author, c.id);
		const { comments } = await listComments(t.db, null, rec(22), { sort: 'newest', page: 1 });
		expect(comments[0]).toMatchObject({ status: 'deleted', body: null, edited: true });
		expect(comments[0].replies[0].body).toBe('Een antwoord');
	});

	it('counts "helpful" once per person, sorts by it, and stores reports once per person', async () => {
		const { slug, rec } = await createConsultation(t.db);
		const people = await fivePeople();
		const l = limits();
		const a = await postComment(t.db, people[0], l, { slug, number: 23, body: 'A', language: 'nl' });
		const b = await postComment(t.db, people[1], l, { slug, number: 23, body: 'B', language: 'nl' });
		await toggleHelpful(t.db, people[2], a.id);
		await Promise.all([toggleHelpful(t.db, people[3], a.id), toggleHelpful(t.db, people[4], b.id)]);
		expect(await toggleHelpful(t.db, people[4], b.id)).toEqual({ helpful: false });
		const helpful = await listComments(t.db, people[2], rec(23), { sort: 'helpful', page: 1 });
		expect(helpful.comments.map((c) => [c.body, c.helpfulCount, c.helpedByMe])).toEqual([
			['A', 2, true],
			['B', 0, false]
		]);
		await reportComment(t.db, people[2], limits(), {
			commentId: b.id,
			reason: 'personal',
			note: 'Er staat een telefoonnummer in.'
		});
		await reportComment(t.db, people[2], limits(), { commentId: b.id, reason: 'spam' });
		expect(await t.db.selectFrom('comment_reports').select('reason').where('comment_id', '=', b.id).execute()).toEqual([
			{ reason: 'personal' }
		]);
		await expect(
			reportComment(t.db, people[2], limits(), { commentId: b.id, reason: 'boring' })
		).rejects.toBeInstanceOf(DomainError);
		await expect(reportComment(t.db, null, limits(), { commentId: b.id, reason: 'spam' })).rejects.toMatchObject({
			status: 401
		});
	});

	it('lists a thread of 200 comments with replies in a fixed number of queries (no query per comment)', async () => {
		const { rec } = await createConsultation(t.db);
		const people = await fivePeople();
		const now = Date.now();
		const rows = Array.from({ length: 200 }, (_, i) => ({
			recommendation_id: rec(30),
			parent_id: null,
			author_id: people[i % 5].id,
			body: `Reactie ${i}`,
			language: 'nl',
			stance: null,
			client_token: null,
			created_at: new Date(now - i * 1000).toISOString(),
			edited_at: null,
			deleted_at: null
		}));
		await t.db.insertInto('comments').values(rows).execute();
		const tops = await t.db
			.selectFrom('comments')
			.select('id')
			.where('recommendation_id', '=', rec(30))
			.orderBy('created_at', 'desc')
			.limit(20)
			.execute();
		await t.db
			.insertInto('comments')
			.values(
				tops.flatMap((top, i) =>
					[0, 1].map((j) => ({
						...rows[0],
						parent_id: top.id,
						body: `Antwoord ${i}.${j}`,
						created_at: new Date(now + i * 10 + j).toISOString()
					}))
				)
			)
			.execute();

		const counter = new QueryCounter();
		const db = t.db.withPlugin(counter);
		const first = await listComments(db, people[0], rec(30), { sort: 'newest', page: 1 });
		const withViewer = counter.count;
		expect(first.total).toBe(200);
		expect(first.comments).toHaveLength(20);
		expect(first.comments.flatMap((c) => c.replies)).toHaveLength(40);
		counter.reset();
		await listComments(db, people[0], rec(30), { sort: 'helpful', page: 10 });
		expect(counter.count).toBe(withViewer);
		expect(withViewer).toBeLessThanOrEqual(5);
		counter.reset();
		await listComments(db, null, rec(30), { sort: 'newest', page: 3 });
		expect(counter.count).toBeLessThanOrEqual(3);

		// In Turkish, with 40 of the page's 60 comments translated: the translations cost one query, and
		// the 20 others two more (is a machine translation coming, did I ask a person), never one each.
		const page = [...first.comments, ...first.comments.flatMap((c) => c.replies)];
		const sources = await loadSources(
			t.db,
			page.slice(0, 40).map((c) => ({ itemType: 'comment', itemId: c.id, field: 'body' }))
		);
		expect(sources).toHaveLength(40);
		for (const source of sources)
			await saveTranslation(t.db, { source, language: 'tr', text: `Türkçe: ${source.text}` });
		counter.reset();
		const turkish = await listComments(db, people[0], rec(30), { sort: 'newest', page: 1, language: 'tr' });
		expect(counter.count).toBe(withViewer + 3);
		const shown = [...turkish.comments, ...turkish.comments.flatMap((c) => c.replies)].map((c) => c.bodyShown!);
		expect(shown.filter((s) => s.lang === 'tr' && s.text.startsWith('Türkçe: '))).toHaveLength(40);
		expect(shown.filter((s) => s.lang === 'nl' && s.translated === null)).toHaveLength(20);
		expect(shown.find((s) => s.translated)?.translated).toMatchObject({ origin: 'machine', checked: false });
	});
});
