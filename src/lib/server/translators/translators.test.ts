import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/actor';
import { createSession, validateSessionToken } from '../auth/session';
import { createActor } from '../auth/test-actors';
import { insertComment } from '../comments/test-comments';
import { QueryCounter } from '../db/query-counter';
import { createTestDb, type TestDb } from '../db/test-db';
import { DomainError, ValidationError } from '../errors';
import { demo } from '../seed/demo-data';
import { seedConsultation } from '../seed/service';
import { seedDemoTranslations } from '../seed/translations';
import * as summaries from '../summaries/service';
import { loadSources, save, type TextRef } from '../translations/repository';
import * as users from '../users/service';
import { getTranslationForm, getTranslationQueue, longestTranslation, writeTranslation } from './service';

/*
 * People who translate (issue 12): the badge, the queue, writing and checking a translation, through
 * the real services on the real database. Each test makes its own texts; the demo consultation (Dutch)
 * and its team translations are there from the start.
 */
describe(`people who translate (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite'})`, () => {
	let t: TestDb;
	let admin: Actor;
	let made = 0;
	const now = () => new Date().toISOString();

	/** A participant with the translator badge for these languages, as a request sees them. */
	async function translator(languages: string[]): Promise<Actor> {
		const person = await createActor(t.db, { name: `vertaler-${++made}` });
		await users.setTranslatorLanguages(t.db, admin, person.id, languages);
		return (await validateSessionToken(t.db, (await createSession(t.db, person.id)).token)).actor!;
	}

	async function recommendation(number: number) {
		return t.db.selectFrom('recommendations').select(['id']).where('number', '=', number).executeTakeFirstOrThrow();
	}

	/** A visible comment on a recommendation, straight into the database. */
	function comment(number: number, body: string, language: string, authorId: number): Promise<number> {
		return insertComment(t.db, { number, authorId, body, language });
	}

	/** Readers who ask for a person's translation of a text. */
	async function ask(ref: TextRef, language: string, readers: number) {
		const [source] = await loadSources(t.db, [ref]);
		for (let i = 0; i < readers; i++) {
			const reader = await createActor(t.db, { name: `lezer-${++made}` });
			await t.db
				.insertInto('translation_requests')
				.values({
					consultation_id: source.consultationId,
					item_type: ref.itemType,
					item_id: ref.itemId,
					field: ref.field,
					language,
					user_id: reader.id,
					created_at: now()
				})
				.execute();
		}
	}

	/** A machine translation of a text, current, not checked. */
	async function machine(ref: TextRef, language: string, text: string) {
		const [source] = await loadSources(t.db, [ref]);
		return save(t.db, { source, language, text, origin: 'machine', translatedBy: null, checkedBy: null, now: now() });
	}

	const key = (i: { itemType: string; itemId: number; field: string; language: string }) =>
		`${i.itemType}:${i.itemId}:${i.field}>${i.language}`;

	beforeAll(async () => {
		t = await createTestDb();
		await seedConsultation(t.db, demo);
		await seedDemoTranslations(t.db, demo, demo.translations);
		admin = await createActor(t.db, { name: 'beheerder', role: 'admin' });
	});
	afterAll(async () => t.destroy());

	it('gives and takes the translator badge per language, in the audit log, and only administrators do', async () => {
		const person = await createActor(t.db, { name: 'badgevertaler' });
		expect(await users.setTranslatorLanguages(t.db, admin, person.id, ['ar', 'fr', 'xx'])).toEqual({
			granted: ['fr', 'ar'],
			withdrawn: []
		});
		expect(await users.setTranslatorLanguages(t.db, admin, person.id, ['ar'])).toEqual({
			granted: [],
			withdrawn: ['fr']
		});
		const log = await t.db
			.selectFrom('audit_log')
			.select(['action', 'detail', 'actor_id'])
			.where('subject_type', '=', 'user')
			.where('subject_id', '=', person.id)
			.orderBy('id')
			.execute();
		expect(log).toEqual([
			{ action: 'translator.granted', detail: 'fr', actor_id: admin.id },
			{ action: 'translator.granted', detail: 'ar', actor_id: admin.id },
			{ action: 'translator.withdrawn', detail: 'fr', actor_id: admin.id }
		]);
		// A request sees the badge on the person.
		const actor = (await validateSessionToken(t.db, (await createSession(t.db, person.id)).token)).actor!;
		expect(actor.translates).toEqual(['ar']);
		const list = await users.listUsers(t.db, admin, { search: 'badgevertaler' });
		expect(list.items.map((u) => u.translates)).toEqual([['ar']]);
		// Nobody else gives it, not even to themselves.
		await expect(users.setTranslatorLanguages(t.db, actor, actor.id, ['fr'])).rejects.toMatchObject({ status: 403 });
	});

	it('lists comments staff must read first, then by readers waiting, then out-of-date and unchecked translations', async () => {
		const fr = await translator(['nl', 'fr']);
		const writer = await createActor(t.db, { name: 'schrijver-queue' });
		const foreign = await comment(41, 'Les femmes migrantes ne trouvent pas de crèche.', 'fr', writer.id);
		const plain = async (n: number): Promise<TextRef> => ({
			itemType: 'recommendation',
			itemId: (await recommendation(n)).id,
			field: 'plain_text'
		});
		const many = await plain(42);
		const few = await plain(43);
		await ask(many, 'fr', 3);
		await ask(few, 'fr', 1);
		// Recommendation 44's title changes: its team translations are out of date.
		const changed = (await recommendation(44)).id;
		await t.db
			.updateTable('recommendations')
			.set({ short_title: 'Een andere titel' })
			.where('id', '=', changed)
			.execute();
		// A Dutch comment with an unchecked machine translation into French.
		const dutch = await comment(45, 'Wij vinden geen opvang voor de kinderen.', 'nl', writer.id);
		await machine({ itemType: 'comment', itemId: dutch, field: 'body' }, 'fr', "Nous ne trouvons pas d'accueil.");

		const queue = await getTranslationQueue(t.db, fr, { from: null, into: null });
		const order = queue.items.map(key);
		const at = (k: string) => order.indexOf(k);
		expect(queue.items[0]).toMatchObject({
			itemType: 'comment',
			itemId: foreign,
			language: 'nl',
			sourceLanguage: 'fr',
			staffMustRead: true,
			state: 'missing'
		});
		expect(queue.items.slice(1, 3).map((i) => [key(i), i.waiting])).toEqual([
			[key({ ...many, language: 'fr' }), 3],
			[key({ ...few, language: 'fr' }), 1]
		]);
		expect(queue.items.find((i) => i.itemId === changed && i.field === 'short_title')).toMatchObject({
			language: 'fr',
			state: 'outdated',
			origin: 'team'
		});
		const unchecked = at(key({ itemType: 'comment', itemId: dutch, field: 'body', language: 'fr' }));
		expect(unchecked).toBeGreaterThan(2);
		expect(queue.items[unchecked]).toMatchObject({ state: 'unchecked', origin: 'machine' });
		// Only the translator's languages: nothing into Arabic, Turkish or English.
		expect(queue.languages).toEqual(['nl', 'fr']);
		expect(queue.items.every((i) => ['nl', 'fr'].includes(i.language))).toBe(true);
		// The pair filter: from French into Dutch leaves only the foreign comment.
		const pair = await getTranslationQueue(t.db, fr, { from: 'fr', into: 'nl' });
		expect(pair.items.map(key)).toEqual([key({ itemType: 'comment', itemId: foreign, field: 'body', language: 'nl' })]);
	});

	it('costs the same number of queries for a page, whatever the number of texts waiting', async () => {
		const tr = await translator(['tr']);
		const counter = new QueryCounter();
		const db = t.db.withPlugin(counter);
		const cost = async () => {
			counter.reset();
			await getTranslationQueue(db, tr, {});
			return counter.count;
		};
		const writer = await createActor(t.db, { name: 'schrijver-telling' });
		const waiting = async (n: number) => {
			for (let i = 0; i < n; i++) {
				const id = await comment(46, `Reactie ${i}`, 'nl', writer.id);
				await ask({ itemType: 'comment', itemId: id, field: 'body' }, 'tr', 1);
			}
		};
		await waiting(1);
		const before = await cost();
		await waiting(6);
		expect((await getTranslationQueue(t.db, tr, {})).total).toBeGreaterThanOrEqual(7);
		expect(await cost()).toBe(before);
		// The requests, the foreign comments, the published outcomes, the translations, and the sources
		// of the kinds of items found (at most one query per kind).
		expect(before).toBeLessThanOrEqual(4 + 7);
	});

	it('writes a translation as a volunteer, answers the readers who asked, and takes it off the queue', async () => {
		const fr = await translator(['fr']);
		const ref: TextRef = { itemType: 'recommendation', itemId: (await recommendation(47)).id, field: 'plain_text' };
		await ask(ref, 'fr', 2);
		expect((await getTranslationForm(t.db, fr, ref, 'fr')).waiting).toBe(2);
		const result = await writeTranslation(t.db, fr, ref, 'fr', {
			text: '  Une traduction\u200B faite par une personne.  ',
			check: false
		});
		expect(result).toMatchObject({ checked: false, answered: 2 });
		const row = await t.db.selectFrom('translations').selectAll().where('id', '=', result.id).executeTakeFirstOrThrow();
		expect(row).toMatchObject({
			text: 'Une traduction faite par une personne.',
			origin: 'volunteer',
			translated_by: fr.id,
			checked_by: null
		});
		const form = await getTranslationForm(t.db, fr, ref, 'fr');
		expect(form).toMatchObject({ waiting: 0, current: { origin: 'volunteer', byMe: true, outOfDate: false } });
		const queue = await getTranslationQueue(t.db, fr, { into: 'fr' });
		expect(queue.items.map(key)).not.toContain(key({ ...ref, language: 'fr' }));
		const audit = await t.db
			.selectFrom('audit_log')
			.select(['action', 'subject_type', 'subject_id', 'detail'])
			.where('actor_id', '=', fr.id)
			.execute();
		expect(audit).toEqual([
			{
				action: 'translation.write',
				subject_type: 'recommendation',
				subject_id: ref.itemId,
				detail: '{"field":"plain_text","language":"fr"}'
			}
		]);
		// Once the source changes, the form says the translation is out of date.
		await t.db
			.updateTable('recommendations')
			.set({ plain_text: 'Een nieuwe uitleg.' })
			.where('id', '=', ref.itemId)
			.execute();
		expect((await getTranslationForm(t.db, fr, ref, 'fr')).current).toMatchObject({ outOfDate: true });
		expect(
			(await getTranslationQueue(t.db, fr, { into: 'fr' })).items.find(
				(i) => key(i) === key({ ...ref, language: 'fr' })
			)
		).toMatchObject({ state: 'outdated' });
	});

	it("checks a machine's translation, keeping its origin, but never one of the checker's own comment", async () => {
		const nl = await translator(['nl']);
		const other = await createActor(t.db, { name: 'schrijver-check' });
		const theirs: TextRef = {
			itemType: 'comment',
			itemId: await comment(48, 'Merci pour ce texte.', 'fr', other.id),
			field: 'body'
		};
		await machine(theirs, 'nl', 'Bedankt voor deze tekst.');
		const checked = await writeTranslation(t.db, nl, theirs, 'nl', { text: 'Bedankt voor deze tekst.', check: true });
		expect(checked.checked).toBe(true);
		const row = await t.db
			.selectFrom('translations')
			.selectAll()
			.where('id', '=', checked.id)
			.executeTakeFirstOrThrow();
		expect(row).toMatchObject({ origin: 'machine', checked_by: nl.id, translated_by: null });
		expect(row.checked_at).not.toBeNull();

		const mine: TextRef = {
			itemType: 'comment',
			itemId: await comment(48, 'Je suis d’accord.', 'fr', nl.id),
			field: 'body'
		};
		await machine(mine, 'nl', 'Ik ben het ermee eens.');
		await expect(
			writeTranslation(t.db, nl, mine, 'nl', { text: 'Ik ben het ermee eens.', check: true })
		).rejects.toMatchObject({
			code: 'translate:error.ownComment',
			status: 403
		});
		expect((await getTranslationForm(t.db, nl, mine, 'nl')).ownText).toBe(true);
		// Writing a translation of one's own comment is fine; checking it stays for someone else.
		await writeTranslation(t.db, nl, mine, 'nl', { text: 'Ik ga akkoord.', check: false });
		await expect(
			writeTranslation(t.db, nl, mine, 'nl', { text: 'Ik ga akkoord.', check: true })
		).rejects.toBeInstanceOf(DomainError);
		const other2 = await translator(['nl']);
		expect((await writeTranslation(t.db, other2, mine, 'nl', { text: 'Ik ga akkoord.', check: true })).checked).toBe(
			true
		);
	});

	it('refuses a translation more than three times as long as its source, keeping nothing', async () => {
		const fr = await translator(['fr']);
		const writer = await createActor(t.db, { name: 'schrijver-lang' });
		const ref: TextRef = { itemType: 'comment', itemId: await comment(49, 'Kort.', 'nl', writer.id), field: 'body' };
		const longest = longestTranslation('Kort.');
		expect(longest).toBe(3 * 5 + 20);
		const refusal = await writeTranslation(t.db, fr, ref, 'fr', { text: 'x'.repeat(longest + 1), check: false }).catch(
			(e) => e
		);
		expect(refusal).toBeInstanceOf(ValidationError);
		expect((refusal as ValidationError).issues.text).toEqual({
			code: 'translate:error.tooLong',
			params: { max: longest, count: longest + 1 }
		});
		await writeTranslation(t.db, fr, ref, 'fr', { text: 'x'.repeat(longest), check: false });
		await expect(writeTranslation(t.db, fr, ref, 'fr', { text: ' \u200B ', check: false })).rejects.toMatchObject({
			issues: { text: { code: 'translate:error.empty' } }
		});
	});

	it('puts a published summary in the queue and keeps its citation markers in every translation', async () => {
		const moderator = await createActor(t.db, { name: 'moderator-samenvatting', role: 'moderator' });
		const writer = await createActor(t.db, { name: 'schrijver-samenvatting' });
		const cited = await comment(50, 'Wij willen gehoord worden.', 'nl', writer.id);
		await summaries.saveSummary(t.db, moderator, {
			slug: 'gekleurde-armoede',
			number: 50,
			publish: true,
			mainPoints: `- Mensen willen gehoord worden [#${cited}]`,
			disagreements: '',
			voices: ''
		});
		const { id } = await t.db
			.selectFrom('summaries')
			.select('id')
			.where('recommendation_id', '=', (await recommendation(50)).id)
			.executeTakeFirstOrThrow();
		const ref: TextRef = { itemType: 'summary', itemId: id, field: 'main_points' };
		const ar = await translator(['ar']);
		const queue = await getTranslationQueue(t.db, ar, {});
		expect(queue.items.find((i) => key(i) === key({ ...ref, language: 'ar' }))).toMatchObject({ state: 'missing' });
		expect((await getTranslationForm(t.db, ar, ref, 'ar')).markers).toBe(true);
		for (const text of ['- الناس يريدون أن يُسمعوا', `- الناس يريدون أن يُسمعوا [#${cited + 1}]`])
			await expect(writeTranslation(t.db, ar, ref, 'ar', { text, check: false })).rejects.toMatchObject({
				issues: { text: { code: 'translate:error.markers', params: { markers: `[#${cited}]` } } }
			});
		await writeTranslation(t.db, ar, ref, 'ar', { text: `- الناس يريدون أن يُسمعوا [#${cited}]`, check: false });
		expect((await getTranslationQueue(t.db, ar, {})).items.map(key)).not.toContain(key({ ...ref, language: 'ar' }));
	});
});
