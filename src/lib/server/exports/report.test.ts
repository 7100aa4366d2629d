import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTranslator } from '../../i18n/translator';
import type { Actor } from '../auth/actor';
import { createActor, createStaff, generousLimits } from '../auth/test-actors';
import { postComment } from '../comments/service';
import * as consultations from '../consultations/service';
import type { ParticipantGroup } from '../db/types';
import { createTestDb, type TestDb } from '../db/test-db';
import { ValidationError } from '../errors';
import { loadResults, noFilters } from '../results/service';
import { createConsultation, type TestConsultation } from '../seed/test-consultation';
import { hashSource } from '../translations/repository';
import { SMALL_GROUP } from '../votes/service';
import { BROAD_AGREEMENT, DIVIDING_GAP } from '../results/service';
import { findingTexts, TOP_FINDINGS } from './findings';
import { buildExport, reportFactsOf } from './service';
import { bytes } from './test-files';

/*
 * The report states only what is true (issue 14). Three consultations, empty, partial and complete,
 * are filled straight in the tables; each claim of the key findings is read back as Dutch text, its
 * numbers taken out with a pattern, and compared with counts made here from what was put in (not with
 * the code under test). The Word file is unzipped and read as text; the spreadsheet is read with exceljs.
 */

const dialect = process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite';
const DUE = '2027-09-01';

type Choice = 'agree' | 'disagree' | 'unsure';
interface Vote {
	number: number;
	user: Actor;
	group: ParticipantGroup;
	choice: Choice;
}

describe(`the report's claims (${dialect})`, () => {
	let t: TestDb;
	let admin: Actor;
	const residents: Actor[] = [];
	const experts: Actor[] = [];
	let professional: Actor;
	const made: Record<'empty' | 'partial' | 'complete', { c: TestConsultation; votes: Vote[]; answered: number[] }> =
		{} as never;
	const commented: number[] = [];
	const nl = () => loadTranslator('nl');

	const insertVotes = async (c: TestConsultation, votes: Vote[]) => {
		const now = new Date().toISOString();
		for (let i = 0; i < votes.length; i += 200)
			await t.db
				.insertInto('votes')
				.values(
					votes.slice(i, i + 200).map((v) => ({
						recommendation_id: c.rec(v.number),
						user_id: v.user.id,
						choice: v.choice,
						participant_group: v.group,
						created_at: now,
						updated_at: now
					}))
				)
				.execute();
	};
	const insertAnswers = async (c: TestConsultation, numbers: number[]) => {
		const now = new Date().toISOString();
		if (numbers.length)
			await t.db
				.insertInto('answers')
				.values(
					numbers.map((number) => ({
						recommendation_id: c.rec(number),
						status: 'under_study' as const,
						explanation: 'We bekijken dit.',
						commitment: 'Een studie',
						commitment_due: DUE,
						author_id: admin.id,
						created_at: now,
						updated_at: now,
						published_at: now
					}))
				)
				.execute();
	};

	beforeAll(async () => {
		t = await createTestDb();
		admin = (await createStaff(t.db)).admin;
		for (let i = 0; i < SMALL_GROUP; i++) {
			residents.push(await createActor(t.db, { name: `Bewoner ${i}`, group: 'resident' }));
			experts.push(await createActor(t.db, { name: `Ervaring ${i}`, group: 'experience_expert' }));
		}
		professional = await createActor(t.db, { name: 'Alleen', group: 'professional' });

		made.empty = { c: await createConsultation(t.db), votes: [], answered: [] };

		// Partial: 12 has broad agreement, 36 divides, 5 has too few voters to compare; one comment on 40;
		// one answer (on 12); a current English translation of 12's plain text and an outdated French one of 13's.
		const partial = await createConsultation(t.db);
		const votes: Vote[] = [];
		residents.forEach((user, i) => {
			votes.push({ number: 12, user, group: 'resident', choice: 'agree' });
			votes.push({ number: 36, user, group: 'resident', choice: 'agree' });
			if (i < 3) votes.push({ number: 5, user, group: 'resident', choice: 'agree' });
		});
		experts.forEach((user, i) => {
			votes.push({ number: 12, user, group: 'experience_expert', choice: i < 4 ? 'agree' : 'unsure' });
			votes.push({ number: 36, user, group: 'experience_expert', choice: i < 1 ? 'agree' : 'disagree' });
		});
		votes.push({ number: 36, user: professional, group: 'professional', choice: 'unsure' });
		await insertVotes(partial, votes);
		await postComment(t.db, residents[0], generousLimits(), {
			slug: partial.slug,
			number: 40,
			body: 'Dit is belangrijk voor ons.',
			language: 'nl'
		});
		commented.push(40);
		await insertAnswers(partial, [12]);
		const plain = await t.db
			.selectFrom('recommendations')
			.select(['id', 'plain_text'])
			.where('id', 'in', [partial.rec(12), partial.rec(13)])
			.execute();
		const now = new Date().toISOString();
		for (const r of plain) {
			const current = r.id === partial.rec(12);
			await t.db
				.insertInto('translations')
				.values({
					consultation_id: partial.id,
					item_type: 'recommendation',
					item_id: r.id,
					field: 'plain_text',
					language: current ? 'en' : 'fr',
					source_language: 'nl',
					source_hash: hashSource(current ? r.plain_text : `${r.plain_text} (oud)`),
					text: current ? 'In plain English' : 'En français',
					origin: 'team',
					translated_by: null,
					checked_by: null,
					checked_at: null,
					created_at: now,
					updated_at: now
				})
				.execute();
		}
		made.partial = { c: partial, votes, answered: [12] };

		// Complete: every recommendation has votes of both groups and an answer. Residents all agree; of the
		// experience experts, (number mod 6) agree, capped at five.
		const complete = await createConsultation(t.db);
		const all: Vote[] = [];
		for (let number = 1; number <= 60; number++) {
			residents.forEach((user) => all.push({ number, user, group: 'resident', choice: 'agree' }));
			const agreeing = Math.min(number % 6, SMALL_GROUP);
			experts.forEach((user, i) =>
				all.push({ number, user, group: 'experience_expert', choice: i < agreeing ? 'agree' : 'disagree' })
			);
		}
		await insertVotes(complete, all);
		const everyNumber = Array.from({ length: 60 }, (_, i) => i + 1);
		await insertAnswers(complete, everyNumber);
		made.complete = { c: complete, votes: all, answered: everyNumber };
	});

	afterAll(async () => {
		await t?.destroy();
	});

	/** Per recommendation, per group of SMALL_GROUP or more voters, the share of "agree": counted here. */
	const shares = (votes: Vote[]) => {
		const out = new Map<number, number[]>();
		const numbers = [...new Set(votes.map((v) => v.number))];
		for (const number of numbers) {
			const groups = [...new Set(votes.filter((v) => v.number === number).map((v) => v.group))];
			const known = groups
				.map((g) => votes.filter((v) => v.number === number && v.group === g))
				.filter((list) => list.length >= SMALL_GROUP)
				.map((list) => list.filter((v) => v.choice === 'agree').length / list.length);
			if (known.length >= 2) out.set(number, known);
		}
		return out;
	};
	const numbersIn = (sentence: string) => [...sentence.matchAll(/Aanbeveling (\d+)/g)].map((m) => Number(m[1]));
	const expand = (ranges: string) =>
		ranges.split(', ').flatMap((part) => {
			const [a, b] = part.split('–').map(Number);
			return b === undefined ? [a] : Array.from({ length: b - a + 1 }, (_, i) => a + i);
		});

	for (const state of ['empty', 'partial', 'complete'] as const) {
		it(`states only true claims about the ${state} consultation`, async () => {
			const { c, votes, answered } = made[state];
			const tr = await nl();
			const results = await loadResults(t.db, c.slug);
			const { facts } = await reportFactsOf(t.db, results);
			const f = findingTexts(facts, tr, { n: String, percent: (s) => `${Math.round(s * 100)}%` });
			const comments = state === 'partial' ? commented.length : 0;
			const people = new Set([...votes.map((v) => v.user.id), ...(state === 'partial' ? [residents[0].id] : [])]);

			// Participation: people, votes, comments.
			if (people.size === 0) expect(f.participation).toBe(tr('results:findings.nobody'));
			else {
				const m = f.participation.match(
					/^(\d+) mensen deden mee\. Samen gaven ze (\d+) stemmen? en schreven ze (\d+) reacties?\.$/
				);
				expect(m, f.participation).not.toBeNull();
				expect(m!.slice(1).map(Number)).toEqual([people.size, votes.length, comments]);
				// The group alone (one professional) shows no votes; the others do, with their real count.
				const row = (name: string) => f.groups.rows.find((r) => r[0] === tr(`results:group.${name}`));
				if (votes.some((v) => v.group === 'professional')) expect(row('professional')![2]).toBe(tr('results:tooFew'));
				expect(row('resident')![2]).toBe(String(votes.filter((v) => v.group === 'resident').length));
			}

			// Broadest agreement and deepest division, against the shares counted here.
			const known = shares(votes);
			const broad = [...known].filter(([, s]) => s.every((x) => x >= BROAD_AGREEMENT));
			const divided = [...known].filter(
				([, s]) => !s.every((x) => x >= BROAD_AGREEMENT) && Math.max(...s) - Math.min(...s) >= DIVIDING_GAP
			);
			const listed = f.broadest.flatMap(numbersIn);
			expect(listed).toHaveLength(Math.min(TOP_FINDINGS, broad.length));
			for (const number of listed) expect(broad.map(([n]) => n)).toContain(number);
			// None left out had a stronger weakest group.
			const weakest = (n: number) => Math.min(...known.get(n)!);
			for (const [n] of broad) if (!listed.includes(n)) expect(weakest(n)).toBeLessThanOrEqual(weakest(listed.at(-1)!));
			const split = f.deepest.flatMap(numbersIn);
			expect(split).toHaveLength(Math.min(TOP_FINDINGS, divided.length));
			const gap = (n: number) => Math.max(...known.get(n)!) - Math.min(...known.get(n)!);
			for (const number of split) expect(divided.map(([n]) => n)).toContain(number);
			for (const [n] of divided) if (!split.includes(n)) expect(gap(n)).toBeLessThanOrEqual(gap(split.at(-1)!));
			for (const line of f.deepest) {
				const points = Number(line.match(/: (\d+) procentpunten verschil/)![1]);
				expect(points).toBe(Math.round(gap(numbersIn(line)[0]) * 100));
			}
			if (known.size === 0) expect(f.broadestNone).toBe(f.deepestNone);
			if (broad.length === 0) expect(f.broadestNone).not.toBeNull();

			// Answers: how many of the 60, and which are still without one.
			const m = f.answers.match(/^(\d+) van de (\d+) aanbevelingen (heeft|hebben) een gepubliceerd antwoord\.$/);
			expect(m, f.answers).not.toBeNull();
			expect([Number(m![1]), Number(m![2])]).toEqual([answered.length, 60]);
			const open = Array.from({ length: 60 }, (_, i) => i + 1).filter((n) => !answered.includes(n));
			if (open.length === 0) expect(f.unanswered).toBeNull();
			else expect(expand(f.unanswered!.match(/aanbevelingen (.+)\.$/)![1])).toEqual(open);

			// Nobody responded to: no votes and no comments here (no positions or meetings were made).
			const responded = new Set([...votes.map((v) => v.number), ...(state === 'partial' ? commented : [])]);
			const silent = Array.from({ length: 60 }, (_, i) => i + 1).filter((n) => !responded.has(n));
			expect(facts.silent.map((s) => s.number)).toEqual(silent);
			expect(f.silent).toMatch(new RegExp(`^Op ${silent.length} van de 60 aanbevelingen reageerde nog niemand`));

			// Associations and group meetings: none were made for these consultations.
			expect(f.positions).toBe(tr('results:findings.positionsNone'));
			expect(f.meetings).toBe(tr('results:findings.meetingsNone'));
		});
	}

	it('says in which languages the texts really were: English for one recommendation, no outdated French', async () => {
		const results = await loadResults(t.db, made.partial.c.slug);
		const { languages } = await reportFactsOf(t.db, results);
		expect(languages).toEqual({ written: ['nl'], translated: [{ language: 'en', recommendations: 1 }] });
		const empty = await reportFactsOf(t.db, await loadResults(t.db, made.empty.c.slug));
		expect(empty.languages.translated).toEqual([]);
	});

	const docxText = async (slug: string, locale = 'nl') => {
		const file = await buildExport(
			t.db,
			{ slug, format: 'docx', locale, filters: noFilters },
			await loadTranslator(locale as 'nl')
		);
		const zip = await JSZip.loadAsync(await bytes(file.body));
		const xml = await zip.file('word/document.xml')!.async('string');
		// Paragraph by paragraph, with the XML's escapes undone.
		return xml
			.split('</w:p>')
			.map((p) =>
				p
					.replace(/<[^>]+>/g, '')
					.replace(/&lt;/g, '<')
					.replace(/&gt;/g, '>')
					.replace(/&quot;/g, '"')
					.replace(/&apos;/g, "'")
					.replace(/&amp;/g, '&')
			)
			.filter(Boolean);
	};

	it('writes the key findings first in the Word report, and no false claim', async () => {
		const tr = await nl();
		for (const state of ['empty', 'partial', 'complete'] as const) {
			const { c } = made[state];
			const paragraphs = await docxText(c.slug);
			const text = paragraphs.join('\n');
			const results = await loadResults(t.db, c.slug);
			const f = findingTexts((await reportFactsOf(t.db, results)).facts, tr, {
				n: String,
				percent: (s) => `${Math.round(s * 100)}%`
			});
			// The key findings come before the method and the recommendations, each sentence as computed.
			const at = (s: string) => paragraphs.indexOf(s);
			expect(at(tr('results:findings.heading'))).toBeGreaterThan(-1);
			expect(at(tr('results:findings.heading'))).toBeLessThan(at(tr('results:report.methodHeading')));
			for (const sentence of [
				f.participation,
				f.positions,
				f.meetings,
				f.answers,
				f.summaries,
				...f.broadest,
				...f.deepest
			])
				expect(paragraphs, sentence).toContain(sentence);
			// Who runs it: the demo's true organiser.
			expect(text).toContain('Samenspraak demo');
			// False claims of the old report, and text written for participants, are gone.
			for (const wrong of [
				'eigen taal',
				'elke aanbeveling een antwoord',
				'antwoordde op elke',
				'Wij vragen jou',
				'Beleidsmakers lezen',
				'Wat de overheid belooft'
			])
				expect(text).not.toContain(wrong);
			// Dates written out, never ISO.
			expect(text).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
			// Recommendations nobody responded to are rows of one table, not sections of their own.
			const silent = (await reportFactsOf(t.db, results)).facts.silent;
			for (const s of silent) expect(paragraphs).not.toContain(`Aanbeveling ${s.number}: ${s.shortTitle}`);
			expect(paragraphs.filter((p) => p === tr('results:report.noVotes')).length).toBe(
				results.recommendations.filter((r) => r.tallies.total === 0 && !silent.some((s) => s.number === r.number))
					.length
			);
		}
		// The partial consultation's commitment is due on 1 September 2027: written out in Dutch.
		expect((await docxText(made.partial.c.slug)).join('\n')).toContain('1 september 2027');
	});

	it('writes the spreadsheet with whole translated headers and real dates', async () => {
		const file = await buildExport(
			t.db,
			{ slug: made.partial.c.slug, format: 'xlsx', locale: 'nl', filters: noFilters },
			await nl()
		);
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load((await bytes(file.body)) as unknown as ArrayBuffer);
		const tr = await nl();
		const headers = (name: string) =>
			(workbook.getWorksheet(tr(name))!.getRow(1).values as unknown[]).filter((v) => typeof v === 'string') as string[];
		const recs = headers('results:xlsx.recommendations');
		expect(recs).toContain('Reacties in een andere taal');
		expect(recs).toContain('Reacties in het Nederlands');
		expect(recs.join('|')).not.toMatch(/het Een/);
		// The comment's date is a date cell with a date format, the same moment as stored.
		const sheet = workbook.getWorksheet(tr('results:xlsx.commentsSheet'))!;
		const column = headers('results:xlsx.commentsSheet').indexOf(tr('results:xlsx.date')) + 1;
		const cell = sheet.getRow(2).getCell(column);
		expect(cell.value).toBeInstanceOf(Date);
		expect(cell.numFmt).toMatch(/yyyy/);
		const stored = await t.db
			.selectFrom('comments')
			.select('created_at')
			.where('recommendation_id', '=', made.partial.c.rec(40))
			.executeTakeFirstOrThrow();
		expect((cell.value as Date).toISOString()).toBe(new Date(stored.created_at).toISOString());
		// The commitment's due day is a date too.
		const loop = workbook.getWorksheet(tr('results:xlsx.loopSheet'))!;
		const due = headers('results:xlsx.loopSheet').indexOf(tr('results:xlsx.due')) + 1;
		const row = loop.getRows(2, loop.rowCount - 1)!.find((r) => r.getCell(1).value === 12)!;
		expect(row.getCell(due).value).toEqual(new Date(`${DUE}T00:00:00Z`));
	});

	describe('the organiser', () => {
		it('is stored, one line each, and shown on the consultation page', async () => {
			const { c } = made.empty;
			await consultations.updateOrganiser(t.db, admin, {
				slug: c.slug,
				organiserName: '  Stad\nGent ',
				organiserLine: 'Dienst Welzijn',
				organiserContact: 'welzijn@example.be'
			});
			const page = await consultations.getOverview(t.db, c.slug, 'nl');
			expect(page.consultation.organiser).toEqual({
				name: 'Stad Gent',
				line: 'Dienst Welzijn',
				contact: 'welzijn@example.be'
			});
		});

		it('refuses a line without a name and texts over the limits, with a message for each field', async () => {
			const { c } = made.empty;
			const issues = async (input: Record<string, string>) => {
				try {
					await consultations.updateOrganiser(t.db, admin, { slug: c.slug, ...input });
				} catch (e) {
					if (e instanceof ValidationError) return Object.entries(e.issues).map(([field, i]) => [field, i.code]);
					throw e;
				}
				return [];
			};
			expect(await issues({ organiserLine: 'Zonder naam' })).toEqual([
				['organiserName', 'admin:consultations.error.organiserName']
			]);
			expect(await issues({ organiserName: 'x'.repeat(121), organiserContact: 'y'.repeat(201) })).toEqual([
				['organiserName', 'admin:consultations.error.organiserTooLong'],
				['organiserContact', 'admin:consultations.error.organiserTooLong']
			]);
			// All empty: no organiser named.
			expect(await issues({})).toEqual([]);
			expect((await consultations.getOverview(t.db, c.slug, 'nl')).consultation.organiser.name).toBe('');
		});
	});
});
