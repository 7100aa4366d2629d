import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor, generousLimits } from '../auth/test-actors';
import type { DB } from '../db/create';
import { createDb } from '../db/create';
import { QueryCounter } from '../db/query-counter';
import { createTestDb, type TestDb } from '../db/test-db';
import { isFollowing } from '../notifications/service';
import { demo } from '../seed/demo-data';
import { seedConsultation } from '../seed/service';
import { castVote, myVote, tallies, withdrawVote, type Tallies } from './service';

const dialect = process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite';
const slug = 'gekleurde-armoede';

/** Makes every write to one table fail, as a full disk or a lost connection would. */
function failingWritesTo(table: string): KyselyPlugin {
	return {
		transformQuery(args) {
			const node = args.node;
			if (node.kind === 'InsertQueryNode' && node.into?.table.identifier.name === table) {
				throw new Error(`test: no writes to ${table}`);
			}
			return node;
		},
		async transformResult(args) {
			return args.result;
		}
	};
}

describe(`castVote (${dialect})`, () => {
	let t: TestDb;
	let rec19: number;

	beforeAll(async () => {
		t = await createTestDb();
		await seedConsultation(t.db, demo);
		rec19 = (await t.db.selectFrom('recommendations').select('id').where('number', '=', 19).executeTakeFirstOrThrow())
			.id;
	});
	afterAll(async () => t.destroy());

	it('records the vote and follows the thread', async () => {
		const voter = await createActor(t.db, { name: 'Stemmer Een' });
		await castVote(t.db, voter, generousLimits(), { slug, number: 19, choice: 'unsure' });
		expect((await myVote(t.db, voter, rec19))?.choice).toBe('unsure');
		expect(await isFollowing(t.db, voter, rec19)).toBe(true);
	});

	it('keeps no vote when the follow cannot be written: the vote and the follow are one write', async () => {
		const voter = await createActor(t.db, { name: 'Stemmer Twee' });
		const failing = t.db.withPlugin(failingWritesTo('follows'));
		await expect(castVote(failing, voter, generousLimits(), { slug, number: 19, choice: 'agree' })).rejects.toThrow(
			'test: no writes to follows'
		);
		expect(await myVote(t.db, voter, rec19)).toBeNull();
		expect(await isFollowing(t.db, voter, rec19)).toBe(false);
	});
});

describe(`tallies, kept per process until the votes change (${dialect})`, () => {
	let t: TestDb;
	let other: DB;
	let rec19: number;
	let rec20: number;

	beforeAll(async () => {
		t = await createTestDb({ sqliteFile: true });
		// A second app server on the same database, with a cache of its own.
		other = createDb(t.database);
		await seedConsultation(t.db, demo);
		const ids = await t.db
			.selectFrom('recommendations')
			.select(['id', 'number'])
			.where('number', 'in', [19, 20])
			.execute();
		rec19 = ids.find((r) => r.number === 19)!.id;
		rec20 = ids.find((r) => r.number === 20)!.id;
	});
	afterAll(async () => {
		await other.destroy();
		await t.destroy();
	});

	it('counts once, then answers from the cache with one look-up until a vote changes', async () => {
		const counter = new QueryCounter();
		const db = t.db.withPlugin(counter);
		const before = await tallies(db, rec19);
		const firstCost = counter.count;
		counter.reset();
		expect(await tallies(db, rec19)).toBe(before);
		expect(counter.count).toBe(1);
		expect(firstCost).toBe(2);
	});

	it('shows a vote cast, changed and withdrawn, on this server and on another one, at once', async () => {
		const voter = await createActor(t.db, { name: 'Teller Een' });
		await tallies(t.db, rec19);
		await tallies(other, rec19);
		const start = (await tallies(t.db, rec19)).agree;

		await castVote(t.db, voter, generousLimits(), { slug, number: 19, choice: 'agree' });
		expect((await tallies(t.db, rec19)).agree).toBe(start + 1);
		expect((await tallies(other, rec19)).agree).toBe(start + 1);

		await castVote(other, voter, generousLimits(), { slug, number: 19, choice: 'disagree' });
		expect((await tallies(t.db, rec19)).agree).toBe(start);
		expect((await tallies(t.db, rec19)).disagree).toBe((await tallies(other, rec19)).disagree);

		const disagree = (await tallies(t.db, rec19)).disagree;
		await withdrawVote(other, voter, { slug, number: 19 });
		expect((await tallies(t.db, rec19)).disagree).toBe(disagree - 1);
	});

	it("moves a vote between groups when its voter's group changes, and leaves other recommendations counted", async () => {
		const voter = await createActor(t.db, { name: 'Teller Twee' });
		await castVote(t.db, voter, generousLimits(), { slug, number: 20, choice: 'unsure' });
		const byGroup = (x: Tallies, group: string) => x.byGroup.find((g) => g.group === group)!.unsure;
		const vote = await t.db
			.selectFrom('votes')
			.select('participant_group')
			.where('user_id', '=', voter.id)
			.executeTakeFirstOrThrow();
		const from = vote.participant_group ?? 'none';
		const to = from === 'resident' ? 'poverty_association' : 'resident';
		const before = await tallies(t.db, rec20);
		const kept19 = await tallies(t.db, rec19);
		// Straight in the table, as a script or a restore would: no service is told.
		await other.updateTable('votes').set({ participant_group: to }).where('user_id', '=', voter.id).execute();
		const after = await tallies(t.db, rec20);
		expect(byGroup(after, from)).toBe(byGroup(before, from) - 1);
		expect(byGroup(after, to)).toBe(byGroup(before, to) + 1);
		expect(await tallies(t.db, rec19)).toBe(kept19);
	});
});
