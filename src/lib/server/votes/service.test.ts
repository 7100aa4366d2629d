import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor, generousLimits } from '../auth/test-actors';
import { createTestDb, type TestDb } from '../db/test-db';
import { isFollowing } from '../notifications/service';
import { demo } from '../seed/demo-data';
import { seedConsultation } from '../seed/service';
import { castVote, myVote } from './service';

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
