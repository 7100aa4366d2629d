import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTranslator } from '../../i18n/translator';
import { saveAnswer } from '../answers/service';
import type { Actor } from '../auth/actor';
import { createSession, validateSessionToken } from '../auth/session';
import { generousLimits } from '../auth/test-actors';
import { postComment, reportComment } from '../comments/service';
import { QueryCounter } from '../db/query-counter';
import type { ExportFormat, ParticipantGroup, SiteRole } from '../db/types';
import { createTestDb, type TestDb } from '../db/test-db';
import { DomainError } from '../errors';
import { hideComment } from '../moderation/service';
import { getDashboard, loadResults, noFilters, readFilters, type ResultFilters } from '../results/service';
import { demo } from '../seed/demo-data';
import { seedConsultation } from '../seed/service';
import { saveSummary } from '../summaries/service';
import { castVote } from '../votes/service';
import { buildExport, createExportLink, openExportLink } from './service';
import { bytes } from './test-files';
import { loadSources } from '../translations/repository';
import { saveTranslation } from '../translations/test-translations';

/*
 * Every export is read back with a real reader (csv-parse, exceljs, a zip reader for the Word file,
 * JSON.parse) and its numbers are compared with the dashboard's and with counts straight from the tables.
 */

const dialect = process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite';
const slug = 'gekleurde-armoede';
const arabic = 'نريد أن يسألونا قبل أن يقرروا';

describe(`exports (${dialect})`, () => {
	let t: TestDb;
	let policy: Actor, participant: Actor, moderator: Actor;
	let policySession: string, otherSession: string;
	let hiddenId: number;
	const limits = generousLimits();

	const person = async (name: string, group: ParticipantGroup | null, role: SiteRole = 'participant') => {
		const now = new Date().toISOString();
		const { id } = await t.db
			.insertInto('users')
			.values({
				display_name: name,
				display_name_key: name.toLowerCase(),
				password_hash: null,
				email: `${name.toLowerCase().replace(/\s/g, '')}@example.be`,
				email_key: null,
				site_role: role,
				participant_group: group,
				created_at: now,
				updated_at: now,
				deleted_at: null
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		const session = await createSession(t.db, id);
		const actor = (await validateSessionToken(t.db, session.token)).actor!;
		return { actor, sessionId: (await validateSessionToken(t.db, session.token)).session!.id };
	};

	const count = async (q: Promise<{ n: number | string | bigint }>) => Number((await q).n);
	const rawVotes = () =>
		count(
			t.db
				.selectFrom('votes')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.executeTakeFirstOrThrow()
		);
	const rawComments = () =>
		count(
			t.db
				.selectFrom('comments')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.where('status', '=', 'visible')
				.where('held_for', 'is', null)
				.executeTakeFirstOrThrow()
		);

	const exportOf = async (format: ExportFormat, locale = 'nl', filters: ResultFilters = noFilters) => {
		const { token } = await createExportLink(t.db, policy, policySession, { slug, format, locale, filters });
		const link = await openExportLink(t.db, policy, policySession, token);
		const file = await buildExport(t.db, link, await loadTranslator(locale as 'nl'));
		return { ...file, data: await bytes(file.body) };
	};

	beforeAll(async () => {
		t = await createTestDb();
		await seedConsultation(t.db, demo);
		const p = await person('Beleid', null, 'policy');
		policy = p.actor;
		policySession = p.sessionId;
		otherSession = (await person('Beleid2', null, 'policy')).sessionId;
		participant = (await person('Deelnemer', 'resident')).actor;
		moderator = (await person('Moderator', null, 'moderator')).actor;
		// Six residents and six experience experts vote on 36 (residents agree, experts do not: divided)
		// and on 12 (both agree: broad agreement).
		for (let i = 0; i < 6; i++) {
			const resident = (await person(`Bewoner ${i}`, 'resident')).actor;
			const expert = (await person(`Ervaring ${i}`, 'experience_expert')).actor;
			await castVote(t.db, resident, limits, { slug, number: 36, choice: 'agree' });
			await castVote(t.db, expert, limits, { slug, number: 36, choice: i < 5 ? 'disagree' : 'agree' });
			await castVote(t.db, resident, limits, { slug, number: 12, choice: 'agree' });
			await castVote(t.db, expert, limits, { slug, number: 12, choice: i < 5 ? 'agree' : 'unsure' });
			if (i < 2) await postComment(t.db, expert, limits, { slug, number: 36, body: `${arabic} ${i}`, language: 'ar' });
		}
		// One person alone in their group: never shown on their own.
		const alone = (await person('Alleen', 'professional')).actor;
		await castVote(t.db, alone, limits, { slug, number: 36, choice: 'unsure' });
		const c1 = await postComment(t.db, participant, limits, {
			slug,
			number: 36,
			body: 'Vraag ons vooraf, "niet achteraf", aub',
			language: 'nl'
		});
		const hidden = await postComment(t.db, participant, limits, {
			slug,
			number: 36,
			body: 'Weg ermee',
			language: 'nl'
		});
		hiddenId = hidden.id;
		await reportComment(t.db, moderator, limits, { commentId: hidden.id, reason: 'hurtful' });
		await hideComment(t.db, moderator, { commentId: hidden.id, reason: 'hurtful' });
		const arabicId = (
			await t.db
				.selectFrom('comments')
				.select('id')
				.where('language', '=', 'ar')
				.orderBy('id')
				.executeTakeFirstOrThrow()
		).id;
		await saveSummary(t.db, moderator, {
			slug,
			number: 36,
			publish: true,
			mainPoints: `- Mensen willen vooraf gevraagd worden [#${c1.id}] [#${arabicId}]`,
			disagreements: '',
			voices: ''
		});
		await saveAnswer(t.db, policy, {
			slug,
			number: 36,
			status: 'partly_adopted',
			explanation: 'We vragen advies bij elk nieuw plan.',
			commitment: 'Een adviesraad',
			commitmentDue: '2027-06-30',
			publish: true
		});
	});
	afterAll(async () => t.destroy());

	it('counts on the dashboard what the tables hold: published comments only, every vote', async () => {
		const dashboard = await getDashboard(t.db, policy, slug);
		expect(dashboard.totals.votes.total).toBe(await rawVotes());
		expect(dashboard.totals.comments).toBe(await rawComments());
		expect(dashboard.totals.comments).toBe(3);
		// The report about the comment that was hidden still counts: reports measure what moderators faced.
		expect(dashboard.totals.reports).toBe(1);
		const r36 = dashboard.recommendations.find((r) => r.number === 36)!;
		expect(r36.tallies).toMatchObject({ agree: 7, disagree: 5, unsure: 1, total: 13 });
		expect(r36.agreement.kind).toBe('divided');
		expect(dashboard.recommendations.find((r) => r.number === 12)!.agreement.kind).toBe('broad');
		// The professional voted alone: no share for that group.
		expect(r36.agreement.shares.find((s) => s.group === 'professional')).toMatchObject({ voters: 1, agreeShare: null });
		expect(dashboard.totals.byGroup.find((g) => g.group === 'professional')!.votes).toBeNull();
		expect(dashboard.totals.participants).toBe(14);
	});

	it('applies the filters to every count, and the group filter to votes and comments alike', async () => {
		const experts = await loadResults(t.db, slug, readFilters({ group: 'experience_expert' }));
		expect(experts.totals.votes.total).toBe(12);
		expect(experts.totals.comments).toBe(2);
		const all = await loadResults(t.db, slug);
		const theme = await loadResults(t.db, slug, readFilters({ theme: 'V' }));
		expect(theme.recommendations.length).toBeGreaterThan(0);
		expect(theme.recommendations.length).toBe(all.recommendations.filter((r) => r.themeNumeral === 'v').length);
		expect(theme.recommendations.every((r) => r.themeNumeral === 'v')).toBe(true);
		const inTheme = all.recommendations.filter((r) => r.themeNumeral === 'v');
		expect(theme.totals.votes.total).toBe(inTheme.reduce((n, r) => n + r.tallies.total, 0));
		expect(theme.totals.votes.total).toBeGreaterThan(0);
		const future = await loadResults(t.db, slug, readFilters({ from: '2099-01-01', to: '2099-12-31' }));
		expect(future.totals.votes.total + future.totals.comments).toBe(0);
		expect(readFilters({ group: 'nobody', theme: '<b>', from: '2027-02-30' })).toEqual(noFilters);
	});

	it('reads a consultation’s results in a fixed number of queries', async () => {
		const counter = new QueryCounter();
		await loadResults(t.db.withPlugin(counter), slug);
		expect(counter.count).toBeLessThanOrEqual(14);
	});

	it('writes CSV files Excel reads as UTF-8, whose counts equal the dashboard’s, without hidden comments or emails', async () => {
		const dashboard = await getDashboard(t.db, policy, slug);
		const recs = await exportOf('recommendations.csv');
		expect(recs.filename).toMatch(/^gekleurde-armoede-\d{4}-\d{2}-\d{2}-recommendations\.csv$/);
		expect(recs.data.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
		const rows = parse(recs.data, { columns: true, bom: true }) as Record<string, string>[];
		expect(rows).toHaveLength(60);
		expect(Object.keys(rows[0])).toContain('agreement_across_groups');
		const sum = (key: string) => rows.reduce((n, r) => n + Number(r[key]), 0);
		expect(sum('votes')).toBe(dashboard.totals.votes.total);
		expect(sum('agree')).toBe(dashboard.totals.votes.agree);
		expect(sum('comments')).toBe(dashboard.totals.comments);
		expect(rows.find((r) => r.recommendation === '36')).toMatchObject({
			agree: '7',
			disagree: '5',
			not_sure: '1',
			votes: '13',
			agreement_across_groups: 'divided',
			answer_status: 'partly_adopted'
		});

		const comments = parse((await exportOf('comments.csv')).data, { columns: true, bom: true }) as Record<
			string,
			string
		>[];
		expect(comments).toHaveLength(dashboard.totals.comments);
		expect(comments.map((c) => c.text)).toContain(`${arabic} 0`);
		expect(comments.map((c) => c.text)).toContain('Vraag ons vooraf, "niet achteraf", aub');
		expect(comments.map((c) => Number(c.comment))).not.toContain(hiddenId);

		const votes = parse((await exportOf('votes.csv')).data, { columns: true, bom: true }) as Record<string, string>[];
		const all = votes.filter((v) => v.participant_group === 'all');
		expect(all.reduce((n, v) => n + Number(v.votes), 0)).toBe(dashboard.totals.votes.total);
		// The lone professional is never a row of their own.
		expect(votes.filter((v) => v.participant_group === 'professional')).toEqual([]);

		const summaries = parse((await exportOf('summaries.csv')).data, { columns: true, bom: true }) as Record<
			string,
			string
		>[];
		expect(summaries).toEqual([expect.objectContaining({ recommendation: '36', section: 'mainPoints' })]);
		const answers = parse((await exportOf('answers.csv')).data, { columns: true, bom: true }) as Record<
			string,
			string
		>[];
		expect(answers).toEqual([
			expect.objectContaining({ recommendation: '36', status: 'partly_adopted', commitment_due: '2027-06-30' })
		]);
		for (const format of ['recommendations.csv', 'comments.csv', 'votes.csv'] as const) {
			expect((await exportOf(format)).data.toString('utf8')).not.toMatch(/@example\.be/);
		}
	});

	it('leaves pseudonyms out of a comment export filtered by group, so it never says who is in which group', async () => {
		const filtered = await exportOf('comments.csv', 'nl', readFilters({ group: 'experience_expert' }));
		const rows = parse(filtered.data, { columns: true, bom: true }) as Record<string, string>[];
		expect(rows).toHaveLength(2);
		expect(rows.every((r) => r.author_pseudonym === '')).toBe(true);
	});

	it('writes one JSON document with the same counts and every published comment', async () => {
		const dashboard = await getDashboard(t.db, policy, slug);
		const file = await exportOf('json', 'ar');
		const doc = JSON.parse(file.data.toString('utf8'));
		expect(doc).toMatchObject({ format: 'samenspraak-export', version: 1, language: 'ar' });
		expect(doc.totals.votes.total).toBe(dashboard.totals.votes.total);
		expect(doc.totals.comments).toBe(dashboard.totals.comments);
		expect(doc.comments).toHaveLength(dashboard.totals.comments);
		expect(doc.recommendations).toHaveLength(60);
		const r36 = doc.recommendations.find((r: { number: number }) => r.number === 36);
		expect(r36.votes).toEqual({ agree: 7, disagree: 5, not_sure: 1, total: 13 });
		expect(r36.summary.cited_comments).toHaveLength(2);
		expect(r36.answers[0].status).toBe('partly_adopted');
		expect(doc.comments.map((c: { text: string }) => c.text)).toContain(`${arabic} 1`);
		expect(doc.method.length).toBeGreaterThan(3);
		expect(JSON.stringify(doc)).not.toMatch(/@example\.be/);
	});

	it('writes a spreadsheet with five sheets (the fourth: positions, the fifth: group meetings) whose numbers equal the dashboard’s, headed in the chosen language', async () => {
		const dashboard = await getDashboard(t.db, policy, slug);
		const file = await exportOf('xlsx', 'ar');
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(file.data as unknown as ArrayBuffer);
		expect(workbook.worksheets).toHaveLength(5);
		const tr = await loadTranslator('ar');
		const recs = workbook.getWorksheet(tr('results:xlsx.recommendations'))!;
		expect(recs.views[0].rightToLeft).toBe(true);
		expect(recs.getRow(1).getCell(4).value).toBe(tr('results:choice.agree'));
		let votes = 0;
		recs.eachRow((row, i) => {
			if (i > 1) votes += Number(row.getCell(7).value);
		});
		expect(recs.rowCount).toBe(61);
		expect(votes).toBe(dashboard.totals.votes.total);
		const comments = workbook.getWorksheet(tr('results:xlsx.commentsSheet'))!;
		expect(comments.rowCount - 1).toBe(dashboard.totals.comments);
		const texts: string[] = [];
		comments.eachRow((row, i) => {
			if (i > 1) texts.push(String(row.getCell(10).value));
		});
		expect(texts).toContain(`${arabic} 0`);
	});

	it('writes a Word report with the headings, the numbers, the quoted comments and the answer', async () => {
		const file = await exportOf('docx', 'nl');
		const zip = await JSZip.loadAsync(file.data);
		const xml = await zip.file('word/document.xml')!.async('string');
		const text = xml.replace(/<[^>]+>/g, '');
		const tr = await loadTranslator('nl');
		for (const heading of [
			tr('results:report.methodHeading'),
			tr('results:report.participationHeading'),
			tr('summary:heard.heading'),
			tr('results:report.answerHeading'),
			tr('results:annex.heading'),
			'Aanbeveling 36'
		])
			expect(text).toContain(heading);
		expect(text).toContain(`${arabic} 0`);
		expect(text).toContain(tr('summary:status.partly_adopted'));
		expect(text).toContain('7 (54%)');
		expect(text).toContain(tr('results:method.privacy'));
		expect(text).not.toContain('Weg ermee');
		// Arabic: paragraphs run right to left.
		const ar = await exportOf('docx', 'ar');
		const arXml = await (await JSZip.loadAsync(ar.data)).file('word/document.xml')!.async('string');
		expect(arXml).toContain('<w:bidi');
	});

	it('opens a download link only in the session that made it, only for its owner, and only for ten minutes', async () => {
		const { token } = await createExportLink(t.db, policy, policySession, {
			slug,
			format: 'votes.csv',
			locale: 'nl',
			filters: noFilters
		});
		const status = (p: Promise<unknown>) =>
			p.then(
				() => 200,
				(e) => (e instanceof DomainError ? e.status : e)
			);
		expect(await status(openExportLink(t.db, policy, policySession, token))).toBe(200);
		expect(await status(openExportLink(t.db, policy, otherSession, token))).toBe(403);
		expect(await status(openExportLink(t.db, participant, policySession, token))).toBe(403);
		expect(await status(openExportLink(t.db, null, null, token))).toBe(401);
		const later = new Date(Date.now() + 11 * 60_000);
		expect(await status(openExportLink(t.db, policy, policySession, token, later))).toBe(404);
		expect(
			await status(createExportLink(t.db, participant, 'x', { slug, format: 'json', locale: 'nl', filters: noFilters }))
		).toBe(403);
		expect(
			await status(
				createExportLink(t.db, policy, policySession, { slug, format: 'pdf', locale: 'nl', filters: noFilters })
			)
		).toBe(400);
	});

	// Last: it adds translations, which the Word report above quotes instead of the Arabic.
	it('carries each comment’s current translation into the consultation’s language and its origin, never an out-of-date one', async () => {
		const arabicComments = await t.db
			.selectFrom('comments')
			.select(['id', 'body'])
			.where('language', '=', 'ar')
			.orderBy('id')
			.execute();
		const sources = await loadSources(
			t.db,
			arabicComments.map((c) => ({ itemType: 'comment' as const, itemId: c.id, field: 'body' as const }))
		);
		// The current translation is of the first Arabic comment, the one the summary cites (the Word report
		// quotes it); loadSources keeps no order, so each is picked by id.
		const current = sources.find((s) => s.itemId === arabicComments[0].id)!;
		const outdated = sources.find((s) => s.itemId === arabicComments[1].id)!;
		const iso = new Date().toISOString();
		// Starts with "=": a spreadsheet must not read it as a formula.
		const dutch = '=Wij willen vooraf gevraagd worden.';
		await saveTranslation(t.db, {
			source: current,
			language: 'nl',
			text: dutch,
			origin: 'volunteer',
			translatedBy: participant.id,
			checkedBy: moderator.id,
			now: iso
		});
		// Made from a text the comment no longer has: not current.
		await saveTranslation(t.db, {
			source: { ...outdated, text: 'een oudere tekst' },
			language: 'nl',
			text: 'Oude vertaling',
			now: iso
		});

		const csv = (await exportOf('comments.csv')).data.toString('utf8');
		const rows = parse(csv, { columns: true, bom: true }) as Record<string, string>[];
		const row = (id: number) => rows.find((r) => Number(r.comment) === id)!;
		expect(Object.keys(rows[0]).slice(-6)).toEqual([
			'text',
			'text_translated',
			'translation_language',
			'translation_origin',
			'translation_checked',
			'demo'
		]);
		// loadSources keeps no order (PostgreSQL may return the second comment first): match by id.
		expect(row(current.itemId)).toMatchObject({
			text: arabicComments.find((c) => c.id === current.itemId)!.body,
			text_translated: `'${dutch}`,
			translation_language: 'nl',
			translation_origin: 'volunteer',
			translation_checked: 'yes'
		});
		expect(row(outdated.itemId)).toMatchObject({
			text_translated: '',
			translation_language: '',
			translation_origin: '',
			translation_checked: ''
		});
		expect(csv).not.toContain('Oude vertaling');
		// A comment written in Dutch has nothing to translate.
		expect(rows.find((r) => r.language === 'nl')).toMatchObject({ text_translated: '', translation_origin: '' });

		const doc = JSON.parse((await exportOf('json')).data.toString('utf8'));
		const byId = (id: number) => doc.comments.find((c: { id: number }) => c.id === id);
		expect(byId(current.itemId).translation).toEqual({
			text: dutch,
			language: 'nl',
			origin: 'volunteer',
			checked: true
		});
		expect(byId(outdated.itemId).translation).toBeNull();

		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load((await exportOf('xlsx', 'en')).data as unknown as ArrayBuffer);
		const en = await loadTranslator('en');
		const sheet = workbook.getWorksheet(en('results:xlsx.commentsSheet'))!;
		expect(sheet.getRow(1).getCell(11).value).toBe(en('results:xlsx.translated', { language: 'Dutch' }));
		let found = 0;
		sheet.eachRow((r) => {
			if (r.getCell(1).value === current.itemId) {
				found++;
				expect([r.getCell(11).value, r.getCell(12).value, r.getCell(13).value]).toEqual([dutch, 'volunteer', 'yes']);
			}
			if (r.getCell(1).value === outdated.itemId) expect(r.getCell(11).value ?? '').toBe('');
		});
		expect(found).toBe(1);

		// The Word report (in Dutch) quotes the cited Arabic comment in Dutch, saying where that came from.
		const zip = await JSZip.loadAsync((await exportOf('docx', 'nl')).data);
		const text = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
		const nl = await loadTranslator('nl');
		expect(text).toContain(`“${dutch}”`);
		expect(text).toContain(
			nl('results:report.translatedFrom', { language: 'Arabisch', by: nl('results:report.by.volunteerChecked') })
		);
		expect(text).not.toContain(`${arabic} 0`);
	});

	it('marks demo accounts in every export that names a person or counts them, and counts them in the report', async () => {
		// The participant who wrote the cited comment becomes a demo account for this test only.
		const mark = (demo: 0 | 1) =>
			t.db.updateTable('users').set({ is_demo: demo }).where('id', '=', participant.id).execute();
		await mark(1);
		try {
			const own = (rows: Record<string, string>[]) => rows.filter((r) => r.author_pseudonym === 'Deelnemer');
			const csv = parse((await exportOf('comments.csv')).data, { columns: true, bom: true }) as Record<
				string,
				string
			>[];
			expect(own(csv).length).toBeGreaterThan(0);
			expect(own(csv).every((r) => r.demo === 'yes')).toBe(true);
			expect(csv.filter((r) => r.author_pseudonym !== 'Deelnemer').every((r) => r.demo === 'no')).toBe(true);

			const doc = JSON.parse((await exportOf('json')).data.toString('utf8'));
			expect(doc.totals.demo_participants).toBe(1);
			const demoComments = doc.comments.filter((c: { demo: boolean }) => c.demo);
			expect(demoComments.map((c: { author_pseudonym: string }) => c.author_pseudonym)).toEqual(
				own(csv).map(() => 'Deelnemer')
			);

			const workbook = new ExcelJS.Workbook();
			await workbook.xlsx.load((await exportOf('xlsx', 'en')).data as unknown as ArrayBuffer);
			const en = await loadTranslator('en');
			const sheet = workbook.getWorksheet(en('results:xlsx.commentsSheet'))!;
			const last = sheet.getRow(1).cellCount;
			expect(sheet.getRow(1).getCell(last).value).toBe(en('results:xlsx.demo'));
			const marks: string[] = [];
			sheet.eachRow((r, i) => {
				if (i > 1 && r.getCell(4).value === 'Deelnemer') marks.push(String(r.getCell(last).value));
			});
			expect(marks).toEqual(own(csv).map(() => en('results:yes')));

			// The report says how many of the people counted are demo accounts, and marks the cited comment.
			const nl = await loadTranslator('nl');
			const zip = await JSZip.loadAsync((await exportOf('docx', 'nl')).data);
			const text = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
			expect(text).toContain(nl('results:findings.demoParticipants', { count: 1, n: '1' }));
			expect(text).toContain(`Deelnemer (${nl('account:demo')})`);
		} finally {
			await mark(0);
		}
		// Without demo accounts the report says nothing about them.
		const zip = await JSZip.loadAsync((await exportOf('docx', 'nl')).data);
		const text = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
		expect(text).not.toContain('demo-account');
	});
});
