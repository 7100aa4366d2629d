import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/actor';
import { createStaff } from '../auth/test-actors';
import * as consultations from '../consultations/service';
import { createTestDb, type TestDb } from '../db/test-db';
import { DomainError, ValidationError } from '../errors';
import { getThread } from '../recommendations/service';
import * as imports from './service';
import { buildDocx, sampleMarkdown } from './test-reports';

describe(`importing a report into a draft (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite'})`, () => {
	let t: TestDb;
	let admin: Actor;
	const slug = 'wonen-en-werk';
	const counts = async () => ({
		themes: (await t.db.selectFrom('themes').select('id').execute()).length,
		recommendations: (await t.db.selectFrom('recommendations').select('id').execute()).length
	});

	beforeAll(async () => {
		t = await createTestDb();
		admin = (await createStaff(t.db)).admin;
		await consultations.createConsultation(t.db, admin, {
			title: 'Wonen en werk',
			purpose: 'Wat vindt u?',
			language: 'nl'
		});
	});
	afterAll(async () => t.destroy());

	it('keeps a refused file out: a clear error, and no import draft', async () => {
		const error = await imports
			.startImport(t.db, admin, { slug, file: { name: 'x.docx', bytes: new TextEncoder().encode('geen zip') } })
			.catch((e) => e);
		expect(error).toBeInstanceOf(DomainError);
		expect(error.code).toBe('reports:import.error.notZip');
		expect((await imports.getImport(t.db, admin, slug)).draft).toBeNull();
	});

	it('keeps a read report as a draft proposal: nothing reaches themes or recommendations', async () => {
		await imports.startImport(t.db, admin, { slug, file: { name: 'verslag.docx', bytes: await buildDocx() } });
		const { draft } = await imports.getImport(t.db, admin, slug);
		expect(draft).toMatchObject({ sourceName: 'verslag.docx', kind: 'docx', imagesLeftOut: 1 });
		expect(draft!.proposal.parts.filter((p) => p.kind === 'recommendation')).toHaveLength(3);
		expect(await counts()).toEqual({ themes: 0, recommendations: 0 });
	});

	it('replaces an unpublished draft when another report is read', async () => {
		const before = (await imports.getImport(t.db, admin, slug)).draft!.id;
		await imports.startImport(t.db, admin, { slug, text: sampleMarkdown });
		const { draft } = await imports.getImport(t.db, admin, slug);
		expect(draft!.id).not.toBe(before);
		expect(draft!.kind).toBe('markdown');
	});

	it('applies fixes: rename a theme, correct a number, move, split and merge, and refuses a taken number', async () => {
		const { id, proposal: proposed } = (await imports.getImport(t.db, admin, slug)).draft!;
		const edit = (e: imports.EditInput) => imports.editImport(t.db, admin, { slug, importId: id, edit: e });
		const keyOf = (title: string) => proposed.parts.find((p) => p.title === title)!.key;
		const [huur, woningen] = [keyOf('Betaalbare huur'), keyOf('Goede woningen')];
		await edit({ action: 'theme', theme: 't1', title: 'Betaalbaar wonen' });
		const taken = await edit({
			action: 'part',
			part: woningen,
			kind: 'recommendation',
			theme: 't1',
			number: '1',
			reportNumber: '1.2',
			title: 'Goede woningen'
		}).catch((e) => e);
		expect(taken).toBeInstanceOf(ValidationError);
		expect(taken.issues.number.code).toBe('reports:import.error.numberTaken');
		await edit({
			action: 'part',
			part: woningen,
			kind: 'recommendation',
			theme: 't2',
			number: '7',
			reportNumber: '1.2',
			title: 'Warme woningen'
		});
		await edit({ action: 'split', part: huur, at: '2' });
		await edit({ action: 'merge', part: huur });
		const { proposal } = (await imports.getImport(t.db, admin, slug)).draft!;
		expect(proposal.themes[0].title).toBe('Betaalbaar wonen');
		const moved = proposal.parts.find((p) => p.key === woningen)!;
		expect(moved).toMatchObject({ themeKey: 't2', number: 7, reportNumber: '1.2', title: 'Warme woningen' });
		// Split then merged again: the recommendation has its whole text, its notes last.
		const whole = proposal.parts.find((p) => p.key === huur)!;
		expect(whole.blocks.map((b) => b.type)).toEqual(['paragraph', 'paragraph', 'list', 'notes']);
		expect(await counts()).toEqual({ themes: 0, recommendations: 0 });
	});

	it('publishes in one go: themes, recommendations with the imported text, background, audit; the draft used', async () => {
		const id = (await imports.getImport(t.db, admin, slug)).draft!.id;
		expect(await imports.publishImport(t.db, admin, { slug, importId: id })).toEqual({ recommendations: 3 });
		expect(await counts()).toEqual({ themes: 2, recommendations: 3 });
		const rows = await t.db
			.selectFrom('recommendations')
			.select(['number', 'report_number', 'short_title', 'official_text'])
			.orderBy('position')
			.execute();
		expect(rows.map((r) => [r.number, r.report_number, r.short_title])).toEqual([
			[1, '1.1', 'Betaalbare huur'],
			[7, '1.2', 'Warme woningen'],
			[3, '2.1', 'Werk dichtbij']
		]);
		expect(rows[0].official_text).toContain('- 1. Eerst de wachtlijst korter maken');
		expect(rows[0].official_text).toContain('[1] Bron: woononderzoek 2025.');
		expect(rows[1].official_text).toContain('| Wijk | Woningen |');
		const c = await consultations.preparable(t.db, admin, slug);
		expect(c.phase).toBe('draft');
		expect(c.introduction).toContain('Dit verslag gaat over wonen en werk in onze stad.');
		expect(c.introduction).not.toContain('horen niet bij de raadpleging');
		expect((await imports.getImport(t.db, admin, slug)).draft).toBeNull();
		const audit = await t.db
			.selectFrom('audit_log')
			.select('detail')
			.where('action', '=', 'consultation.imported')
			.execute();
		expect(audit).toHaveLength(1);
		// A second publish, or a new import, is refused: the draft already has its recommendations.
		await expect(imports.publishImport(t.db, admin, { slug, importId: id })).rejects.toBeInstanceOf(DomainError);
		await expect(imports.startImport(t.db, admin, { slug, text: sampleMarkdown })).rejects.toMatchObject({
			code: 'reports:import.error.hasRecommendations'
		});
	});

	it('opens: the thread shows the table, the notes and the report number', async () => {
		await consultations.setPhase(t.db, admin, { slug, phase: 'open' });
		const thread = await getThread(t.db, slug, 7, 'nl');
		expect(thread.reportNumber).toBe('1.2');
		expect(thread.officialBlocks.map((b) => b.type)).toEqual(['paragraph', 'table']);
		const first = await getThread(t.db, slug, 1, 'nl');
		expect(first.officialBlocks.at(-1)).toEqual({ type: 'notes', items: [['Bron: woononderzoek 2025.']] });
	});
});
