import {
	phases,
	type Consultation,
	type ConsultationSummary,
	type Phase,
	type ThemeWithRecommendations
} from '../../domain';
import type { MaybeActor } from '../auth/actor';
import * as audit from '../audit/repository';
import { cleanText } from '../../text/clean';
import { toParagraphs } from '../../text/paragraphs';
import type { DB } from '../db/create';
import type { ConsultationRow } from '../db/types';
import { forbidden, IssueCollector, loginRequired, notFound } from '../errors';
import { canManageConsultation, isPubliclyVisible } from './policy';
import * as repository from './repository';

export function toConsultation(
	row: ConsultationRow,
	counts: { recommendationCount: number; themeCount: number }
): Consultation {
	return {
		slug: row.slug,
		title: row.title,
		subtitle: row.subtitle,
		phase: row.phase,
		language: row.language,
		purpose: toParagraphs(row.purpose),
		introduction: toParagraphs(row.introduction),
		source: {
			title: row.source_title,
			publisher: row.source_publisher,
			date: row.source_date,
			place: row.source_place
		},
		...counts
	};
}

/** The consultations on the home page: open ones to take part in, and finished ones to read. */
export async function listPublic(db: DB): Promise<{ open: ConsultationSummary[]; finished: ConsultationSummary[] }> {
	const all = await repository.listByPhases(db, ['open', 'closed', 'summarised', 'answered']);
	return { open: all.filter((c) => c.phase === 'open'), finished: all.filter((c) => c.phase !== 'open') };
}

/** A consultation with its themes and recommendations. Raises common:error.notFound.consultation. */
export async function getOverview(
	db: DB,
	slug: string
): Promise<{ consultation: Consultation; themes: ThemeWithRecommendations[] }> {
	const row = await repository.findBySlug(db, slug);
	if (!row || !isPubliclyVisible(row.phase)) throw notFound('consultation');
	const themes = await repository.listThemesWithRecommendations(db, row.id);
	const recommendationCount = themes.reduce((n, t) => n + t.recommendations.length, 0);
	return { consultation: toConsultation(row, { recommendationCount, themeCount: themes.length }), themes };
}

/** The visible consultation behind a slug, or common:error.notFound.consultation. */
export async function requireVisible(db: DB, slug: string): Promise<ConsultationRow> {
	const row = await repository.findBySlug(db, slug);
	if (!row || !isPubliclyVisible(row.phase)) throw notFound('consultation');
	return row;
}

export const premoderationModes = ['off', 'first_comment', 'all'] as const;
export const HOLD_MAX = 20;

/** Every consultation, drafts included, with its phase and moderation settings. Administrators only. */
export async function listForAdmin(db: DB, actor: MaybeActor) {
	if (!canManageConsultation(actor)) throw actor ? forbidden() : loginRequired();
	return db
		.selectFrom('consultations')
		.select(['slug', 'title', 'phase', 'premoderation', 'hold_after_reports as holdAfterReports', 'updated_at'])
		.orderBy('created_at', 'desc')
		.orderBy('id', 'desc')
		.execute();
}

/**
 * Moves a consultation to another phase (draft, open, closed, summarised, answered), with a reason for
 * the audit log. Administrators only. Raises loginRequired, forbidden, notFound.consultation,
 * ValidationError (phase, note).
 */
export async function setPhase(
	db: DB,
	actor: MaybeActor,
	input: { slug: string; phase: string; note?: string },
	now = new Date()
): Promise<void> {
	if (!canManageConsultation(actor)) throw actor ? forbidden() : loginRequired();
	const row = await repository.findBySlug(db, input.slug);
	if (!row) throw notFound('consultation');
	const issues = new IssueCollector();
	if (!phases.includes(input.phase as Phase)) issues.add('phase', 'admin:consultations.error.phase');
	const note = cleanText(input.note ?? '').slice(0, 500);
	issues.throwIfAny();
	if (row.phase === input.phase) return;
	const iso = now.toISOString();
	await db.transaction().execute(async (trx) => {
		await trx
			.updateTable('consultations')
			.set({ phase: input.phase as Phase, updated_at: iso })
			.where('id', '=', row.id)
			.execute();
		await audit.record(trx, {
			actorId: actor!.id,
			action: 'consultation.phase',
			subjectType: 'consultation',
			subjectId: row.id,
			reason: input.phase,
			detail: JSON.stringify({ from: row.phase, note }),
			now: iso
		});
	});
}

/**
 * Changes a consultation's moderation settings: pre-moderation and how many reports hold a comment.
 * Administrators only. Raises loginRequired, forbidden, notFound.consultation, ValidationError.
 */
export async function updateModerationSettings(
	db: DB,
	actor: MaybeActor,
	input: { slug: string; premoderation: string; holdAfterReports: string | number },
	now = new Date()
): Promise<void> {
	if (!canManageConsultation(actor)) throw actor ? forbidden() : loginRequired();
	const row = await repository.findBySlug(db, input.slug);
	if (!row) throw notFound('consultation');
	const issues = new IssueCollector();
	const mode = premoderationModes.find((m) => m === input.premoderation);
	if (!mode) issues.add('premoderation', 'admin:consultations.error.premoderation');
	const hold = Number(input.holdAfterReports);
	if (!Number.isInteger(hold) || hold < 1 || hold > HOLD_MAX)
		issues.add('holdAfterReports', 'admin:consultations.error.hold', { max: HOLD_MAX });
	issues.throwIfAny();
	const iso = now.toISOString();
	await db.transaction().execute(async (trx) => {
		await trx
			.updateTable('consultations')
			.set({ premoderation: mode!, hold_after_reports: hold, updated_at: iso })
			.where('id', '=', row.id)
			.execute();
		await audit.record(trx, {
			actorId: actor!.id,
			action: 'consultation.settings',
			subjectType: 'consultation',
			subjectId: row.id,
			detail: JSON.stringify({ premoderation: mode, holdAfterReports: hold }),
			now: iso
		});
	});
}
