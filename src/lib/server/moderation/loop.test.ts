import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAnswers, saveAnswer } from '../answers/service';
import { listAuditLog } from '../audit/service';
import { auditEntries, auditEntry } from '../audit/test-entries';
import type { Actor } from '../auth/actor';
import { createSession, validateSessionToken } from '../auth/session';
import { createActor, generousLimits } from '../auth/test-actors';
import { listComments, postComment, reportComment } from '../comments/service';
import { storedComment } from '../comments/test-rows';
import { getOverview, setPhase, updateModerationSettings } from '../consultations/service';
import { QueryCounter } from '../db/query-counter';
import type { SiteRole } from '../db/types';
import { createTestDb, type TestDb } from '../db/test-db';
import { DomainError, ValidationError } from '../errors';
import { listNotifications } from '../notifications/service';
import { createConsultation } from '../seed/test-consultation';
import { getPublishedSummary, getSummaryEditor, saveSummary } from '../summaries/service';
import { castVote } from '../votes/service';
import {
	dismissReports,
	hideComment,
	liftSuspension,
	listQueue,
	redactComment,
	restoreComment,
	suspendAccount
} from './service';
import { moderationStats, type ModerationStats } from './stats';

/*
 * Closing the loop, through the real services on the real database: reports hold a comment, a moderator
 * decides, a summary cites comments, policy staff answer, and everyone who took part hears back. Each
 * test sets its own scene (its own copy of the consultation and its own people), so it passes alone and
 * in any order.
 */

const dialect = process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite';
const limits = generousLimits;

const rejection = (p: Promise<unknown>) =>
	p.then(
		() => 'resolved',
		(e) => (e instanceof ValidationError ? e.issues : e instanceof DomainError ? e.code : e)
	);

describe(`closing the loop (${dialect})`, () => {
	let t: TestDb;
	let scenes = 0;
	const l = limits();

	/**
	 * What each test starts from, made for it alone: its own copy of the consultation and its own people
	 * (an author writing in Arabic, two reporters, a voter reading French, and staff).
	 */
	const scene = async () => {
		const n = ++scenes;
		const person = (name: string, role: SiteRole = 'participant', locale = 'nl') =>
			createActor(t.db, { name: `${name} ${n}`, role, locale });
		const consultation = await createConsultation(t.db);
		const slug = consultation.slug;
		return {
			consultation,
			slug,
			rec: consultation.rec(36),
			person,
			author: await person('Auteur', 'participant', 'ar'),
			reporterA: await person('MelderA'),
			reporterB: await person('MelderB'),
			voter: await person('Stemmer', 'participant', 'fr'),
			moderator: await person('Moderator', 'moderator'),
			policy: await person('Beleid', 'policy'),
			admin: await person('Beheerder', 'admin'),
			comment: (who: Actor, body: string, extra: { confirmPersonal?: boolean } = {}) =>
				postComment(t.db, who, l, { slug, number: 36, body, language: 'nl', ...extra })
		};
	};
	const status = (id: number) => storedComment(t.db, id);

	beforeAll(async () => {
		t = await createTestDb();
	});
	afterAll(async () => t.destroy());

	it('holds a comment after two reports (the default), once, and shows others only a notice', async () => {
		const { rec, author, reporterA, reporterB, voter, moderator, comment } = await scene();
		const { id } = await comment(author, 'Dit is mijn mening over inspraak.');
		await reportComment(t.db, reporterA, l, { commentId: id, reason: 'hurtful' });
		expect((await status(id)).held_for).toBeNull();
		// The same person reporting twice is one report: still not held.
		await reportComment(t.db, reporterA, l, { commentId: id, reason: 'hurtful' });
		expect((await status(id)).held_for).toBeNull();
		await reportComment(t.db, reporterB, l, { commentId: id, reason: 'personal' });
		expect((await status(id)).held_for).toBe('reports');

		const seenByOthers = (await listComments(t.db, voter, rec, { sort: 'newest', page: 1 })).comments.find(
			(c) => c.id === id
		)!;
		expect(seenByOthers).toMatchObject({ heldFor: 'reports', body: null });
		const seenByAuthor = (await listComments(t.db, author, rec, { sort: 'newest', page: 1 })).comments.find(
			(c) => c.id === id
		)!;
		expect(seenByAuthor.body).toBe('Dit is mijn mening over inspraak.');

		const queue = await listQueue(t.db, moderator);
		const item = queue.items.find((i) => i.comment.id === id)!;
		expect(item.reports.map((r) => r.reason).sort()).toEqual(['hurtful', 'personal']);
		const holds = await auditEntries(t.db, 'comment.hold', id);
		expect(holds.map((h) => [h.subject_id, h.actor_id])).toEqual([[id, null]]);
	});

	it('holds a comment when its two reports arrive at the same moment (parallel transactions on PostgreSQL)', async () => {
		const { author, reporterA, reporterB, comment } = await scene();
		// Each report counts the open reports after adding its own. Without a lock on the comment, two
		// transactions at once each see only their own report on PostgreSQL, and neither holds it.
		const ids: number[] = [];
		for (let i = 0; i < 8; i++) ids.push((await comment(author, `Gelijktijdig gemeld ${i}`)).id);
		await Promise.all(
			ids.flatMap((commentId) => [
				reportComment(t.db, reporterA, l, { commentId, reason: 'hurtful' }),
				reportComment(t.db, reporterB, l, { commentId, reason: 'spam' })
			])
		);
		const held = await t.db.selectFrom('comments').select(['id', 'held_for']).where('id', 'in', ids).execute();
		expect(held.filter((c) => c.held_for !== 'reports').map((c) => c.id)).toEqual([]);
		const holds = await auditEntries(t.db, 'comment.hold', ids);
		expect(holds.map((h) => h.subject_id).sort((a, b) => Number(a) - Number(b))).toEqual(ids);
	});

	it('hides a comment with a reason: a placeholder with the reason, reports closed, the author told', async () => {
		const { rec, author, reporterA, voter, moderator, comment } = await scene();
		const { id } = await comment(author, 'Noem mijn buurman maar bij naam.');
		await reportComment(t.db, reporterA, l, { commentId: id, reason: 'personal' });
		expect(await rejection(hideComment(t.db, moderator, { commentId: id, reason: 'rude' }))).toEqual({
			reason: { code: 'moderation:error.reason' }
		});
		await hideComment(t.db, moderator, { commentId: id, reason: 'personal', note: 'naam van buurman' });
		const shown = (await listComments(t.db, voter, rec, { sort: 'newest', page: 1 })).comments.find(
			(c) => c.id === id
		)!;
		expect(shown).toMatchObject({ status: 'hidden', hiddenReason: 'personal', body: null });
		const reports = await t.db.selectFrom('comment_reports').selectAll().where('comment_id', '=', id).execute();
		expect(reports.map((r) => [r.status, r.outcome, r.handled_by])).toEqual([['handled', 'hidden', moderator.id]]);
		const notices = await listNotifications(t.db, author);
		expect(notices.find((n) => n.kind === 'moderation' && n.commentId === id)).toMatchObject({ detail: 'personal' });
		const entry = await auditEntry(t.db, 'comment.hide', id);
		expect(entry).toMatchObject({ actor_id: moderator.id, reason: 'personal', detail: 'naam van buurman' });
		expect((await listQueue(t.db, moderator)).items.some((i) => i.comment.id === id)).toBe(false);

		await restoreComment(t.db, moderator, { commentId: id });
		expect(await status(id)).toMatchObject({ status: 'visible', hidden_reason: null });
		expect(await rejection(restoreComment(t.db, moderator, { commentId: id }))).toBe(
			'moderation:error.nothingToRestore'
		);
	});

	it('warns about personal details before posting, keeps nothing until confirmed, then flags it for moderators', async () => {
		const { author, moderator, comment } = await scene();
		const text = 'Bel me op 0470 12 34 56 of mail jan.peeters@example.be';
		const before = await t.db
			.selectFrom('comments')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		expect(await rejection(comment(author, text))).toEqual({
			body: { code: 'thread:comment.personal', params: { kinds: 'email,phone' } }
		});
		const after = await t.db
			.selectFrom('comments')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		expect(Number(after.n)).toBe(Number(before.n));
		const { id } = await comment(author, text, { confirmPersonal: true });
		// Posted anyway, it waits for a moderator: nothing personal goes public unseen.
		expect(await status(id)).toMatchObject({ personal_details: 'email,phone', held_for: 'review' });
		const item = (await listQueue(t.db, moderator)).items.find((i) => i.comment.id === id)!;
		expect(item.comment.personalDetails).toEqual(['email', 'phone']);

		// The moderator edits the details out: the original is in the audit log only.
		expect(await rejection(redactComment(t.db, moderator, { commentId: id, body: text }))).toEqual({
			body: { code: 'moderation:error.bodyUnchanged' }
		});
		await redactComment(t.db, moderator, { commentId: id, body: 'Bel me op [telefoonnummer verwijderd]' });
		expect(await status(id)).toMatchObject({
			body: 'Bel me op [telefoonnummer verwijderd]',
			personal_details: '',
			held_for: null
		});
		const entry = await auditEntry(t.db, 'comment.redact', id);
		expect(JSON.parse(entry.detail).original).toBe(text);
		expect((await listQueue(t.db, moderator)).items.some((i) => i.comment.id === id)).toBe(false);
	});

	it('dismisses reports: a held comment is published again and leaves the queue', async () => {
		const { author, reporterA, reporterB, moderator, comment } = await scene();
		const { id } = await comment(reporterA, 'Een gewone mening die iemand niet beviel.');
		await reportComment(t.db, author, l, { commentId: id, reason: 'spam' });
		await reportComment(t.db, reporterB, l, { commentId: id, reason: 'spam' });
		expect((await status(id)).held_for).toBe('reports');
		await dismissReports(t.db, moderator, { commentId: id });
		expect((await status(id)).held_for).toBeNull();
		expect((await listQueue(t.db, moderator)).items.some((i) => i.comment.id === id)).toBe(false);
	});

	it('the "new accounts" policy holds what accounts younger than its days write, until a moderator approves', async () => {
		const { slug, rec, person, voter, moderator, admin, comment } = await scene();
		await updateModerationSettings(t.db, admin, {
			slug,
			holdPolicy: 'new_accounts',
			newAccountDays: 3,
			holdAfterReports: 2
		});
		const newcomer = await person('Nieuwkomer');
		const { id, held } = await comment(newcomer, 'Mijn eerste reactie hier.');
		expect(held).toBe(true);
		const others = await listComments(t.db, voter, rec, { sort: 'newest', page: 1 });
		expect(others.comments.some((c) => c.id === id)).toBe(false);
		const mine = await listComments(t.db, newcomer, rec, { sort: 'newest', page: 1 });
		expect(mine.comments.find((c) => c.id === id)).toMatchObject({ heldFor: 'review' });
		// The count follows what each reader sees: the author counts it, others do not, nor does a visitor.
		expect(mine.total).toBe(others.total + 1);
		expect((await listComments(t.db, null, rec, { sort: 'newest', page: 1 })).total).toBe(others.total);
		// An account of four days old is past the three days: not held.
		const older = await person('Oudgediende');
		const fourDaysAgo = new Date(Date.now() - 4 * 24 * 60 * 60 * 1000).toISOString();
		await t.db.updateTable('users').set({ created_at: fourDaysAgo }).where('id', '=', older.id).execute();
		expect((await comment(older, 'Ik ben hier al een tijdje.')).held).toBe(false);
		await restoreComment(t.db, moderator, { commentId: id });
		expect((await listComments(t.db, voter, rec, { sort: 'newest', page: 1 })).comments.some((c) => c.id === id)).toBe(
			true
		);
		await updateModerationSettings(t.db, admin, { slug, holdPolicy: 'personal_details', holdAfterReports: 2 });
		// The default policy holds nothing but personal details: the newcomer's next comment is public at once.
		expect((await comment(newcomer, 'Nog een gewone reactie.')).held).toBe(false);
		expect(
			await rejection(updateModerationSettings(t.db, admin, { slug, holdPolicy: 'sometimes', holdAfterReports: 0 }))
		).toEqual({
			holdPolicy: { code: 'admin:consultations.error.holdPolicy' },
			holdAfterReports: { code: 'admin:consultations.error.hold', params: { max: 20 } }
		});
		expect(
			await rejection(
				updateModerationSettings(t.db, admin, {
					slug,
					holdPolicy: 'new_accounts',
					newAccountDays: '0',
					holdAfterReports: 2
				})
			)
		).toEqual({ newAccountDays: { code: 'admin:consultations.error.newAccountDays', params: { max: 365 } } });
	});

	it('a reply held for review is counted, and its parent’s author told, only once it is approved', async () => {
		const { slug, reporterA, voter, moderator, admin, comment } = await scene();
		await updateModerationSettings(t.db, admin, { slug, holdPolicy: 'all', holdAfterReports: 2 });
		const parent = await comment(reporterA, 'Een vraag waar iemand op antwoordt.');
		const replies = () => storedComment(t.db, parent.id);
		const told = async () =>
			(await listNotifications(t.db, reporterA)).filter((n) => n.kind === 'reply' && n.thread?.number === 36).length;
		const before = await told();
		const reply = await postComment(t.db, voter, l, {
			slug,
			number: 36,
			body: 'Mijn antwoord op de vraag.',
			language: 'nl',
			parentId: parent.id
		});
		expect(reply.held).toBe(true);
		expect((await replies()).reply_count).toBe(0);
		expect(await told()).toBe(before);
		await restoreComment(t.db, moderator, { commentId: reply.id });
		expect((await replies()).reply_count).toBe(1);
		expect(await told()).toBe(before + 1);
		const notice = (await listNotifications(t.db, reporterA)).find((n) => n.commentId === reply.id)!;
		expect(notice.actorName).toBe(voter.displayName);
	});

	it('suspends an account: it cannot take part until the pause ends or is lifted', async () => {
		const { slug, reporterB, moderator, policy, comment } = await scene();
		const { until } = await suspendAccount(t.db, moderator, { userId: reporterB.id, days: 3, reason: 'hurtful' });
		const paused = (await validateSessionToken(t.db, (await createSession(t.db, reporterB.id)).token)).actor!;
		expect(paused.suspendedUntil).toBe(until);
		expect(await rejection(comment(paused, 'Nog een reactie'))).toBe('thread:error.suspended');
		expect(await rejection(castVote(t.db, paused, l, { slug, number: 36, choice: 'agree' }))).toBe(
			'thread:error.suspended'
		);
		// A moderator cannot pause staff.
		expect(await rejection(suspendAccount(t.db, moderator, { userId: policy.id, days: 1, reason: 'other' }))).toBe(
			'common:error.forbidden'
		);
		await liftSuspension(t.db, moderator, reporterB.id);
		const back = (await validateSessionToken(t.db, (await createSession(t.db, reporterB.id)).token)).actor!;
		expect(back.suspendedUntil).toBeNull();
	});

	it('publishes a summary that cites two comments; followers hear; a hidden comment cannot be cited', async () => {
		const { slug, rec, author, reporterA, voter, moderator, comment } = await scene();
		await castVote(t.db, voter, l, { slug, number: 36, choice: 'agree' });
		const a = await comment(reporterA, 'Vraag ons echt om advies, niet achteraf.');
		const b = await comment(author, 'Ervaringsdeskundigen moeten mee aan tafel.');
		const hidden = await comment(reporterA, 'Iets dat straks verborgen wordt.');
		await hideComment(t.db, moderator, { commentId: hidden.id, reason: 'off_topic' });

		const refused = await rejection(
			saveSummary(t.db, moderator, {
				slug,
				number: 36,
				publish: true,
				mainPoints: `- Mensen willen vooraf gevraagd worden [#${a.id}] [#${hidden.id}]`,
				disagreements: '',
				voices: 'Niet bestaand [#999999]'
			})
		);
		expect(refused).toEqual({
			mainPoints: { code: 'summary:error.citation', params: { ids: `#${hidden.id}` } },
			voices: { code: 'summary:error.citation', params: { ids: '#999999' } }
		});
		expect(await getPublishedSummary(t.db, rec)).toBeNull();

		const editor = await getSummaryEditor(t.db, moderator, { slug, number: 36 }, { uncited: true });
		expect(editor.comments.some((c) => c.id === a.id)).toBe(true);
		expect(editor.comments.some((c) => c.id === hidden.id)).toBe(false);

		const result = await saveSummary(t.db, moderator, {
			slug,
			number: 36,
			publish: true,
			mainPoints: `- Mensen willen vooraf gevraagd worden [#${a.id}]`,
			disagreements: '',
			voices: `Ervaringsdeskundigen vragen een plaats aan tafel [#${b.id}]`
		});
		expect(result.published).toBe(true);
		const summary = (await getPublishedSummary(t.db, rec))!;
		expect(summary.sources.map((s) => [s.number, s.id])).toEqual([
			[1, a.id],
			[2, b.id]
		]);
		expect(summary.sources[1].body).toBe('Ervaringsdeskundigen moeten mee aan tafel.');
		const citations = await t.db
			.selectFrom('summary_citations as sc')
			.innerJoin('summaries as s', 's.id', 'sc.summary_id')
			.select('sc.source_id')
			.where('s.recommendation_id', '=', rec)
			.execute();
		expect(citations.map((c) => c.source_id).sort((x, y) => x - y)).toEqual([a.id, b.id].sort((x, y) => x - y));
		// The voter follows the thread by voting, and hears about the summary; the moderator does not notify themself.
		expect((await listNotifications(t.db, voter)).some((n) => n.kind === 'summary')).toBe(true);
		expect((await listNotifications(t.db, moderator)).some((n) => n.kind === 'summary')).toBe(false);

		const afterEdit = await getSummaryEditor(t.db, moderator, { slug, number: 36 }, { uncited: true });
		expect(afterEdit.comments.some((c) => c.id === a.id)).toBe(false);

		// Hidden after publishing: the source shows as removed.
		await hideComment(t.db, moderator, { commentId: a.id, reason: 'personal' });
		expect((await getPublishedSummary(t.db, rec))!.sources[0].body).toBeNull();
	});

	it('publishes a policy answer, notifies everyone who took part once, and keeps the history', async () => {
		const { slug, rec, author, reporterA, voter, policy, comment } = await scene();
		// Three people take part: one votes, one comments twice, one votes and comments. Each is told once.
		await castVote(t.db, voter, l, { slug, number: 36, choice: 'agree' });
		await comment(author, 'Vraag ons vooraf.');
		await comment(author, 'En luister dan ook.');
		await castVote(t.db, reporterA, l, { slug, number: 36, choice: 'disagree' });
		await comment(reporterA, 'Ik twijfel nog.');
		expect(
			await rejection(
				saveAnswer(t.db, policy, {
					slug,
					number: 36,
					status: 'maybe',
					explanation: '',
					commitment: '',
					commitmentDue: '2027-02-30',
					publish: true
				})
			)
		).toEqual({
			status: { code: 'summary:answer.error.status' },
			explanation: { code: 'summary:answer.error.explanation' },
			commitmentDue: { code: 'summary:answer.error.date' }
		});
		await saveAnswer(t.db, policy, {
			slug,
			number: 36,
			status: 'under_study',
			explanation: 'We bekijken dit met de steden.',
			publish: false
		});
		expect(await getAnswers(t.db, rec)).toEqual([]);
		const first = await saveAnswer(t.db, policy, {
			slug,
			number: 36,
			status: 'partly_adopted',
			explanation: 'We vragen advies vooraf bij elk nieuw plan.',
			commitment: 'Een adviesraad met ervaringsdeskundigen',
			commitmentDue: '2027-06-30',
			publish: true
		});
		const voterNotices = (await listNotifications(t.db, voter)).filter((n) => n.kind === 'response');
		expect(voterNotices).toHaveLength(1);
		const recipients = await t.db
			.selectFrom('notifications')
			.select('user_id')
			.where('kind', '=', 'response')
			.where('recommendation_id', '=', rec)
			.execute();
		expect(new Set(recipients.map((r) => r.user_id)).size).toBe(recipients.length);
		expect(recipients.length).toBe(first.notified);
		expect(recipients.map((r) => r.user_id)).toEqual(expect.arrayContaining([voter.id, author.id, reporterA.id]));
		expect(recipients.map((r) => r.user_id)).not.toContain(policy.id);

		await saveAnswer(t.db, policy, {
			slug,
			number: 36,
			status: 'adopted',
			explanation: 'De adviesraad is opgericht.',
			publish: true
		});
		const answers = await getAnswers(t.db, rec);
		expect(answers.map((a) => a.status)).toEqual(['adopted', 'partly_adopted']);
		const overview = await getOverview(t.db, slug, 'nl');
		const listed = overview.themes.flatMap((th) => th.recommendations).find((r) => r.number === 36)!;
		expect(listed.answerStatus).toBe('adopted');
	});

	it('lets only administrators change the phase, and records it', async () => {
		const { consultation, slug, author, admin, comment } = await scene();
		// Moderation settings changed twice (on, then off again): they are in the same part of the log.
		await updateModerationSettings(t.db, admin, { slug, holdPolicy: 'all', holdAfterReports: 2 });
		await updateModerationSettings(t.db, admin, { slug, holdPolicy: 'personal_details', holdAfterReports: 2 });
		await setPhase(t.db, admin, { slug, phase: 'closed', note: 'einde van de bevraging' });
		expect(await rejection(comment(author, 'Te laat'))).toBe('thread:error.closed');
		expect(await rejection(setPhase(t.db, admin, { slug, phase: 'finished' }))).toEqual({
			phase: { code: 'admin:consultations.error.phase' }
		});
		await setPhase(t.db, admin, { slug, phase: 'open' });
		const log = await listAuditLog(t.db, admin, { kind: 'consultation' });
		const mine = log.entries.filter((e) => e.subject.type === 'consultation' && e.subject.id === consultation.id);
		const phaseChanges = mine.filter((e) => e.action === 'consultation.phase');
		expect(phaseChanges.map((e) => [e.reason, e.actorName])).toEqual([
			['open', admin.displayName],
			['closed', admin.displayName]
		]);
		expect(mine.filter((e) => e.action === 'consultation.settings')).toHaveLength(2);
		// Only consultation changes are in this part of the log.
		expect(log.entries.every((e) => e.action.startsWith('consultation.'))).toBe(true);
	});

	it('names what each entry is about, in words and with what a link needs, and splits its detail, in a fixed number of queries', async () => {
		const { consultation, slug, author, reporterB, moderator, admin, comment } = await scene();
		const { id } = await comment(author, 'Een reactie voor het logboek.');
		await hideComment(t.db, moderator, { commentId: id, reason: 'personal', note: 'naam van buurman' });
		const second = await comment(author, 'Nog een reactie voor het logboek.');
		await hideComment(t.db, moderator, { commentId: second.id, reason: 'off_topic' });
		await suspendAccount(t.db, moderator, { userId: reporterB.id, days: 3, reason: 'hurtful' });
		await setPhase(t.db, admin, { slug, phase: 'closed', note: 'einde' });
		const counter = new QueryCounter();
		const log = await listAuditLog(t.db.withPlugin(counter), admin);
		// The page and its count, then one query per kind of subject on it (comment, user, consultation, and
		// whatever other tests of this file logged before): never one per entry.
		const kinds = new Set(log.entries.map((e) => e.subject.type));
		expect(counter.count).toBeLessThanOrEqual(2 + kinds.size);
		expect(log.entries.length).toBeGreaterThan(kinds.size);

		const find = (action: string, type: string, subjectId: number) =>
			log.entries.find((e) => e.action === action && e.subject.type === type && e.subject.id === subjectId)!;
		expect(find('comment.hide', 'comment', id).subject).toMatchObject({ known: true, number: 36, slug });
		expect(find('user.suspend', 'user', reporterB.id).subject).toMatchObject({
			known: true,
			name: reporterB.displayName
		});
		const phase = find('consultation.phase', 'consultation', consultation.id);
		expect(phase.subject).toMatchObject({ known: true, slug });
		expect(phase.detail).toEqual([
			{ name: 'from', value: 'open' },
			{ name: 'note', value: 'einde' }
		]);
		expect(find('comment.hide', 'comment', id).detail).toEqual([{ name: null, value: 'naam van buurman' }]);
	});

	it('counts moderation per reason and per month for the public page, without content', async () => {
		const { author, reporterA, reporterB, moderator, comment } = await scene();
		const month = new Date().toISOString().slice(0, 7);
		const thisMonth = (stats: ModerationStats) => {
			const found = stats.byMonth.find((m) => m.month === month);
			return { hidden: 0, held: 0, suspended: 0, reports: 0, ...found };
		};
		const hiddenFor = (stats: ModerationStats, reason: string) =>
			stats.byReason.find((r) => r.reason === reason)!.hidden;
		const before = await moderationStats(t.db);

		// This month: two comments hidden for personal details and one as off topic, one held after two
		// reports, four reports in all, one account paused.
		const mine = await comment(author, 'Dit is mijn mening over inspraak.');
		const neighbour = await comment(author, 'Noem mijn buurman maar bij naam.');
		const offTopic = await comment(author, 'Iets heel anders.');
		await reportComment(t.db, reporterA, l, { commentId: mine.id, reason: 'hurtful' });
		await reportComment(t.db, reporterB, l, { commentId: mine.id, reason: 'hurtful' });
		await reportComment(t.db, reporterA, l, { commentId: neighbour.id, reason: 'personal' });
		await reportComment(t.db, reporterB, l, { commentId: offTopic.id, reason: 'off_topic' });
		await hideComment(t.db, moderator, { commentId: neighbour.id, reason: 'personal' });
		await hideComment(t.db, moderator, { commentId: mine.id, reason: 'personal' });
		await hideComment(t.db, moderator, { commentId: offTopic.id, reason: 'off_topic' });
		await suspendAccount(t.db, moderator, { userId: author.id, days: 3, reason: 'hurtful' });

		const stats = await moderationStats(t.db);
		const count = async (action: string) =>
			Number(
				(
					await t.db
						.selectFrom('audit_log')
						.select((eb) => eb.fn.countAll<number>().as('n'))
						.where('action', '=', action)
						.executeTakeFirstOrThrow()
				).n
			);
		expect(thisMonth(stats).hidden).toBe(await count('comment.hide'));
		expect(thisMonth(stats).held).toBe(await count('comment.hold'));
		expect(thisMonth(stats).suspended).toBe(await count('user.suspend'));
		const reports = Number(
			(
				await t.db
					.selectFrom('comment_reports')
					.select((eb) => eb.fn.countAll<number>().as('n'))
					.executeTakeFirstOrThrow()
			).n
		);
		expect(thisMonth(stats).reports).toBe(reports);
		// What this test did, and nothing else, was added.
		expect({
			hidden: thisMonth(stats).hidden - thisMonth(before).hidden,
			held: thisMonth(stats).held - thisMonth(before).held,
			suspended: thisMonth(stats).suspended - thisMonth(before).suspended,
			reports: thisMonth(stats).reports - thisMonth(before).reports
		}).toEqual({ hidden: 3, held: 1, suspended: 1, reports: 4 });
		expect(hiddenFor(stats, 'personal') - hiddenFor(before, 'personal')).toBe(2);
		expect(hiddenFor(stats, 'off_topic') - hiddenFor(before, 'off_topic')).toBe(1);
		expect(JSON.stringify(stats)).not.toMatch(/mening|buurman|Auteur/);
	});

	it('reads the moderation queue in a fixed number of queries, however long it is', async () => {
		const { slug, author, voter, moderator, comment } = await scene();
		for (let i = 0; i < 25; i++) {
			const { id } = await comment(voter, `Reactie nummer ${i} die gemeld wordt.`);
			await reportComment(t.db, author, l, { commentId: id, reason: 'other' });
		}
		const counter = new QueryCounter();
		const queue = await listQueue(t.db.withPlugin(counter), moderator);
		expect(queue.items).toHaveLength(20);
		expect(queue.pages).toBeGreaterThanOrEqual(2);
		expect(counter.count).toBe(3);
		const editorCounter = new QueryCounter();
		await getSummaryEditor(t.db.withPlugin(editorCounter), moderator, { slug, number: 36 }, {});
		// Nine, one for the associations' positions and one for the group meetings the summary may cite (issue 13).
		expect(editorCounter.count).toBeLessThanOrEqual(11);
	});
});
