import { encodeBlocks } from '../background/blocks';
import * as audit from '../audit/repository';
import { isAdmin, type MaybeActor } from '../auth/actor';
import * as consultations from '../consultations/service';
import type { DB } from '../db/create';
import { DomainError, notFound } from '../errors';
import { applyEdit, checkPublishable, type Edit } from './edit';

export type EditInput = Edit;
import { readReport } from './read';
import * as repository from './repository';
import type { Proposal } from './structure';

/*
 * Importing a report into a draft consultation (issue 15): read it into a proposed structure, kept as an
 * import draft (report_imports); staff fix it; publishing writes themes and recommendations in one
 * transaction. Only the staff who may create consultations (consultations/policy.ts), and only into a
 * draft that has no recommendations yet.
 */

/** The draft behind a slug, for the staff who prepare it; refused once it is open or already has a report. */
async function importable(db: DB, actor: MaybeActor, slug: string) {
	const row = await consultations.preparable(db, actor, slug);
	if (row.phase !== 'draft') throw new DomainError('reports:import.error.notDraft', 409);
	return row;
}

/**
 * The import page: the draft consultation, and its open import (the proposed structure), if any.
 * Raises loginRequired, forbidden, notFound.consultation.
 */
export async function getImport(db: DB, actor: MaybeActor, slug: string) {
	const row = await consultations.preparable(db, actor, slug);
	const [open, recommendations] = await Promise.all([
		repository.findOpen(db, row.id),
		repository.listRecommendations(db, row.id)
	]);
	return {
		consultation: { slug: row.slug, title: row.title, phase: row.phase, language: row.language },
		recommendationCount: recommendations.length,
		/** Once published: each recommendation, for writing its plain-language version. */
		recommendations,
		/** Only administrators open a consultation (on the consultations page). */
		mayOpen: isAdmin(actor),
		draft: open
			? {
					id: open.id,
					sourceName: open.source_name,
					kind: open.source_kind,
					imagesLeftOut: open.images_left_out,
					proposal: JSON.parse(open.proposal) as Proposal
				}
			: null
	};
}

/**
 * Reads a report (an uploaded file, or pasted text) into a new import draft of a draft consultation; an
 * earlier unpublished draft is replaced. Nothing reaches the consultation. Raises loginRequired,
 * forbidden, notFound.consultation, reports:import.error.* (what is wrong with the file).
 */
export async function startImport(
	db: DB,
	actor: MaybeActor,
	input: { slug: string; file?: { name: string; bytes: Uint8Array } | null; text?: string },
	now = new Date()
): Promise<{ id: number }> {
	const row = await importable(db, actor, input.slug);
	if ((await repository.countRecommendations(db, row.id)) > 0)
		throw new DomainError('reports:import.error.hasRecommendations', 409);
	const report = await readReport(input);
	const iso = now.toISOString();
	const id = await db.transaction().execute(async (trx) => {
		const earlier = await repository.findOpen(trx, row.id);
		if (earlier) await repository.markUsed(trx, earlier.id, iso);
		return repository.insert(trx, {
			consultation_id: row.id,
			owner_id: actor!.id,
			source_name: report.sourceName,
			source_kind: report.kind,
			proposal: JSON.stringify(report.proposal),
			images_left_out: report.imagesLeftOut,
			created_at: iso,
			updated_at: iso
		});
	});
	return { id };
}

/** The open import draft of a consultation, checked against the id the form was made for. */
async function openDraft(db: DB, consultationId: number, importId: number) {
	const open = await repository.findOpen(db, consultationId);
	if (!open || open.id !== importId) throw notFound('reportImport');
	return open;
}

/**
 * One fix to the proposed structure: rename a theme, change a part (its kind, theme, number, report
 * number, title), merge a part with the next one, split a part at a block. Raises loginRequired,
 * forbidden, notFound.consultation / .reportImport, ValidationError.
 */
export async function editImport(
	db: DB,
	actor: MaybeActor,
	input: { slug: string; importId: number; edit: Edit },
	now: Date = new Date()
): Promise<void> {
	const row = await importable(db, actor, input.slug);
	const open = await openDraft(db, row.id, input.importId);
	const proposal = applyEdit(JSON.parse(open.proposal) as Proposal, input.edit);
	await repository.saveProposal(db, open.id, JSON.stringify(proposal), now.toISOString());
}

/** "Thema 2: ", "Deel II – ": what a theme's short title leaves out. */
const themeWord = /^(?:thema|theme|thème|tema|deel|part|hoofdstuk|chapter)\s+\S+\s*[:.–-]?\s*/i;

/** Lower-case Roman numerals for theme positions (i, ii, iii …), as the demo's themes have. */
function numeral(n: number): string {
	const table: [number, string][] = [
		[100, 'c'],
		[90, 'xc'],
		[50, 'l'],
		[40, 'xl'],
		[10, 'x'],
		[9, 'ix'],
		[5, 'v'],
		[4, 'iv'],
		[1, 'i']
	];
	let out = '';
	for (const [value, letters] of table)
		while (n >= value) {
			out += letters;
			n -= value;
		}
	return out;
}

/**
 * Publishes the import draft into its draft consultation, in one transaction: the themes that have
 * recommendations, the recommendations (their text the imported text, as the official text), the
 * background as the consultation's introduction; the draft is marked used and an audit entry written.
 * Parts not in the consultation are left out. The consultation stays a draft until it is opened.
 * Raises loginRequired, forbidden, notFound.consultation / .reportImport, ValidationError (publish),
 * reports:import.error.hasRecommendations.
 */
export async function publishImport(
	db: DB,
	actor: MaybeActor,
	input: { slug: string; importId: number },
	now: Date = new Date()
): Promise<{ recommendations: number }> {
	const row = await importable(db, actor, input.slug);
	const open = await openDraft(db, row.id, input.importId);
	const proposal = JSON.parse(open.proposal) as Proposal;
	const recommendations = checkPublishable(proposal);
	const iso = now.toISOString();
	const themes = proposal.themes.filter((t) => recommendations.some((r) => r.themeKey === t.key));
	const background = proposal.parts
		.filter((p) => p.kind === 'background')
		.map((p) => encodeBlocks([...(p.title ? [{ type: 'paragraph' as const, text: p.title }] : []), ...p.blocks]))
		.filter(Boolean)
		.join('\n\n');
	await db.transaction().execute(async (trx) => {
		if ((await repository.countRecommendations(trx, row.id)) > 0)
			throw new DomainError('reports:import.error.hasRecommendations', 409);
		if (!(await repository.markUsed(trx, open.id, iso))) throw notFound('reportImport');
		const ids = await repository.insertThemes(
			trx,
			themes.map((t, i) => ({
				consultation_id: row.id,
				numeral: numeral(i + 1),
				position: i + 1,
				title: t.title,
				short_title: t.title.replace(themeWord, '') || t.title
			}))
		);
		const themeIds = new Map(themes.map((t, i) => [t.key, ids[i]]));
		await repository.insertRecommendations(
			trx,
			recommendations.map((r, i) => ({
				consultation_id: row.id,
				theme_id: themeIds.get(r.themeKey!)!,
				number: r.number!,
				report_number: r.reportNumber,
				short_title: r.title,
				official_text: encodeBlocks(r.blocks),
				language: row.language,
				tag: null,
				position: i + 1,
				created_at: iso,
				updated_at: iso
			}))
		);
		if (background) await repository.setIntroduction(trx, row.id, background, iso);
		await audit.record(trx, {
			actorId: actor!.id,
			action: 'consultation.imported',
			subjectType: 'consultation',
			subjectId: row.id,
			detail: JSON.stringify({ importId: open.id, themes: themes.length, recommendations: recommendations.length }),
			now: iso
		});
	});
	return { recommendations: recommendations.length };
}
