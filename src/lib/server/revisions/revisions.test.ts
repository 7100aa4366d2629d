import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/actor';
import { createActor, generousLimits } from '../auth/test-actors';
import { postComment } from '../comments/service';
import { getParticipation } from '../comments/thread';
import { QueryCounter } from '../db/query-counter';
import { createTestDb, type TestDb } from '../db/test-db';
import { DomainError, ValidationError } from '../errors';
import { csvFile } from '../exports/open-data';
import { methodTexts } from '../exports/findings';
import { loadTranslator } from '../../i18n/translator';
import { getThread } from '../recommendations/service';
import { getDashboard, loadResults, noFilters, readFilters } from '../results/service';
import { createConsultation, type TestConsultation } from '../seed/test-consultation';
import { listNotifications } from '../notifications/service';
import { castVote, confirmVote, myVote } from '../votes/service';
import { textChange } from './diff';
import { getRevisionEditor, getTextHistory, reviseRecommendation, voteOnEarlierText } from './service';

const dialect = process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite';

describe('textChange (jsdiff, words)', () => {
	it('counts words removed and added, and keeps every part as text', () => {
		const change = textChange('De stad helpt arme gezinnen.', 'De stad en het OCMW helpen gezinnen <b>snel</b>.');
		expect(change.removed).toBe(2); // helpt, arme
		// en, het, OCMW, helpen, b, snel, b: tag names count as words, as a reader sees them as letters.
		expect(change.added).toBe(7);
		// Read back, the parts give both texts exactly: nothing is lost, nothing is HTML.
		const text = (kinds: string[]) =>
			change.parts
				.filter((p) => kinds.includes(p.kind))
				.map((p) => p.text)
				.join('');
		expect(text(['same', 'removed'])).toBe('De stad helpt arme gezinnen.');
		expect(text(['same', 'added'])).toBe('De stad en het OCMW helpen gezinnen <b>snel</b>.');
	});

	it('counts no words when only punctuation changed', () => {
		const change = textChange('Ja, zeker.', 'Ja zeker!');
		expect([change.removed, change.added]).toEqual([0, 0]);
		expect(change.parts.some((p) => p.kind !== 'same')).toBe(true);
	});
});

describe(`revisions of a recommendation (${dialect})`, () => {
	let t: TestDb;
	let c: TestConsultation;
	let policy: Actor;
	let voter: Actor;
	let early: Actor;
	const ref = () => ({ slug: c.slug, number: 5 });
	const revise = async (actor: Actor, text: string, kind: 'change' | 'correction', reason = '') => {
		const editor = await getRevisionEditor(t.db, actor, ref());
		return reviseRecommendation(t.db, actor, {
			...ref(),
			shortTitle: editor.form.shortTitle,
			officialText: text,
			kind,
			reason,
			version: editor.form.version
		});
	};

	beforeAll(async () => {
		t = await createTestDb();
		c = await createConsultation(t.db);
		policy = await createActor(t.db, { name: 'Beleid', role: 'policy' });
		voter = await createActor(t.db, { name: 'Stemmer' });
		early = await createActor(t.db, { name: 'Vroege stemmer' });
	});
	afterAll(async () => t.destroy());

	it('binds votes and comments to revision 1 before any edit', async () => {
		await castVote(t.db, voter, generousLimits(), { ...ref(), choice: 'agree' });
		await castVote(t.db, early, generousLimits(), { ...ref(), choice: 'disagree' });
		await postComment(t.db, voter, generousLimits(), { ...ref(), body: 'Goed idee.', language: 'nl', token: 'a1' });
		expect(await myVote(t.db, voter, c.rec(5))).toEqual({ choice: 'agree', textVersion: 1 });
		const comment = await t.db
			.selectFrom('comments')
			.select('text_version')
			.where('recommendation_id', '=', c.rec(5))
			.executeTakeFirstOrThrow();
		expect(comment.text_version).toBe(1);
	});

	it('saves a change as revision 2, keeps revision 1 readable, and shows the voter what changed', async () => {
		const before = await getThread(t.db, c.slug, 5, 'nl');
		const original = (await getRevisionEditor(t.db, policy, ref())).form.officialText;
		const result = await revise(
			policy,
			`${original}\n\nDit geldt ook voor kleine gemeenten.`,
			'change',
			'Na de eerste ronde'
		);
		expect(result.version).toBe(2);

		const thread = await getThread(t.db, c.slug, 5, 'nl');
		expect([before.textVersion, thread.textVersion, thread.lastChangeVersion]).toEqual([1, 2, 2]);
		const history = await getTextHistory(t.db, { id: thread.id, textVersion: thread.textVersion });
		expect(history.current).toMatchObject({ version: 2, kind: 'change', reason: 'Na de eerste ronde' });
		expect(history.current!.change).toMatchObject({ removed: 0, added: 6 });
		expect(history.earlier).toHaveLength(1);
		expect(history.earlier[0]).toMatchObject({ version: 1, kind: 'original', officialText: original });

		// The vote stays, on revision 1; its voter is shown the change since then.
		const participation = await getParticipation(t.db, voter, thread.id, { sort: 'newest', page: 1 });
		expect([participation.myVote, participation.myVoteVersion]).toEqual(['agree', 1]);
		expect(participation.comments.comments.map((c) => c.textVersion)).toEqual([1]);
		const since = voteOnEarlierText(history, thread.lastChangeVersion, participation.myVoteVersion);
		expect(since).toMatchObject({ votedOn: 1, version: 2, change: { removed: 0, added: 6 } });
		expect(participation.tallies.total).toBe(2);
	});

	it('confirms a vote in one step: it moves to the current revision and the notice goes', async () => {
		await confirmVote(t.db, voter, ref());
		expect(await myVote(t.db, voter, c.rec(5))).toEqual({ choice: 'agree', textVersion: 2 });
		const thread = await getThread(t.db, c.slug, 5, 'nl');
		const history = await getTextHistory(t.db, { id: thread.id, textVersion: thread.textVersion });
		expect(voteOnEarlierText(history, thread.lastChangeVersion, 2)).toBeNull();
		// Someone who never voted has nothing to confirm.
		const nobody = await createActor(t.db, { name: 'Niet gestemd' });
		await expect(confirmVote(t.db, nobody, ref())).rejects.toMatchObject({ message: 'revisions:error.noVote' });
	});

	it('does not ask again after a correction, and still shows the correction in the history', async () => {
		const now = (await getRevisionEditor(t.db, policy, ref())).form.officialText;
		await revise(policy, now.replace('kleine gemeenten', 'kleine gemeentes'), 'correction', 'Tikfout');
		const thread = await getThread(t.db, c.slug, 5, 'nl');
		expect([thread.textVersion, thread.lastChangeVersion]).toEqual([3, 2]);
		const history = await getTextHistory(t.db, { id: thread.id, textVersion: thread.textVersion });
		expect(history.current).toMatchObject({ version: 3, kind: 'correction', change: { removed: 1, added: 1 } });
		expect(history.earlier.map((r) => r.version)).toEqual([2, 1]);
		// The voter who confirmed on revision 2 is on the current text; the one on revision 1 is still asked.
		expect(voteOnEarlierText(history, thread.lastChangeVersion, 2)).toBeNull();
		expect(voteOnEarlierText(history, thread.lastChangeVersion, 1)).toMatchObject({ votedOn: 1, version: 3 });
		// A new vote and a new comment are on revision 3.
		const late = await createActor(t.db, { name: 'Late stemmer' });
		await castVote(t.db, late, generousLimits(), { ...ref(), choice: 'unsure' });
		expect((await myVote(t.db, late, c.rec(5)))?.textVersion).toBe(3);
		await postComment(t.db, late, generousLimits(), { ...ref(), body: 'Duidelijker nu.', language: 'nl', token: 'b1' });
		const versions = await t.db
			.selectFrom('comments')
			.select('text_version')
			.where('recommendation_id', '=', c.rec(5))
			.orderBy('id')
			.execute();
		expect(versions.map((v) => v.text_version)).toEqual([1, 3]);
	});

	it('tells earlier voters of a change in their notifications; not of a correction, and not the one who revised', async () => {
		const own = await createConsultation(t.db);
		const at = { slug: own.slug, number: 8 };
		const a = await createActor(t.db, { name: 'Stemmer A' });
		const b = await createActor(t.db, { name: 'Stemmer B' });
		for (const actor of [a, b, policy]) await castVote(t.db, actor, generousLimits(), { ...at, choice: 'agree' });
		const save = async (kind: 'change' | 'correction', text: string) => {
			const editor = await getRevisionEditor(t.db, policy, at);
			return reviseRecommendation(t.db, policy, { ...at, ...editor.form, officialText: text, kind });
		};
		const changed = await save('change', 'Een nieuwe tekst voor iedereen.');
		expect(changed).toEqual({ version: 2, notified: 2, mailed: 0 });
		const notices = async (actor: Actor) => (await listNotifications(t.db, actor)).filter((n) => n.kind === 'revision');
		expect(await notices(a)).toMatchObject([{ detail: '2', thread: { slug: own.slug, number: 8 }, read: false }]);
		expect(await notices(b)).toHaveLength(1);
		expect(await notices(policy)).toHaveLength(0);

		// A voter who confirmed is on the current text: a correction tells no one.
		await confirmVote(t.db, a, at);
		expect(await save('correction', 'Een nieuwe tekst voor iedereen!')).toEqual({ version: 3, notified: 0, mailed: 0 });
		// The next change tells both: a is on revision 2, b still on 1.
		expect(await save('change', 'Weer een andere tekst.')).toEqual({ version: 4, notified: 2, mailed: 0 });
		expect((await notices(a)).map((n) => n.detail)).toEqual(['4', '2']);
	});

	it('counts only votes on the current text when asked, in the same number of queries', async () => {
		const counter = new QueryCounter();
		const counted = t.db.withPlugin(counter);
		const all = await getDashboard(counted, policy, c.slug, noFilters);
		const allQueries = counter.count;
		counter.reset();
		const current = await getDashboard(counted, policy, c.slug, readFilters({ votes: 'current' }));
		expect(counter.count).toBe(allQueries);
		const rec = (d: typeof all) => d.recommendations.find((r) => r.number === 5)!;
		// Three votes: the confirmed one (2), the new one (3) and one still on revision 1.
		expect(rec(all).tallies).toMatchObject({ agree: 1, disagree: 1, unsure: 1, total: 3 });
		expect(rec(current).tallies).toMatchObject({ agree: 1, disagree: 0, unsure: 1, total: 2 });
		expect(rec(current).revision).toBe(3);
		expect(current.totals.votes.total).toBe(2);
		expect(readFilters({ votes: 'everything' }).votes).toBeNull();
	});

	it('says in the files which revision each comment was on, and the current revision of each recommendation', async () => {
		const results = await loadResults(t.db, c.slug);
		const text = async (name: 'comments.csv' | 'recommendations.csv') => {
			let out = '';
			for await (const chunk of csvFile(t.db, results, name)) out += chunk;
			return out.replace(/^\uFEFF/, '').split('\r\n');
		};
		const comments = await text('comments.csv');
		expect(comments[0].split(',').slice(0, 3)).toEqual(['comment', 'recommendation', 'revision']);
		const revisionOf = (body: string) => comments.find((l) => l.includes(body))!.split(',')[2];
		expect([revisionOf('Goed idee.'), revisionOf('Duidelijker nu.')]).toEqual(['1', '3']);
		const recs = await text('recommendations.csv');
		expect(recs[0].split(',').at(-1)).toBe('revision');
		const five = recs.find((l) => l.split(',')[2] === '5')!;
		expect(five.split(',').at(-1)).toBe('3');
	});

	it('says in the method section how many texts were revised, and which votes the figures count', async () => {
		const tr = await loadTranslator('nl');
		const method = async (votes: string | null) =>
			methodTexts(
				tr,
				{ written: ['nl'], translated: [] },
				String,
				await loadResults(t.db, c.slug, readFilters({ votes }))
			);
		const all = await method(null);
		expect(all).toContain(
			'Tijdens de raadpleging kreeg de tekst van 1 aanbeveling een nieuwe versie. Stemmen en reacties blijven bij de versie waarop ze gegeven zijn.'
		);
		expect(all).toContain('De cijfers tellen alle stemmen, ook stemmen op een eerdere versie van de tekst.');
		expect((await method('current')).join(' ')).toContain('De cijfers tellen alleen stemmen op de tekst van nu.');
	});

	it('refuses a stale form, an unchanged text, a bad kind and a participant', async () => {
		const editor = await getRevisionEditor(t.db, policy, ref());
		const input = { ...ref(), shortTitle: editor.form.shortTitle, officialText: 'Iets nieuws.', kind: 'change' };
		await expect(reviseRecommendation(t.db, policy, { ...input, version: '2' })).rejects.toMatchObject({
			message: 'revisions:error.stale'
		});
		await expect(
			reviseRecommendation(t.db, policy, {
				...input,
				officialText: editor.form.officialText,
				version: editor.form.version
			})
		).rejects.toBeInstanceOf(ValidationError);
		await expect(
			reviseRecommendation(t.db, policy, { ...input, kind: 'rewrite', version: editor.form.version })
		).rejects.toBeInstanceOf(ValidationError);
		const refused = await reviseRecommendation(t.db, voter, { ...input, version: editor.form.version }).catch(
			(e: DomainError) => e.status
		);
		expect(refused).toBe(403);
		expect((await getThread(t.db, c.slug, 5, 'nl')).textVersion).toBe(3);
	});
});
