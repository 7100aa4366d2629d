import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor, createStaff, generousLimits } from '../auth/test-actors';
import type { Actor } from '../auth/actor';
import { listComments, postComment, reportComment } from '../comments/service';
import { createTestDb, type TestDb } from '../db/test-db';
import { hideComment, listQueue, restoreComment } from '../moderation/service';
import { createConsultation } from '../seed/test-consultation';
import { getSummaryEditor } from '../summaries/service';
import { loadSources } from './repository';
import { askPersonTranslation } from './requests';
import { saveTranslation } from './test-translations';

/*
 * Other people's comments across the language barrier (issue 12): a reader asks a person to translate
 * a comment; a published comment in another language is queued for machine translation into the
 * consultation's language; staff pages show each comment in that language next to its original.
 * Machine translation is switched on for this file (a TRANSLATE_URL nobody answers: nothing is sent).
 */
process.env.TRANSLATE_URL = 'http://127.0.0.1:9';

const dialect = process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite';
const turkish = 'Önce bize sorun, sonra karar verin.';

describe(`comments across languages (${dialect})`, () => {
	let t: TestDb;
	let moderator: Actor;
	let made = 0;
	const limits = generousLimits();
	const person = () => createActor(t.db, { name: `Lezer ${++made}` });
	const jobs = (commentId: number) =>
		t.db
			.selectFrom('translation_jobs')
			.select(['language', 'status'])
			.where('item_type', '=', 'comment')
			.where('item_id', '=', commentId)
			.execute();

	beforeAll(async () => {
		t = await createTestDb();
		moderator = (await createStaff(t.db)).moderator;
	});
	afterAll(async () => t.destroy());

	it('lets a reader ask a person to translate a comment once, says so on the page, and refuses what makes no sense', async () => {
		const { slug, rec } = await createConsultation(t.db);
		const [writer, reader, other] = [await person(), await person(), await person()];
		const { id } = await postComment(t.db, writer, limits, { slug, number: 5, body: turkish, language: 'tr' });
		const ref = { itemType: 'comment' as const, itemId: id, field: 'body' as const };

		expect(await askPersonTranslation(t.db, reader, limits, { ref, language: 'nl' })).toEqual({ asked: true });
		expect(await askPersonTranslation(t.db, reader, limits, { ref, language: 'nl' })).toEqual({ asked: false });
		await askPersonTranslation(t.db, other, limits, { ref, language: 'nl' });
		const asks = await t.db.selectFrom('translation_requests').selectAll().where('item_id', '=', id).execute();
		expect(asks.map((a) => [a.user_id, a.language, a.item_type, a.field])).toEqual(
			expect.arrayContaining([
				[reader.id, 'nl', 'comment', 'body'],
				[other.id, 'nl', 'comment', 'body']
			])
		);
		expect(asks).toHaveLength(2);

		const seen = async (who: Actor) =>
			(await listComments(t.db, who, rec(5), { sort: 'newest', page: 1, language: 'nl' })).comments.find(
				(c) => c.id === id
			)!;
		expect((await seen(reader)).translationAsked).toBe(true);
		expect((await seen(writer)).translationAsked).toBe(false);

		const refused = (p: Promise<unknown>) =>
			p.then(
				() => null,
				(e) => ({ status: e.status, code: e.code })
			);
		expect(await refused(askPersonTranslation(t.db, null, limits, { ref, language: 'nl' }))).toMatchObject({
			status: 401
		});
		expect(await refused(askPersonTranslation(t.db, reader, limits, { ref, language: 'tr' }))).toEqual({
			status: 400,
			code: 'common:error.sameLanguage'
		});
		expect(
			await refused(askPersonTranslation(t.db, reader, limits, { ref: { ...ref, itemId: 999_999 }, language: 'nl' }))
		).toEqual({ status: 404, code: 'common:error.notFound.comment' });
		expect(await refused(askPersonTranslation(t.db, reader, limits, { ref, language: 'xx' }))).toMatchObject({
			status: 404
		});
		await hideComment(t.db, moderator, { commentId: id, reason: 'spam' });
		expect(await refused(askPersonTranslation(t.db, reader, limits, { ref, language: 'fr' }))).toMatchObject({
			status: 404
		});
	});

	it('queues a published comment for machine translation into the consultation’s language, a held one only once approved', async () => {
		const { slug, rec } = await createConsultation(t.db);
		const writer = await person();
		const posted = await postComment(t.db, writer, limits, { slug, number: 6, body: turkish, language: 'tr' });
		expect(await jobs(posted.id)).toEqual([{ language: 'nl', status: 'pending' }]);
		// A Dutch reader is told a translation is coming; a Turkish reader reads it as written.
		const inDutch = await listComments(t.db, null, rec(6), { sort: 'newest', page: 1, language: 'nl' });
		expect(inDutch.comments[0].bodyShown).toMatchObject({ text: turkish, lang: 'tr', coming: true });
		const inTurkish = await listComments(t.db, null, rec(6), { sort: 'newest', page: 1, language: 'tr' });
		expect(inTurkish.comments[0].bodyShown).toMatchObject({ text: turkish, coming: false });

		const dutch = await postComment(t.db, writer, limits, {
			slug,
			number: 6,
			body: 'Vraag ons eerst.',
			language: 'nl'
		});
		expect(await jobs(dutch.id)).toEqual([]);

		const held = await postComment(t.db, writer, limits, {
			slug,
			number: 6,
			body: `${turkish} Telefon: 0470 12 34 56`,
			language: 'tr',
			confirmPersonal: true
		});
		expect(held.held).toBe(true);
		expect(await jobs(held.id)).toEqual([]);
		await restoreComment(t.db, moderator, { commentId: held.id });
		expect(await jobs(held.id)).toEqual([{ language: 'nl', status: 'pending' }]);
	});

	it('shows staff each comment in the consultation’s language next to its original, with where the translation came from', async () => {
		const { slug } = await createConsultation(t.db);
		const [writer, reporter] = [await person(), await person()];
		const tr = await postComment(t.db, writer, limits, { slug, number: 7, body: turkish, language: 'tr' });
		const nl = await postComment(t.db, writer, limits, { slug, number: 7, body: 'Vraag ons eerst.', language: 'nl' });
		const [source] = await loadSources(t.db, [{ itemType: 'comment', itemId: tr.id, field: 'body' }]);
		await saveTranslation(t.db, { source, language: 'nl', text: 'Vraag het ons eerst, beslis daarna.' });

		const editor = await getSummaryEditor(t.db, moderator, { slug, number: 7 });
		const shown = (id: number) => editor.comments.find((c) => c.id === id)!.staffShown;
		expect(shown(tr.id)).toEqual({
			text: 'Vraag het ons eerst, beslis daarna.',
			lang: 'nl',
			translated: { origin: 'machine', checked: false, original: turkish, originalLang: 'tr' },
			coming: false
		});
		expect(shown(nl.id)).toBeNull();

		// In the moderation queue too (a report puts it there).
		await reportComment(t.db, reporter, limits, { commentId: tr.id, reason: 'spam' });
		const item = (await listQueue(t.db, moderator)).items.find((i) => i.comment.id === tr.id)!;
		expect(item.thread.consultationLanguage).toBe('nl');
		expect(item.comment.staffShown?.translated?.origin).toBe('machine');
	});
});
