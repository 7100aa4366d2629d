import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor, generousLimits } from './auth/test-actors';
import { listComments, postComment } from './comments/service';
import { createTestDb, type TestDb } from './db/test-db';
import { listNotifications } from './notifications/service';
import { createConsultation } from './seed/test-consultation';
import { getPublishedSummary, getSummaryEditor, saveSummary } from './summaries/service';

/*
 * Demo accounts are marked "demo account" wherever their name is shown (README, issue 14): the views
 * that carry a person's name say whether it is a demo account, and say it only of demo accounts.
 */

const dialect = process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite';

describe(`demo accounts are marked where their name is shown (${dialect})`, () => {
	let t: TestDb;
	beforeAll(async () => {
		t = await createTestDb();
	});
	afterAll(async () => t.destroy());

	it('in comments and replies, in the notification of a reply, and in a summary’s sources and material', async () => {
		const { slug, rec } = await createConsultation(t.db);
		const real = await createActor(t.db, { name: 'Echte Bewoner' });
		const demo = await createActor(t.db, { name: 'demo-proef' });
		await t.db.updateTable('users').set({ is_demo: 1 }).where('id', '=', demo.id).execute();
		const moderator = await createActor(t.db, { name: 'Moderator Demo-toets', role: 'moderator' });
		const l = generousLimits();

		const say = (who: typeof real, body: string, parentId?: number) =>
			postComment(t.db, who, l, { slug, number: 21, body, language: 'nl', parentId });
		const mine = await say(real, 'Meer buurthuizen.');
		const reply = await say(demo, 'Ja, dichtbij huis.', mine.id);
		const own = await say(demo, 'Ook op zaterdag.');

		const { comments } = await listComments(t.db, real, rec(21), { sort: 'newest', page: 1 });
		const byId = new Map(comments.flatMap((c) => [c, ...c.replies]).map((c) => [c.id, c.author]));
		expect(byId.get(mine.id)).toMatchObject({ name: 'Echte Bewoner', isDemo: false });
		expect(byId.get(reply.id)).toMatchObject({ name: 'demo-proef', isDemo: true });
		expect(byId.get(own.id)).toMatchObject({ name: 'demo-proef', isDemo: true });

		const [notice] = await listNotifications(t.db, real);
		expect(notice).toMatchObject({ kind: 'reply', actorName: 'demo-proef', actorIsDemo: true });

		const editor = await getSummaryEditor(t.db, moderator, { slug, number: 21 }, { uncited: true });
		const material = new Map(editor.comments.map((c) => [c.id, c.isDemo]));
		expect(material.get(own.id)).toBe(true);
		expect(material.get(mine.id)).toBe(false);

		await saveSummary(t.db, moderator, {
			slug,
			number: 21,
			publish: true,
			mainPoints: `- Buurthuizen [#${mine.id}] [#${own.id}]`,
			disagreements: '',
			voices: ''
		});
		const summary = (await getPublishedSummary(t.db, rec(21)))!;
		expect(summary.sources.map((s) => [s.authorName, s.isDemo])).toEqual([
			['Echte Bewoner', false],
			['demo-proef', true]
		]);
	});
});
