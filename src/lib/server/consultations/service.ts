import { requireAllowed } from '../auth/require';
import {
	holdPolicies,
	organiserLimits,
	phases,
	type AuditAction,
	type AuditReason,
	type Consultation,
	type ConsultationCard,
	type Phase,
	type ThemeWithRecommendations
} from '../../domain';
import type { MaybeActor } from '../auth/actor';
import * as audit from '../audit/repository';
import { cleanText } from '../../text/clean';
import { toParagraphs } from '../../text/paragraphs';
import type { DB } from '../db/create';
import type { ConsultationRow } from '../db/types';
import { IssueCollector, notFound } from '../errors';
import { canManageConsultation, isPubliclyVisible } from './policy';
import * as translations from '../translations/service';
import * as repository from './repository';

/** A consultation's organiser, as the pages and the reports show it. */
export function organiserOf(row: Pick<ConsultationRow, 'organiser_name' | 'organiser_line' | 'organiser_contact'>) {
	return { name: row.organiser_name, line: row.organiser_line, contact: row.organiser_contact };
}

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
		organiser: organiserOf(row),
		...counts
	};
}

/** The consultations on the home page, their titles in the reader's language: open ones to take part in, and finished ones to read. */
export async function listPublic(
	db: DB,
	locale: string
): Promise<{ open: ConsultationCard[]; finished: ConsultationCard[] }> {
	const rows = await repository.listByPhases(db, ['open', 'closed', 'summarised', 'answered']);
	const sources = rows.map((r) => {
		const text = translations.sourcesOf(r.id, r.language);
		return {
			title: text('consultation', r.id, 'title', r.title),
			subtitle: text('consultation', r.id, 'subtitle', r.subtitle)
		};
	});
	const localise = await translations.localiser(
		db,
		sources.flatMap((s) => [s.title, s.subtitle]),
		locale
	);
	const all = rows.map(({ id: _id, ...r }, i) => ({
		...r,
		titleShown: localise(sources[i].title),
		subtitleShown: localise(sources[i].subtitle)
	}));
	return { open: all.filter((c) => c.phase === 'open'), finished: all.filter((c) => c.phase !== 'open') };
}

/**
 * Where a person who just signed up starts: the slug of the one consultation open for input, or null
 * when none or several are open (then they choose on the home page). Invite codes belong to an
 * association, not to a consultation, so "the one that is open" is what a QR card leads to.
 */
export async function welcomeConsultation(db: DB): Promise<string | null> {
	const open = await repository.listByPhases(db, ['open']);
	return open.length === 1 ? open[0].slug : null;
}

/**
 * A consultation with its themes and recommendations, their texts in the reader's language where current
 * translations exist. Raises common:error.notFound.consultation.
 */
export async function getOverview(
	db: DB,
	slug: string,
	locale: string
): Promise<{ consultation: Consultation; themes: ThemeWithRecommendations[] }> {
	const row = await repository.findBySlug(db, slug);
	if (!row || !isPubliclyVisible(row.phase)) throw notFound('consultation');
	const themeRows = await repository.listThemesWithRecommendations(db, row.id);
	const text = translations.sourcesOf(row.id, row.language);
	const fields = {
		title: text('consultation', row.id, 'title', row.title),
		subtitle: text('consultation', row.id, 'subtitle', row.subtitle),
		purpose: text('consultation', row.id, 'purpose', row.purpose)
	};
	const themeSources = themeRows.map((t) => ({
		title: text('theme', t.id, 'title', t.title),
		shortTitle: text('theme', t.id, 'short_title', t.short_title),
		recommendations: t.recommendations.map((r) =>
			text('recommendation', r.id, 'short_title', r.short_title, r.language)
		)
	}));
	const localise = await translations.localiser(
		db,
		[...Object.values(fields), ...themeSources.flatMap((t) => [t.title, t.shortTitle, ...t.recommendations])],
		locale
	);
	const themes: ThemeWithRecommendations[] = themeRows.map((t, i) => ({
		numeral: t.numeral,
		position: t.position,
		title: t.title,
		shortTitle: t.short_title,
		titleShown: localise(themeSources[i].title),
		shortTitleShown: localise(themeSources[i].shortTitle),
		recommendations: t.recommendations.map((r, j) => ({
			number: r.number,
			shortTitle: r.short_title,
			tag: r.tag,
			answerStatus: r.answerStatus,
			titleShown: localise(themeSources[i].recommendations[j])
		}))
	}));
	const recommendationCount = themes.reduce((n, t) => n + t.recommendations.length, 0);
	return {
		consultation: {
			...toConsultation(row, { recommendationCount, themeCount: themes.length }),
			shown: { title: localise(fields.title), subtitle: localise(fields.subtitle), purpose: localise(fields.purpose) }
		},
		themes
	};
}

/** The visible consultation behind a slug, or common:error.notFound.consultation. */
export async function requireVisible(db: DB, slug: string): Promise<ConsultationRow> {
	const row = await repository.findBySlug(db, slug);
	if (!row || !isPubliclyVisible(row.phase)) throw notFound('consultation');
	return row;
}

export const HOLD_MAX = 20;
/** Accounts younger than this many days can be held (hold policy "new_accounts"); from 1 to this. */
export const NEW_ACCOUNT_DAYS_MAX = 365;

/**
 * What waits for a moderator in each public consultation, for the public moderation page: the hold
 * policy, its days for new accounts, and how many reports hold a comment. Anyone may read it.
 */
export async function listModerationSettings(db: DB) {
	const rows = await repository.listModerationSettings(db);
	return rows.filter((r) => isPubliclyVisible(r.phase));
}

/** Every consultation, drafts included, with its phase and moderation settings. Administrators only. */
export async function listForAdmin(db: DB, actor: MaybeActor) {
	requireAllowed(actor, canManageConsultation(actor));
	return repository.listForAdmin(db);
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
	const row = await managed(db, actor, input.slug);
	const issues = new IssueCollector();
	if (!phases.includes(input.phase as Phase)) issues.add('phase', 'admin:consultations.error.phase');
	const note = cleanText(input.note ?? '').slice(0, 500);
	issues.throwIfAny();
	if (row.phase === input.phase) return;
	await change(
		db,
		actor!,
		row.id,
		now,
		{ phase: input.phase as Phase },
		{
			action: 'consultation.phase',
			reason: input.phase as Phase,
			detail: JSON.stringify({ from: row.phase, note })
		}
	);
}

/**
 * Changes a consultation's moderation settings: what waits for a moderator before others see it (always
 * comments with personal details; also those of accounts younger than some days, or everything), and how
 * many reports hold a comment. Administrators only. Raises loginRequired, forbidden, notFound.consultation,
 * ValidationError (holdPolicy, newAccountDays, holdAfterReports).
 */
export async function updateModerationSettings(
	db: DB,
	actor: MaybeActor,
	input: {
		slug: string;
		holdPolicy: string;
		/** Only read for "new_accounts"; otherwise the stored number is kept. */
		newAccountDays?: string | number | null;
		holdAfterReports: string | number;
	},
	now = new Date()
): Promise<void> {
	const row = await managed(db, actor, input.slug);
	const issues = new IssueCollector();
	const policy = holdPolicies.find((m) => m === input.holdPolicy);
	if (!policy) issues.add('holdPolicy', 'admin:consultations.error.holdPolicy');
	let days = row.hold_new_account_days;
	if (policy === 'new_accounts') {
		days = Number(String(input.newAccountDays ?? '').trim() || NaN);
		if (!Number.isInteger(days) || days < 1 || days > NEW_ACCOUNT_DAYS_MAX)
			issues.add('newAccountDays', 'admin:consultations.error.newAccountDays', { max: NEW_ACCOUNT_DAYS_MAX });
	}
	const hold = Number(input.holdAfterReports);
	if (!Number.isInteger(hold) || hold < 1 || hold > HOLD_MAX)
		issues.add('holdAfterReports', 'admin:consultations.error.hold', { max: HOLD_MAX });
	issues.throwIfAny();
	await change(
		db,
		actor!,
		row.id,
		now,
		{ hold_policy: policy!, hold_new_account_days: days, hold_after_reports: hold },
		{
			action: 'consultation.settings',
			detail: JSON.stringify({ holdPolicy: policy, newAccountDays: days, holdAfterReports: hold })
		}
	);
}

/**
 * Sets who runs a consultation: a name, one line about them and how to reach them, each one line of plain
 * text within organiserLimits. All three empty means no organiser is named; a line or contact without a
 * name is refused. Administrators only. Raises loginRequired, forbidden, notFound.consultation,
 * ValidationError (organiserName, organiserLine, organiserContact).
 */
export async function updateOrganiser(
	db: DB,
	actor: MaybeActor,
	input: { slug: string; organiserName?: string; organiserLine?: string; organiserContact?: string },
	now = new Date()
): Promise<void> {
	const row = await managed(db, actor, input.slug);
	const issues = new IssueCollector();
	const oneLine = (text: string | undefined) =>
		cleanText(text ?? '')
			.replace(/\s+/g, ' ')
			.trim();
	const organiser = {
		name: oneLine(input.organiserName),
		line: oneLine(input.organiserLine),
		contact: oneLine(input.organiserContact)
	};
	const fields = { name: 'organiserName', line: 'organiserLine', contact: 'organiserContact' } as const;
	for (const key of ['name', 'line', 'contact'] as const)
		if ([...organiser[key]].length > organiserLimits[key])
			issues.add(fields[key], 'admin:consultations.error.organiserTooLong', { max: organiserLimits[key] });
	if (!organiser.name && (organiser.line || organiser.contact))
		issues.add('organiserName', 'admin:consultations.error.organiserName');
	issues.throwIfAny();
	const { name: organiser_name, line: organiser_line, contact: organiser_contact } = organiser;
	const entry = { action: 'consultation.organiser' as const, detail: JSON.stringify(organiser) };
	await change(db, actor!, row.id, now, { organiser_name, organiser_line, organiser_contact }, entry);
}

/** The consultation behind a slug, drafts included, for an administrator. */
async function managed(db: DB, actor: MaybeActor, slug: string) {
	requireAllowed(actor, canManageConsultation(actor));
	const row = await repository.findBySlug(db, slug);
	if (!row) throw notFound('consultation');
	return row;
}

/** Writes an administrator's change to a consultation and its audit log entry, in one transaction. */
async function change(
	db: DB,
	actor: { id: number },
	consultationId: number,
	now: Date,
	changes: Omit<Parameters<typeof repository.update>[2], 'updated_at'>,
	entry: { action: AuditAction; reason?: AuditReason; detail: string }
): Promise<void> {
	const iso = now.toISOString();
	await db.transaction().execute(async (trx) => {
		await repository.update(trx, consultationId, { ...changes, updated_at: iso });
		await audit.record(trx, {
			actorId: actor.id,
			subjectType: 'consultation',
			subjectId: consultationId,
			now: iso,
			...entry
		});
	});
}
