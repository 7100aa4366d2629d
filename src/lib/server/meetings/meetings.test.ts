import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/actor';
import { createSession, validateSessionToken } from '../auth/session';
import { createActor, generousLimits } from '../auth/test-actors';
import { QueryCounter } from '../db/query-counter';
import { createTestDb, type TestDb } from '../db/test-db';
import { DomainError, ValidationError } from '../errors';
import { csvFile } from '../exports/open-data';
import { moderationStats } from '../moderation/stats';
import { getDashboard } from '../results/service';
import { getSummaryEditor, saveSummary } from '../summaries/service';
import { seedDemoAccounts } from '../seed/demo-accounts';
import { demo } from '../seed/demo-data';
import { DEMO_MEETING } from '../seed/demo-meeting';
import { seedConsultation } from '../seed/service';
import { createConsultation } from '../seed/test-consultation';
import { castVote, tallies } from '../votes/service';
import * as meetings from './service';
import { createOrganisation, recordMeeting } from './test-meetings';

/*
 * Group meetings (issue 13): who may record one, a draft saved at every step, a record with personal
 * details held for a moderator, and the published counts on the thread, the dashboard and in the files,
 * always apart from the votes. Through the real services on the real database.
 */

const limits = generousLimits();
const dialect = process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite';

describe(`group meetings (${dialect})`, () => {
	let t: TestDb;
	let n = 0;
	beforeAll(async () => {
		t = await createTestDb();
	});
	afterAll(async () => t.destroy());

	/** A person in an association (or none), as a request sees them after the membership was made. */
	const person = async (
		organisationId: number | null,
		role: 'member' | 'coordinator' = 'member',
		siteRole: 'participant' | 'moderator' | 'policy' = 'participant'
	): Promise<Actor> => {
		const actor = await createActor(t.db, { name: `Persoon ${++n}`, role: siteRole });
		if (organisationId === null) return actor;
		await t.db
			.insertInto('memberships')
			.values({ organisation_id: organisationId, user_id: actor.id, role, created_at: new Date().toISOString() })
			.execute();
		return (await validateSessionToken(t.db, (await createSession(t.db, actor.id)).token)).actor!;
	};
	const status = async (e: Promise<unknown>) =>
		e.then(
			() => 'ok',
			(x) => (x instanceof DomainError ? x.status : x)
		);
	/** An association with a coordinator, a facilitator they named and a plain member, on its own consultation. */
	const scene = async () => {
		const c = await createConsultation(t.db);
		const slug = `vereniging-${++n}`;
		const orgId = await createOrganisation(t.db, slug);
		const coordinator = await person(orgId, 'coordinator');
		const facilitator = await person(orgId, 'member');
		const member = await person(orgId, 'member');
		await meetings.setFacilitator(t.db, coordinator, { slug, userId: facilitator.id, facilitator: true });
		return { c, slug, orgId, coordinator, facilitator, member };
	};
	/** A complete record through every step, as a facilitator on a phone would make it. */
	const record = async (
		who: Actor,
		s: { slug: string; c: { slug: string } },
		items: { number: number; agree: string; disagree: string; notSure: string; quotes: string[] }[],
		participants = '12'
	) => {
		const { id } = await meetings.startMeeting(t.db, who, limits, { slug: s.slug, consultation: s.c.slug });
		const ref = { slug: s.slug, id };
		await meetings.saveMeetingDetails(t.db, who, {
			...ref,
			heldOn: '2026-11-20',
			place: 'Buurthuis De Brug',
			languages: ['tr', 'nl'],
			participants
		});
		await meetings.chooseRecommendations(t.db, who, { ...ref, numbers: items.map((i) => String(i.number)) });
		for (const i of items)
			await meetings.saveMeetingItem(t.db, who, { ...ref, ...i, quoteLanguages: i.quotes.map(() => 'tr') });
		return { id, send: () => meetings.sendMeeting(t.db, who, ref) };
	};

	it('lets the coordinator and the facilitator they named record, and nobody else (a plain member, another association’s coordinator)', async () => {
		const s = await scene();
		const other = await createOrganisation(t.db, `andere-${++n}`);
		const otherCoordinator = await person(other, 'coordinator');
		const input = { slug: s.slug, consultation: s.c.slug };
		expect(await status(meetings.startMeeting(t.db, s.coordinator, limits, input))).toBe('ok');
		expect(await status(meetings.startMeeting(t.db, s.facilitator, limits, input))).toBe('ok');
		expect(await status(meetings.startMeeting(t.db, s.member, limits, input))).toBe(403);
		expect(await status(meetings.startMeeting(t.db, otherCoordinator, limits, input))).toBe(403);
		expect(await status(meetings.startMeeting(t.db, null, limits, input))).toBe(401);
		// Only a coordinator names a facilitator; once unnamed, the facilitator may no longer record.
		expect(
			await status(meetings.setFacilitator(t.db, s.member, { slug: s.slug, userId: s.member.id, facilitator: true }))
		).toBe(403);
		await meetings.setFacilitator(t.db, s.coordinator, { slug: s.slug, userId: s.facilitator.id, facilitator: false });
		expect(await status(meetings.startMeeting(t.db, s.facilitator, limits, input))).toBe(403);
		// A facilitator's draft of another association stays out of reach.
		const { id } = await meetings.startMeeting(t.db, s.coordinator, limits, input);
		expect(await status(meetings.getMeeting(t.db, otherCoordinator, { slug: s.slug, id }))).toBe(403);
		expect(await status(meetings.getMeeting(t.db, otherCoordinator, { slug: `andere-${n}`, id }))).toBe(404);
	});

	it('saves the draft at every step, keeps what is valid when another field is not, and refuses changes once sent', async () => {
		const s = await scene();
		const { id } = await meetings.startMeeting(t.db, s.facilitator, limits, { slug: s.slug, consultation: s.c.slug });
		const ref = { slug: s.slug, id };
		// Step 1 with a bad number of people: the date, place and languages are saved all the same.
		const bad = await meetings
			.saveMeetingDetails(t.db, s.facilitator, {
				...ref,
				heldOn: '2026-11-20',
				place: 'Buurthuis',
				languages: ['tr'],
				participants: 'veel'
			})
			.catch((e) => e);
		expect(bad).toBeInstanceOf(ValidationError);
		expect(Object.keys((bad as ValidationError).issues)).toEqual(['participants']);
		let draft = (await meetings.getMeeting(t.db, s.facilitator, ref)).meeting;
		expect([draft.heldOn, draft.place, draft.languages, draft.participants]).toEqual([
			'2026-11-20',
			'Buurthuis',
			['tr'],
			null
		]);
		await meetings.saveMeetingDetails(t.db, s.facilitator, {
			...ref,
			heldOn: '2026-11-20',
			place: 'Buurthuis',
			languages: ['tr'],
			participants: '9'
		});
		expect(await meetings.chooseRecommendations(t.db, s.facilitator, { ...ref, numbers: ['7', '5'] })).toEqual({
			first: 5
		});
		// Step 3 for recommendation 5: too many hands is refused, the quotes are kept.
		const tooMany = await meetings
			.saveMeetingItem(t.db, s.facilitator, {
				...ref,
				number: 5,
				agree: '8',
				disagree: '2',
				notSure: '',
				quotes: ['Çocuklar için okul çok pahalı.', ''],
				quoteLanguages: ['tr', 'tr']
			})
			.catch((e) => e);
		expect((tooMany as ValidationError).issues.agree.code).toBe('meetings:error.moreHands');
		draft = (await meetings.getMeeting(t.db, s.facilitator, ref)).meeting;
		expect(draft.items.map((i) => i.number)).toEqual([5, 7]);
		expect(draft.items[0].quotes.map((q) => [q.body, q.language])).toEqual([['Çocuklar için okul çok pahalı.', 'tr']]);
		expect(draft.items[0].agree).toBeNull();
		// Sending with counts missing says which recommendation still needs them.
		const missing = await meetings.sendMeeting(t.db, s.facilitator, ref).catch((e) => e);
		expect((missing as ValidationError).issues.counts).toEqual({
			code: 'meetings:error.countsMissing',
			params: { number: 5 }
		});
		expect(
			await meetings.saveMeetingItem(t.db, s.facilitator, {
				...ref,
				number: 5,
				agree: '6',
				disagree: '2',
				notSure: '1',
				quotes: ['Çocuklar için okul çok pahalı.'],
				quoteLanguages: ['tr']
			})
		).toEqual({ next: 7 });
		await meetings.saveMeetingItem(t.db, s.facilitator, {
			...ref,
			number: 7,
			agree: '0',
			disagree: '9',
			notSure: '0',
			quotes: [],
			quoteLanguages: []
		});
		expect(await meetings.sendMeeting(t.db, s.facilitator, ref)).toMatchObject({ held: false });
		expect(
			await status(
				meetings.saveMeetingDetails(t.db, s.facilitator, {
					...ref,
					heldOn: '',
					place: '',
					languages: [],
					participants: ''
				})
			)
		).toBe(409);
	});

	it('holds a record with personal details for a moderator, who publishes it or hides it; counted on the public page', async () => {
		const s = await scene();
		const moderator = await person(null, 'member', 'moderator');
		const number = 21;
		const recId = s.c.rec(number);
		const held = await record(s.facilitator, s, [
			{ number, agree: '3', disagree: '1', notSure: '0', quotes: ['Bel Ayşe op 0470 12 34 56'] }
		]);
		const sent = await held.send();
		expect(sent.held).toBe(true);
		expect((await meetings.meetingsOnThread(t.db, recId, 'nl')).meetings).toBe(0);
		const queue = await meetings.listHeldMeetings(t.db, moderator);
		expect(queue.map((m) => m.id)).toContain(held.id);
		expect(await status(meetings.listHeldMeetings(t.db, s.coordinator))).toBe(403);
		expect(await status(meetings.approveMeeting(t.db, s.coordinator, { meetingId: held.id }))).toBe(403);
		const before = await moderationStats(t.db);
		await meetings.approveMeeting(t.db, moderator, { meetingId: held.id });
		const shown = await meetings.meetingsOnThread(t.db, recId, 'nl');
		expect([shown.meetings, shown.agree, shown.quotes.length]).toEqual([1, 3, 1]);
		// The quote with the phone number is hidden with a reason: the counts stay, the quote goes.
		await meetings.hideMeetingQuote(t.db, moderator, { quoteId: shown.quotes[0].id, reason: 'personal' });
		const after = await meetings.meetingsOnThread(t.db, recId, 'nl');
		expect([after.meetings, after.agree, after.quotes.length]).toEqual([1, 3, 0]);
		// A second record, hidden as a whole.
		const other = await record(s.coordinator, s, [
			{ number, agree: '1', disagree: '1', notSure: '1', quotes: ['Mail naar jan@voorbeeld.be'] }
		]);
		await other.send();
		await meetings.hideMeeting(t.db, moderator, { meetingId: other.id, reason: 'personal' });
		expect((await meetings.meetingsOnThread(t.db, recId, 'nl')).meetings).toBe(1);
		const stats = await moderationStats(t.db);
		const sum = (x: typeof stats, c: 'held' | 'hidden' | 'approved') => x.byMonth.reduce((a, m) => a + m[c], 0);
		expect(sum(stats, 'held') - sum(before, 'held')).toBe(1);
		expect(sum(stats, 'approved') - sum(before, 'approved')).toBe(1);
		expect(sum(stats, 'hidden') - sum(before, 'hidden')).toBe(2);
	});

	it('shows the published counts on the thread apart from the votes, which stay as they were', async () => {
		const s = await scene();
		const number = 33;
		const recId = s.c.rec(number);
		const voter = await person(null);
		await castVote(t.db, voter, generousLimits(), { slug: s.c.slug, number, choice: 'disagree' });
		const votesBefore = await tallies(t.db, recId);
		const a = await record(s.facilitator, s, [
			{ number, agree: '9', disagree: '1', notSure: '2', quotes: ['Okul ücretsiz olmalı.', 'Bence iyi bir fikir.'] }
		]);
		await a.send();
		const b = await record(s.coordinator, s, [{ number, agree: '13', disagree: '3', notSure: '3', quotes: [] }], '19');
		await b.send();
		// A draft never counts.
		await record(s.coordinator, s, [{ number, agree: '5', disagree: '0', notSure: '0', quotes: [] }]);
		const shown = await meetings.meetingsOnThread(t.db, recId, 'nl');
		expect([shown.meetings, shown.people, shown.agree, shown.disagree, shown.notSure]).toEqual([2, 31, 22, 4, 5]);
		expect(shown.quotes.map((q) => q.shown.text)).toEqual(['Okul ücretsiz olmalı.', 'Bence iyi bir fikir.']);
		expect(shown.quotes[0].shown.lang).toBe('tr');
		expect(await tallies(t.db, recId)).toEqual(votesBefore);
		expect(votesBefore.total).toBe(1);
	});

	it('gives the dashboard and meetings.csv the same counts as the thread: the rows add up', async () => {
		const s = await scene();
		const policy = await person(null, 'member', 'policy');
		for (const [agree, disagree, notSure] of [
			[4, 1, 0],
			[2, 2, 2]
		])
			await recordMeeting(t.db, {
				organisationId: s.orgId,
				consultationSlug: s.c.slug,
				participants: 8,
				items: [
					{ number: 40, agree, disagree, notSure, quotes: ['=1+1', 'Goed plan'] },
					{ number: 41, agree: 1, disagree: 0, notSure: 0 }
				]
			});
		const dashboard = await getDashboard(t.db, policy, s.c.slug);
		const chunks: string[] = [];
		for await (const chunk of csvFile(t.db, dashboard, 'meetings.csv')) chunks.push(chunk);
		const rows = parse(chunks.join(''), { columns: true, bom: true }) as Record<string, string>[];
		for (const number of [40, 41]) {
			const thread = await meetings.meetingsOnThread(t.db, s.c.rec(number), 'nl');
			const mine = rows.filter((r) => r.recommendation === String(number));
			const sum = (c: string) => mine.reduce((a, r) => a + Number(r[c]), 0);
			expect([mine.length, sum('agree'), sum('disagree'), sum('not_sure'), sum('participants')]).toEqual([
				thread.meetings,
				thread.agree,
				thread.disagree,
				thread.notSure,
				thread.people
			]);
			expect(dashboard.meetings.byRecommendation.get(number)).toEqual({
				meetings: thread.meetings,
				people: thread.people,
				agree: thread.agree,
				disagree: thread.disagree,
				notSure: thread.notSure
			});
		}
		expect(rows[0].quotes).toBe("'=1+1\nGoed plan");
		// Never merged with the votes: the recommendation's vote tally is still empty.
		expect(dashboard.recommendations.find((r) => r.number === 40)!.tallies.total).toBe(0);
		// With a group filter there are none: meetings have no group.
		expect(
			(
				await getDashboard(t.db, policy, s.c.slug, {
					theme: null,
					group: 'resident',
					from: null,
					to: null,
					votes: null
				})
			).meetings.rows
		).toEqual([]);
	});

	it('reads a thread’s meetings in the same number of queries, however many there are', async () => {
		const s = await scene();
		const recId = s.c.rec(50);
		const count = async () => {
			const counter = new QueryCounter();
			await meetings.meetingsOnThread(t.db.withPlugin(counter), recId, 'fr');
			return counter.count;
		};
		const add = () =>
			recordMeeting(t.db, {
				organisationId: s.orgId,
				consultationSlug: s.c.slug,
				participants: 5,
				items: [{ number: 50, agree: 1, disagree: 1, notSure: 1, quotes: ['Een', 'Twee'] }]
			});
		await add();
		const one = await count();
		for (let i = 0; i < 5; i++) await add();
		expect(await count()).toBe(one);
		expect(one).toBeLessThanOrEqual(3);
	});

	it('gives the demo association one published meeting, marked as demo on the thread, made once', async () => {
		await seedConsultation(t.db, demo);
		await seedDemoAccounts(t.db);
		await seedDemoAccounts(t.db);
		const rec = await t.db
			.selectFrom('recommendations as r')
			.innerJoin('consultations as c', 'c.id', 'r.consultation_id')
			.select('r.id')
			.where('c.slug', '=', 'gekleurde-armoede')
			.where('r.number', '=', DEMO_MEETING.items[0].number)
			.executeTakeFirstOrThrow();
		const shown = await meetings.meetingsOnThread(t.db, rec.id, 'nl');
		expect(shown.meetings).toBe(1);
		expect(shown.records[0]).toMatchObject({ organisation: 'Buurtwerk De Brug (demo)', isDemo: true, agree: 7 });
		expect(shown.quotes.every((q) => q.isDemo)).toBe(true);
		// The association's coordinator sees it in the list, marked as demo; visitors see no way in.
		const coordinator = await t.db
			.selectFrom('users')
			.select('id')
			.where('display_name', '=', 'demo-coordinator')
			.executeTakeFirstOrThrow();
		const actor = (await validateSessionToken(t.db, (await createSession(t.db, coordinator.id)).token)).actor!;
		const list = await meetings.listMeetings(t.db, actor, 'de-brug-demo');
		expect(list.meetings.map((m) => [m.status, m.isDemo])).toEqual([['published', true]]);
		// The count of recommendations discussed is a number on both databases.
		expect(list.meetings.map((m) => m.recommendations)).toEqual([DEMO_MEETING.items.length]);
		expect(await meetings.meetingRoles(t.db, actor, 'de-brug-demo')).toMatchObject({ canRecord: true, canName: true });
		expect(await meetings.meetingRoles(t.db, null, 'de-brug-demo')).toEqual({
			canRecord: false,
			canName: false,
			facilitators: []
		});
	});

	it('lets a summary cite a published meeting record of its thread as [#m<id>], and refuses any other', async () => {
		const s = await scene();
		const moderator = await person(null, 'member', 'moderator');
		const mine = await recordMeeting(t.db, {
			organisationId: s.orgId,
			consultationSlug: s.c.slug,
			participants: 6,
			items: [{ number: 9, agree: 4, disagree: 1, notSure: 1 }]
		});
		const elsewhere = await recordMeeting(t.db, {
			organisationId: s.orgId,
			consultationSlug: s.c.slug,
			participants: 6,
			items: [{ number: 10, agree: 4, disagree: 1, notSure: 1 }]
		});
		const held = await recordMeeting(t.db, {
			organisationId: s.orgId,
			consultationSlug: s.c.slug,
			status: 'review',
			participants: 6,
			items: [{ number: 9, agree: 1, disagree: 1, notSure: 1 }]
		});
		const editor = await getSummaryEditor(t.db, moderator, { slug: s.c.slug, number: 9 });
		expect(editor.meetings.map((m) => m.id)).toEqual([mine.id]);
		const ref = { slug: s.c.slug, number: 9, publish: true, disagreements: '', voices: '' };
		for (const other of [elsewhere.id, held.id]) {
			const refused = await saveSummary(t.db, moderator, { ...ref, mainPoints: `Het klopt [#m${other}]` }).catch(
				(e) => e
			);
			expect((refused as ValidationError).issues.mainPoints).toEqual({
				code: 'summary:error.citation',
				params: { ids: `#m${other}` }
			});
		}
		await saveSummary(t.db, moderator, { ...ref, mainPoints: `Vier van de zes waren het eens [#m${mine.id}]` });
		const citations = await t.db
			.selectFrom('summary_citations as sc')
			.innerJoin('summaries as su', 'su.id', 'sc.summary_id')
			.select(['sc.source_type', 'sc.source_id'])
			.where('su.recommendation_id', '=', s.c.rec(9))
			.execute();
		expect(citations).toEqual([{ source_type: 'meeting_record', source_id: mine.id }]);
	});
});
