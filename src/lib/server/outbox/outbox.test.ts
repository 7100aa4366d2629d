import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { saveAnswer } from '../answers/service';
import type { Actor } from '../auth/actor';
import { createActor, generousLimits } from '../auth/test-actors';
import { postComment } from '../comments/service';
import { updateModerationSettings } from '../consultations/service';
import { QueryCounter } from '../db/query-counter';
import type { SiteRole } from '../db/types';
import { createTestDb, type TestDb } from '../db/test-db';
import type { Mailer } from '../mail';
import { restoreComment } from '../moderation/service';
import { demo } from '../seed/demo-data';
import { seedConsultation } from '../seed/service';
import { createConsultation } from '../seed/test-consultation';
import { saveSummary } from '../summaries/service';
import { getRevisionEditor, reviseRecommendation } from '../revisions/service';
import { castVote } from '../votes/service';
import { loadTranslator } from '../../i18n/translator';
import { createSession } from '../auth/session';
import { startOutbox } from './scheduler';
import { deliverMail, MAX_ATTEMPTS, retryDelay } from './service';

/*
 * Mail goes out through an outbox: queued with the notification, in the same transaction, and sent by a
 * background pass. These tests run the real services on the real database and a mailer that records
 * what it was asked to send (or fails on purpose).
 */

const dialect = process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite';
const slug = 'gekleurde-armoede';
const origin = 'https://samenspraak.example.org';
const DAY = 24 * 60 * 60 * 1000;
const l = generousLimits();

type Sent = { to: string; subject: string; text: string };
function recordingMailer(fail: (m: Sent) => boolean = () => false): Mailer & { sent: Sent[] } {
	const sent: Sent[] = [];
	return {
		available: true,
		sent,
		send: async (m) => {
			if (fail(m)) throw new Error(`550 mailbox unavailable: ${m.to.toUpperCase()}\nmore detail`);
			sent.push(m);
		}
	};
}

describe(`mail outbox (${dialect})`, () => {
	let t: TestDb;
	let moderator: Actor, policy: Actor, admin: Actor;
	let serial = 0;

	const person = (mail: { email?: string; wants?: boolean; locale?: string } = {}, role: SiteRole = 'participant') =>
		createActor(t.db, {
			name: `Persoon ${++serial}`,
			role,
			locale: mail.locale,
			email: mail.email,
			wantsMail: mail.wants
		});
	const answer = (number: number, publish = true) =>
		saveAnswer(t.db, policy, {
			slug,
			number,
			status: 'adopted',
			explanation: 'We doen het.',
			publish
		});
	const outbox = (where: { recommendation?: number } = {}) => {
		let q = t.db
			.selectFrom('mail_outbox as o')
			.innerJoin('recommendations as r', 'r.id', 'o.recommendation_id')
			.select(['o.id', 'o.user_id', 'o.kind', 'o.status', 'o.attempts', 'o.next_attempt_at', 'o.last_error'])
			.orderBy('o.id');
		if (where.recommendation) q = q.where('r.number', '=', where.recommendation);
		return q.execute();
	};
	/** Sends everything due now, as the background pass would. */
	const drain = (mailer: Mailer, now = new Date()) => deliverMail(t.db, mailer, { origin, now });

	beforeAll(async () => {
		t = await createTestDb();
		await seedConsultation(t.db, demo);
		moderator = await person({ email: 'mod@example.org', wants: true }, 'moderator');
		policy = await person({ email: 'beleid@example.org', wants: true }, 'policy');
		admin = await person({}, 'admin');
	});
	afterAll(async () => t.destroy());

	it('an answer queues one mail per participant who asked for mail; a pass sends each once, in their language', async () => {
		const french = await person({ email: 'fr@example.org', wants: true, locale: 'fr' });
		const arabic = await person({ email: 'ar@example.org', wants: true, locale: 'ar' });
		const quiet = await person({ email: 'stil@example.org', wants: false });
		const noAddress = await person({ wants: true });
		const gone = await person({ email: 'weg@example.org', wants: true });
		await castVote(t.db, french, l, { slug, number: 40, choice: 'agree' });
		await postComment(t.db, arabic, l, { slug, number: 40, body: 'نعم، هذا مهم.', language: 'ar' });
		await postComment(t.db, quiet, l, { slug, number: 40, body: 'Goed idee.', language: 'nl' });
		await castVote(t.db, noAddress, l, { slug, number: 40, choice: 'unsure' });
		await castVote(t.db, gone, l, { slug, number: 40, choice: 'disagree' });
		await castVote(t.db, policy, l, { slug, number: 40, choice: 'agree' });
		await t.db.updateTable('users').set({ deleted_at: new Date().toISOString() }).where('id', '=', gone.id).execute();

		// A draft sends nothing; publishing queues exactly the two who asked for mail (not the writer).
		expect((await answer(40, false)).mailed).toBe(0);
		expect(await outbox({ recommendation: 40 })).toEqual([]);
		expect((await answer(40)).mailed).toBe(2);
		const queued = await outbox({ recommendation: 40 });
		expect(queued.map((q) => [q.user_id, q.kind, q.status])).toEqual([
			[french.id, 'response', 'pending'],
			[arabic.id, 'response', 'pending']
		]);

		const mailer = recordingMailer();
		expect(await drain(mailer)).toEqual({ taken: 2, sent: 2, skipped: 0, retrying: 0, failed: 0 });
		expect(mailer.sent.map((m) => m.to)).toEqual(['fr@example.org', 'ar@example.org']);
		expect(mailer.sent[0].subject).toBe('Les autorités ont répondu à une recommandation');
		expect(mailer.sent[1].subject).toBe('ردت الحكومة على توصية');
		for (const m of mailer.sent) expect(m.text).toContain(`${origin}/c/${slug}/40#answer`);
		expect((await outbox({ recommendation: 40 })).map((q) => q.status)).toEqual(['sent', 'sent']);

		// Nothing is sent twice.
		expect(await drain(mailer)).toMatchObject({ taken: 0, sent: 0 });
		expect(mailer.sent).toHaveLength(2);
	});

	it('a published summary mails the followers who asked for it, never its writer', async () => {
		const follower = await person({ email: 'volger@example.org', wants: true, locale: 'en' });
		await castVote(t.db, follower, l, { slug, number: 41, choice: 'agree' });
		await castVote(t.db, moderator, l, { slug, number: 41, choice: 'agree' });
		const result = await saveSummary(t.db, moderator, {
			slug,
			number: 41,
			mainPoints: 'Mensen vinden dit belangrijk.',
			disagreements: '',
			voices: '',
			publish: true
		});
		expect(result.mailed).toBe(1);
		const mailer = recordingMailer();
		await drain(mailer);
		expect(mailer.sent).toEqual([
			{
				to: 'volger@example.org',
				subject: 'There is a summary of what people said',
				text: expect.stringContaining(`${origin}/c/${slug}/41#summary`)
			}
		]);
	});

	it('a change of a text mails its earlier voters who asked for mail, in their language; a correction mails no one', async () => {
		const voter = await person({ email: 'stemmer@example.org', wants: true, locale: 'tr' });
		const quiet = await person({ email: 'stil2@example.org', wants: false });
		for (const who of [voter, quiet, policy]) await castVote(t.db, who, l, { slug, number: 42, choice: 'agree' });
		const revise = async (kind: 'change' | 'correction', officialText: string) => {
			const editor = await getRevisionEditor(t.db, policy, { slug, number: 42 });
			return reviseRecommendation(t.db, policy, { slug, number: 42, ...editor.form, officialText, kind });
		};
		expect(await revise('change', 'Een nieuwe tekst.')).toMatchObject({ notified: 2, mailed: 1 });
		expect(await revise('correction', 'Een nieuwe tekst!')).toMatchObject({ notified: 0, mailed: 0 });
		const mailer = recordingMailer();
		await drain(mailer);
		expect(mailer.sent).toEqual([
			{
				to: 'stemmer@example.org',
				subject: 'Bir önerinin metni değişti',
				text: expect.stringContaining(`${origin}/c/${slug}/42#text-changed`)
			}
		]);
	});

	it('a reply mails the author of the comment; under pre-moderation only once a moderator approves it', async () => {
		// Its own copy of the consultation, whose moderation settings it changes.
		const { slug } = await createConsultation(t.db);
		const parentAuthor = await person({ email: 'ouder@example.org', wants: true, locale: 'tr' });
		const replier = await person();
		/** A Dutch comment on recommendation 42, or a reply to `parentId`. */
		const say = (author: Actor, body: string, parentId?: number) =>
			postComment(t.db, author, l, { slug, number: 42, body, language: 'nl', parentId });
		const parent = await say(parentAuthor, 'Wat denken jullie?');
		const reply = await say(replier, 'Ik denk mee.', parent.id);
		const mailer = recordingMailer();
		await drain(mailer);
		expect(mailer.sent).toEqual([
			{
				to: 'ouder@example.org',
				subject: 'Yorumuna biri cevap verdi',
				text: expect.stringContaining(`${origin}/c/${slug}/42#comment-${reply.id}`)
			}
		]);

		await updateModerationSettings(t.db, admin, { slug, holdPolicy: 'all', holdAfterReports: 2 });
		const held = await say(replier, 'Nog een gedachte.', parent.id);
		expect(held.held).toBe(true);
		expect(await drain(mailer)).toMatchObject({ taken: 0 });
		await restoreComment(t.db, moderator, { commentId: held.id });
		await drain(mailer);
		expect(mailer.sent.map((m) => m.text.includes(`#comment-${held.id}`))).toEqual([false, true]);
	});

	it('a reply mail names the replier isolated (FSI/PDI) in its sentence, and marks a demo account as the pages do', async () => {
		const { slug } = await createConsultation(t.db);
		const parentAuthor = await person({ email: 'naam@example.org', wants: true, locale: 'ar' });
		const real = await person();
		const demoReplier = await person();
		await t.db.updateTable('users').set({ is_demo: 1 }).where('id', '=', demoReplier.id).execute();
		const parent = await postComment(t.db, parentAuthor, l, { slug, number: 7, body: 'Vraag?', language: 'nl' });
		const replies = [];
		for (const replier of [real, demoReplier])
			replies.push(
				await postComment(t.db, replier, l, { slug, number: 7, body: 'Antwoord.', language: 'nl', parentId: parent.id })
			);
		const mailer = recordingMailer();
		await drain(mailer);
		const [first, second] = mailer.sent.map((m) => m.text);
		const ar = await loadTranslator('ar');
		const isolated = (name: string) => `\u2068${name}\u2069`;
		// The name sits between FSI and PDI, so the Arabic sentence around it keeps its order.
		expect(first).toBe(
			ar('thread:mail.replyBodyFrom', {
				name: isolated(real.displayName),
				link: `${origin}/c/${slug}/7#comment-${replies[0].id}`
			})
		);
		expect(first).not.toContain(ar('account:demo'));
		expect(second).toBe(
			ar('thread:mail.replyBodyFrom', {
				name: ar('thread:mail.demoName', { name: isolated(demoReplier.displayName) }),
				link: `${origin}/c/${slug}/7#comment-${replies[1].id}`
			})
		);
		expect(second).toContain(`${isolated(demoReplier.displayName)} (${ar('account:demo')})`);
	});

	it('someone who turns mail off or deletes their account before the pass gets nothing', async () => {
		const changes = await person({ email: 'bedenkt@example.org', wants: true });
		const leaves = await person({ email: 'vertrekt@example.org', wants: true });
		await castVote(t.db, changes, l, { slug, number: 43, choice: 'agree' });
		await castVote(t.db, leaves, l, { slug, number: 43, choice: 'agree' });
		expect((await answer(43)).mailed).toBe(2);
		await t.db.updateTable('users').set({ email_notifications: 0 }).where('id', '=', changes.id).execute();
		await t.db.updateTable('users').set({ email: null, email_key: null }).where('id', '=', leaves.id).execute();
		const mailer = recordingMailer();
		expect(await drain(mailer)).toMatchObject({ taken: 2, sent: 0, skipped: 2 });
		expect(mailer.sent).toEqual([]);
		expect((await outbox({ recommendation: 43 })).map((q) => q.status)).toEqual(['skipped', 'skipped']);
	});

	it('without a mail server every mail is skipped, not kept forever', async () => {
		const p = await person({ email: 'geenserver@example.org', wants: true });
		await castVote(t.db, p, l, { slug, number: 44, choice: 'agree' });
		await answer(44);
		const none: Mailer = { available: false, send: async () => expect.fail('nothing may be sent') };
		expect(await drain(none)).toMatchObject({ taken: 1, skipped: 1 });
	});

	it('a failing mail server: tried again after 1, 4, 16 … minutes, then given up; a later success sends once', async () => {
		const unlucky = await person({ email: 'pech@example.org', wants: true });
		const lucky = await person({ email: 'geluk@example.org', wants: true });
		await castVote(t.db, unlucky, l, { slug, number: 45, choice: 'agree' });
		await castVote(t.db, lucky, l, { slug, number: 45, choice: 'agree' });
		await answer(45);
		let luckyFailures = 1;
		const mailer = recordingMailer(
			(m) => m.to === 'pech@example.org' || (m.to === 'geluk@example.org' && luckyFailures-- > 0)
		);

		let now = new Date();
		expect(await drain(mailer, now)).toMatchObject({ taken: 2, sent: 0, retrying: 2 });
		let rows = await outbox({ recommendation: 45 });
		expect(rows.map((r) => [r.status, r.attempts])).toEqual([
			['pending', 1],
			['pending', 1]
		]);
		expect(rows[0].next_attempt_at).toBe(new Date(now.getTime() + 60_000).toISOString());
		// The reason is kept, short and without the address.
		expect(rows[0].last_error).toBe('550 mailbox unavailable: …');

		// Not due yet half a minute later.
		expect(await drain(mailer, new Date(now.getTime() + 30_000))).toMatchObject({ taken: 0 });

		const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
		for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
			now = new Date(now.getTime() + retryDelay(attempt - 1));
			const report = await drain(mailer, now);
			rows = await outbox({ recommendation: 45 });
			expect(rows[0].attempts).toBe(attempt);
			if (attempt === 2) expect(report).toMatchObject({ sent: 1, retrying: 1 });
		}
		expect(rows.map((r) => r.status)).toEqual(['failed', 'sent']);
		// Giving up is logged once, with an id and the mail's number, never the address.
		const logged = log.mock.calls.map((c) => c.join(' '));
		log.mockRestore();
		expect(logged.filter((line) => line.includes('mail given up after 6 tries'))).toHaveLength(1);
		expect(logged.join(' ')).not.toContain('pech@example.org');
		expect(mailer.sent.map((m) => m.to)).toEqual(['geluk@example.org']);
		expect([1, 2, 3, 4, 5, 6, 9].map(retryDelay).map((ms) => ms / 60_000)).toEqual([1, 4, 16, 64, 256, 360, 360]);
	});

	it('two passes at the same moment (two servers) send each mail exactly once', async () => {
		const people = await Promise.all(
			Array.from({ length: 12 }, (_, i) => person({ email: `samen${i}@example.org`, wants: true }))
		);
		for (const p of people) await castVote(t.db, p, l, { slug, number: 46, choice: 'agree' });
		await answer(46);
		const one = recordingMailer();
		const two = recordingMailer();
		const now = new Date();
		const reports = await Promise.all([
			deliverMail(t.db, one, { origin, now, batch: 8 }),
			deliverMail(t.db, two, { origin, now, batch: 8 }),
			deliverMail(t.db, one, { origin, now, batch: 8 })
		]);
		// Whatever one pass took, another did not: 12 taken in all, each sent once.
		expect(reports.reduce((n, r) => n + r.taken, 0)).toBe(12);
		const to = [...one.sent, ...two.sent].map((m) => m.to).sort();
		expect(to).toEqual(people.map((_, i) => `samen${i}@example.org`).sort());
	});

	it('a pass costs the same three queries for 1 mail or 30', async () => {
		const counts: number[] = [];
		for (const [number, size] of [
			[47, 1],
			[48, 30]
		]) {
			const people = await Promise.all(
				Array.from({ length: size }, (_, i) => person({ email: `n${number}-${i}@example.org`, wants: true }))
			);
			for (const p of people) await castVote(t.db, p, l, { slug, number, choice: 'agree' });
			await answer(number);
			const counter = new QueryCounter();
			const report = await deliverMail(t.db.withPlugin(counter), recordingMailer(), { origin });
			expect(report.sent).toBe(size);
			counts.push(counter.count);
		}
		expect(counts).toEqual([3, 3]);
	});

	it('sent mail is removed after 30 days', async () => {
		const p = await person({ email: 'bewaard@example.org', wants: true });
		await castVote(t.db, p, l, { slug, number: 50, choice: 'agree' });
		await answer(50);
		await drain(recordingMailer());
		expect((await outbox({ recommendation: 50 })).map((q) => q.status)).toEqual(['sent']);
		const later = new Date(Date.now() + 31 * 24 * 3600_000);
		await drain(recordingMailer(), later);
		expect(await outbox()).toEqual([]);
	});

	it('the background pass sends soon after a kick, and passes never overlap', async () => {
		const p = await person({ email: 'snel@example.org', wants: true });
		await castVote(t.db, p, l, { slug, number: 49, choice: 'agree' });
		await answer(49);
		let inFlight = 0;
		let most = 0;
		const sent: string[] = [];
		const slow: Mailer = {
			available: true,
			send: async (m) => {
				most = Math.max(most, ++inFlight);
				await new Promise((r) => setTimeout(r, 20));
				sent.push(m.to);
				inFlight--;
			}
		};
		const box = startOutbox(t.db, slow, { origin, intervalMs: 5 });
		try {
			box.kick();
			box.kick();
			await new Promise((r) => setTimeout(r, 60));
			await box.idle();
		} finally {
			box.stop();
		}
		expect(sent).toEqual(['snel@example.org']);
		expect(most).toBe(1);
	});
	it('the background pass deletes expired sessions and ended rate limit windows, at most once an hour, and keeps live ones', async () => {
		const p = await person();
		const start = new Date('2026-06-01T12:00:00Z');
		// Started 31 days before `start`, so expired a day before it; and one started then.
		const expired = (await createSession(t.db, p.id, new Date(start.getTime() - 31 * DAY))).session.id;
		const live = (await createSession(t.db, p.id, start)).session.id;
		const remaining = async (...ids: string[]) =>
			(await t.db.selectFrom('sessions').select('id').where('id', 'in', ids).execute()).map((r) => r.id).sort();
		// A rate limit window that ended two hours before `start`, and one that ends a minute after it.
		await t.db
			.insertInto('rate_limits')
			.values([
				{ key: 'test:ended', points: 1, expire: start.getTime() - 2 * 3_600_000 },
				{ key: 'test:running', points: 1, expire: start.getTime() + 60_000 }
			])
			.execute();
		const windows = async () =>
			(await t.db.selectFrom('rate_limits').select('key').where('key', 'like', 'test:%').execute()).map((r) => r.key);

		let clock = start;
		const box = startOutbox(t.db, recordingMailer(), { origin, intervalMs: 3_600_000, now: () => clock });
		const runPass = async () => {
			box.kick();
			await new Promise((r) => setImmediate(r));
			await box.idle();
		};
		try {
			await runPass();
			expect(await remaining(expired, live)).toEqual([live]);
			expect(await windows()).toEqual(['test:running']);

			// Another one expires; a pass within the hour leaves it, the first pass after the hour removes it.
			const later = (await createSession(t.db, p.id, new Date(start.getTime() - 30 * DAY))).session.id;
			clock = new Date(start.getTime() + 30 * 60_000);
			await runPass();
			expect(await remaining(later, live)).toEqual([later, live].sort());
			clock = new Date(start.getTime() + 61 * 60_000);
			await runPass();
			expect(await remaining(later, live)).toEqual([live]);
		} finally {
			box.stop();
		}
	});
});
