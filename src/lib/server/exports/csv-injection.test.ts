import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTranslator } from '../../i18n/translator';
import { saveAnswer } from '../answers/service';
import type { Actor } from '../auth/actor';
import { signUp } from '../auth/service';
import { validateSessionToken } from '../auth/session';
import { createActor, generousLimits } from '../auth/test-actors';
import { postComment } from '../comments/service';
import { createTestDb, type TestDb } from '../db/test-db';
import type { ExportFormat } from '../db/types';
import { noFilters } from '../results/service';
import { demo } from '../seed/demo-data';
import { seedConsultation } from '../seed/service';
import { saveSummary } from '../summaries/service';
import { castVote } from '../votes/service';
import { csvColumns, csvRows, csvText, type CsvName } from './open-data';
import { buildExport, createExportLink, openExportLink } from './service';
import { bytes } from './test-files';
import { createAssociation, publishPosition } from '../positions/test-positions';
import { createOrganisation, recordMeeting } from '../meetings/test-meetings';

/*
 * CSV (formula) injection: texts that people and staff write reach comments.csv, summaries.csv,
 * answers.csv and recommendations.csv. A spreadsheet would run a cell that starts with =, +, -, @, a
 * tab or a carriage return as a formula. Each payload goes in through the real services, the files are
 * read back with csv-parse, and every text cell must be neutralised while numbers and dates stay as
 * they are. The JSON document holds the same texts raw, so it tells what each cell should say.
 */

const dialect = process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite';
const slug = 'gekleurde-armoede';

/** Formulas, and ways to hide or smuggle one past a naive check. */
const payloads = [
	'=1+1',
	'=HYPERLINK("http://x","y")',
	'+1',
	'-1+2',
	'@SUM(A1)',
	'\t=1',
	'\r=1',
	' =1',
	"'=1",
	"=cmd|' /C calc'!A0",
	'-'
];
/** What a spreadsheet would evaluate: the cell as written must never start like this. */
const formula = /^[=+\-@\t\r]/;
/** The rule in docs/open-data.md that gives the original text back. */
const unprefix = (cell: string) => cell.replace(/^'(?=[ \t\n\r']*[=+\-@\t\r])/, '');

describe(`CSV injection in the open data (${dialect})`, () => {
	let t: TestDb;
	let policy: Actor, moderator: Actor, writer: Actor;
	let policySession: string;
	const limits = generousLimits();

	const exportOf = async (format: ExportFormat) => {
		const { token } = await createExportLink(t.db, policy, policySession, {
			slug,
			format,
			locale: 'nl',
			filters: noFilters
		});
		const link = await openExportLink(t.db, policy, policySession, token);
		return bytes((await buildExport(t.db, link, await loadTranslator('nl'))).body);
	};
	const csv = async (name: CsvName) =>
		parse(await exportOf(name), { columns: true, bom: true, relax_column_count: false }) as Record<string, string>[];

	beforeAll(async () => {
		t = await createTestDb();
		// The importer takes the recommendations' short titles as they are: the first ones are payloads.
		const report = {
			...demo.report,
			recommendations: demo.report.recommendations.map((r, i) =>
				i < payloads.length ? { ...r, shortTitle: payloads[i] } : r
			)
		};
		await seedConsultation(t.db, { ...demo, report });
		policy = await createActor(t.db, { name: 'Beleid', role: 'policy' });
		const session = await t.db
			.selectFrom('sessions')
			.select('id')
			.where('user_id', '=', policy.id)
			.executeTakeFirstOrThrow();
		policySession = session.id;
		moderator = await createActor(t.db, { name: 'Moderator', role: 'moderator' });
		// A pseudonym may start with a minus sign: sign-up allows it.
		const { token } = await signUp(
			{ db: t.db, limits, address: '192.0.2.1' },
			{ displayName: '-Jan', password: 'een lange zin', locale: 'nl' }
		);
		writer = (await validateSessionToken(t.db, token)).actor!;
		await castVote(t.db, writer, limits, { slug, number: 1, choice: 'agree' });
		for (const body of payloads) await postComment(t.db, writer, limits, { slug, number: 1, body, language: 'nl' });
		// Three sections per summary, and an explanation and a commitment per answer.
		for (let i = 0; i * 3 < payloads.length; i++) {
			const [mainPoints, disagreements = '', voices = ''] = payloads.slice(i * 3, i * 3 + 3);
			await saveSummary(t.db, moderator, { slug, number: i + 1, publish: true, mainPoints, disagreements, voices });
		}
		// Each payload as an association's position (its explanation).
		const association = await createAssociation(t.db);
		for (const [i, explanation] of payloads.entries())
			await publishPosition(t.db, association, { slug, number: i + 1 }, { explanation });
		for (let i = 0; i * 2 < payloads.length; i++) {
			const [explanation, commitment = ''] = payloads.slice(i * 2, i * 2 + 2);
			await saveAnswer(t.db, policy, {
				slug,
				number: i + 1,
				status: 'under_study',
				explanation,
				commitment,
				commitmentDue: commitment ? '2027-06-30' : '',
				publish: true
			});
		}
		// A group meeting whose place and quotes are payloads (issue 13).
		await recordMeeting(t.db, {
			organisationId: await createOrganisation(t.db, 'vereniging'),
			place: payloads[0],
			participants: 5,
			items: [{ number: 1, agree: 1, disagree: 1, notSure: 1, quotes: payloads }]
		});
	});
	afterAll(async () => t.destroy());

	it('prefixes every formula in every text column with an apostrophe, and the documented rule gives the text back', async () => {
		const doc = JSON.parse((await exportOf('json')).toString('utf8'));
		const recommendation = (n: string) => doc.recommendations.find((r: { number: number }) => r.number === Number(n));
		// Per file: the raw texts each text column should hold, from the JSON document.
		const expected: Record<CsvName, (row: Record<string, string>) => Record<string, string>> = {
			'recommendations.csv': (row) => ({ title: recommendation(row.recommendation).title }),
			'votes.csv': () => ({}),
			'comments.csv': (row) => {
				const c = doc.comments.find((c: { id: number }) => c.id === Number(row.comment));
				return { text: c.text, author_pseudonym: c.author_pseudonym };
			},
			'summaries.csv': (row) => {
				const s = recommendation(row.recommendation).summary;
				const key = { mainPoints: 'main_points', disagreements: 'disagreements', voices: 'voices' }[row.section]!;
				return { text: s[key] };
			},
			'answers.csv': (row) => {
				const a = recommendation(row.recommendation).answers.at(-Number(row.version));
				return { explanation: a.explanation, commitment: a.commitment };
			},
			'positions.csv': (row) => {
				const p = doc.positions.find((p: { id: number }) => p.id === Number(row.position));
				return { explanation: p.explanation };
			},
			// Checked for formulas only: the place and the quotes are payloads too.
			'meetings.csv': () => ({})
		};
		let neutralised = 0;
		for (const name of Object.keys(csvColumns) as CsvName[]) {
			const rows = await csv(name);
			expect(rows.length, name).toBeGreaterThan(0);
			for (const row of rows) {
				for (const [column, kind] of Object.entries(csvColumns[name])) {
					if (kind !== 'text') continue;
					const cell = row[column];
					expect(cell, `${name} ${column}`).not.toMatch(formula);
					const raw = expected[name](row)[column];
					if (raw === undefined) continue;
					expect(unprefix(cell), `${name} ${column}`).toBe(raw);
					// A payload as stored (comments and summaries are trimmed): written with one apostrophe in front.
					if (payloads.some((p) => p === raw || p.trim() === raw)) {
						expect(cell, `${name} ${column}`).toBe(`'${raw}`);
						neutralised++;
					}
				}
			}
		}
		// Each payload as a title, a comment, a section, an answer text and a position; and the pseudonym on each comment.
		expect(neutralised).toBe(5 * payloads.length);
		const comments = await csv('comments.csv');
		expect(comments.filter((c) => c.author_pseudonym === "'-Jan")).toHaveLength(payloads.length);
	});

	it('writes numbers, ids and dates as they are: never an apostrophe, a negative number stays negative', async () => {
		const number = /^(-?\d+(\.\d+)?)?$/;
		const date = /^(\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?Z)?)?$/;
		for (const name of Object.keys(csvColumns) as CsvName[]) {
			for (const row of await csv(name)) {
				for (const [column, kind] of Object.entries(csvColumns[name])) {
					if (kind === 'number') expect(row[column], `${name} ${column}`).toMatch(number);
					if (kind === 'date') expect(row[column], `${name} ${column}`).toMatch(date);
				}
			}
		}
		const comments = await csv('comments.csv');
		expect(comments.every((c) => c.recommendation === '1' && Number(c.comment) > 0)).toBe(true);
		// The writer itself, one row with a value in every column: text is neutralised by column, not by look.
		const kinds = Object.values(csvColumns['comments.csv']);
		const row = kinds.map((kind) => (kind === 'number' ? -1 : kind === 'date' ? '2026-11-26T21:30:00.000Z' : '-1'));
		const [written] = parse(csvRows('comments.csv', [row])) as string[][];
		expect(written).toEqual(
			kinds.map((kind) => (kind === 'number' ? '-1' : kind === 'date' ? '2026-11-26T21:30:00.000Z' : "'-1"))
		);
		expect(() => csvRows('comments.csv', [row.slice(1)])).toThrow(/columns/);
	});

	it('leaves ordinary text alone, looks past leading spaces and apostrophes, and can always be undone', () => {
		for (const text of ['Vraag ons vooraf', "'t Is goed", '12 euro', '', ' a', 'e-mail', "''", '\u00a0x'])
			expect(csvText(text)).toBe(text);
		for (const text of [...payloads, ' \t-1', "''=1", '\n@x', ' \r\n+1']) expect(csvText(text)).toBe(`'${text}`);
		for (const text of [...payloads, "'t", "'\t", "''", "'", ' \t-1', "''=1"])
			expect(unprefix(csvText(text))).toBe(text);
	});

	it('writes the same texts into the spreadsheet as text cells, never as formulas', async () => {
		const file = await exportOf('xlsx');
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(file as unknown as ArrayBuffer);
		const doc = JSON.parse((await exportOf('json')).toString('utf8'));
		// XML turns a carriage return into a line feed when it is read back.
		const xml = (text: string) => text.replace(/\r/g, '\n');
		const stored = new Set<string>(
			[
				...doc.comments.map((c: { text: string }) => c.text),
				...doc.recommendations.flatMap((r: { title: string; summary: Record<string, string> | null }) =>
					r.summary ? [r.summary.main_points, r.summary.disagreements, r.summary.voices] : []
				),
				...doc.recommendations.flatMap((r: { answers: { explanation: string; commitment: string }[] }) =>
					r.answers.flatMap((a) => [a.explanation, a.commitment])
				),
				...doc.recommendations.slice(0, payloads.length).map((r: { title: string }) => r.title),
				'-Jan'
			].map(xml)
		);
		const found = new Set<string>();
		for (const sheet of workbook.worksheets) {
			sheet.eachRow((row) =>
				row.eachCell((cell) => {
					expect(cell.type, `${sheet.name} ${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
					if (typeof cell.value === 'string' && stored.has(cell.value)) {
						expect(cell.type).toBe(ExcelJS.ValueType.String);
						found.add(cell.value);
					}
				})
			);
		}
		// Every payload (as stored) was found written exactly, without an apostrophe.
		for (const text of stored) if (text && formula.test(text.trimStart())) expect(found).toContain(text);
		// And no formula element anywhere in the workbook's XML.
		const zip = await JSZip.loadAsync(file);
		for (const path of Object.keys(zip.files).filter((p) => p.startsWith('xl/worksheets/'))) {
			expect(await zip.file(path)!.async('string')).not.toMatch(/<f[ >]/);
		}
	});
});
