import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditLog } from './audit/service';
import type { Actor } from './auth/actor';
import { createActor, createStaff, generousLimits } from './auth/test-actors';
import { listComments, PAGE_SIZE, postComment, reportComment } from './comments/service';
import { createTestDb, type TestDb } from './db/test-db';
import { hideComment, listQueue, QUEUE_PAGE } from './moderation/service';
import { listNotifications } from './notifications/service';
import { demo } from './seed/demo-data';
import { seedConsultation } from './seed/service';
import { EDITOR_PAGE, getSummaryEditor } from './summaries/service';
import { listUsers } from './users/service';

/*
 * Every paged service takes any page number a caller gives it and answers with a page of the list:
 * page 1 for what is not a page number (the SQL never sees an unsafe OFFSET), the last page for a page
 * past the end. What routes read from the address is tested in lib/paging.test.ts and end to end.
 */

const dialect = process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite';
const slug = 'gekleurde-armoede';
const number = 44;

/** Not a page number: each must give page 1. */
const garbage = [1e18, Infinity, -Infinity, Number('1e309'), -1, 0, NaN, 2.5, Number.MIN_SAFE_INTEGER];
/** A page number, but past the end of each list here: each must give the last page. */
const pastTheEnd = [99_999, 2 ** 31, Number.MAX_SAFE_INTEGER];

describe(`paged lists take any page number (${dialect})`, () => {
	let t: TestDb;
	let participant: Actor, moderator: Actor, admin: Actor;
	let recommendationId: number;
	// More than one page of every list: 85 comments, all reported; 51 of them hidden (51 entries in the
	// log), 34 still visible.
	const comments = 85;

	beforeAll(async () => {
		t = await createTestDb();
		await seedConsultation(t.db, demo);
		participant = await createActor(t.db, { name: 'Deelnemer' });
		({ moderator, admin } = await createStaff(t.db));
		for (let i = 0; i < 51; i++) await createActor(t.db, { name: `Persoon ${i}` });
		const limits = generousLimits();
		for (let i = 0; i < comments; i++) {
			const { id } = await postComment(t.db, participant, limits, {
				slug,
				number,
				body: `Reactie nummer ${i} over deze aanbeveling`,
				language: 'nl'
			});
			await reportComment(t.db, admin, limits, { commentId: id, reason: 'off_topic' });
			if (i % 5 < 3) await hideComment(t.db, moderator, { commentId: id, reason: 'off_topic' });
		}
		recommendationId = (
			await t.db.selectFrom('recommendations').select('id').where('number', '=', number).executeTakeFirstOrThrow()
		).id;
	}, 120_000);
	afterAll(async () => t.destroy());

	/** Each paged list: its page size, and a call for one page returning its page, page count and rows. */
	const lists = [
		{
			name: 'the comments of a thread, newest first',
			size: PAGE_SIZE,
			at: async (page: number) => {
				const r = await listComments(t.db, participant, recommendationId, { sort: 'newest', page });
				return { ...r, rows: r.comments.map((c) => c.id) };
			}
		},
		{
			name: 'the comments of a thread, most helpful first',
			size: PAGE_SIZE,
			at: async (page: number) => {
				const r = await listComments(t.db, null, recommendationId, { sort: 'helpful', page });
				return { ...r, rows: r.comments.map((c) => c.id) };
			}
		},
		{
			name: 'the summary editor',
			size: EDITOR_PAGE,
			at: async (page: number) => {
				const r = await getSummaryEditor(t.db, moderator, { slug, number }, { page });
				return { ...r, rows: r.comments.map((c) => c.id) };
			}
		},
		{
			name: 'the hidden comments of the moderation queue',
			size: QUEUE_PAGE,
			at: async (page: number) => {
				const r = await listQueue(t.db, moderator, { page, view: 'hidden' });
				return { ...r, rows: r.items.map((i) => i.comment.id) };
			}
		},
		{
			name: 'the open moderation queue',
			size: QUEUE_PAGE,
			at: async (page: number) => {
				const r = await listQueue(t.db, moderator, { page, view: 'open' });
				return { ...r, rows: r.items.map((i) => i.comment.id) };
			}
		},
		{
			name: 'the audit log',
			size: 50,
			at: async (page: number) => {
				const r = await listAuditLog(t.db, moderator, { page });
				return { ...r, rows: r.entries.map((e) => e.id) };
			}
		},
		{
			name: 'the users list',
			size: 50,
			at: async (page: number) => {
				const r = await listUsers(t.db, admin, { page });
				return { ...r, rows: r.items.map((u) => u.id) };
			}
		}
	];

	for (const list of lists) {
		describe(list.name, () => {
			it('has more than one page, so the last page is not page 1', async () => {
				expect((await list.at(1)).pages).toBeGreaterThan(1);
			});

			it.each(garbage)('shows page 1 for page %s', async (page) => {
				const first = await list.at(1);
				const result = await list.at(page);
				expect(result.page).toBe(1);
				expect(result.rows).toEqual(first.rows);
			});

			it.each(pastTheEnd)('shows the last page for page %s', async (page) => {
				const result = await list.at(page);
				const last = await list.at(result.pages);
				expect(result.page).toBe(result.pages);
				expect(result.rows).toEqual(last.rows);
				expect(result.rows.length).toBeGreaterThan(0);
				expect(result.rows.length).toBeLessThanOrEqual(list.size);
			});
		});
	}

	it('notifications (one page, no count) take any page number without an unsafe OFFSET', async () => {
		for (const page of [...garbage, ...pastTheEnd]) {
			await expect(listNotifications(t.db, participant, page)).resolves.toBeInstanceOf(Array);
		}
	});
});
