import { requireAllowed } from '../auth/require';
import {
	consultationLimits,
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
import { isAdmin, type MaybeActor } from '../auth/actor';
import * as audit from '../audit/repository';
import { cleanLine, cleanText } from '../../text/clean';
import { freeSlug, slugify } from '../../text/slug';
import { locales } from '../../i18n/locales';
import { toParagraphs } from '../../text/paragraphs';
import type { DB } from '../db/create';
import type { ConsultationRow, SiteRole } from '../db/types';
import { IssueCollector, notFound } from '../errors';
import { canCreateConsultation, canManageConsultation, isPubliclyVisible } from './policy';
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
 * Where someone lands after logging in when no page asked for it: where they can take part or where their
 * work is. Moderators: the moderation queue. Administrators: administration. Policy officers: the open
 * consultation's dashboard. Participants: the open consultation, as after sign-up. With none or several
 * open (welcomeConsultation), participants and policy officers choose on the home page.
 */
export async function landingFor(db: DB, role: SiteRole): Promise<string> {
	if (role === 'moderator') return '/moderate';
	if (role === 'admin') return '/admin';
	const slug = await welcomeConsultation(db);
	if (!slug) return '/';
	return role === 'policy' ? `/c/${encodeURIComponent(slug)}/dashboard` : `/c/${encodeURIComponent(slug)}`;
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

/**
 * The visible consultation behind a slug, or common:error.notFound.consultation. With `drafts`, a draft
 * too: only for staff who prepare it, after the caller checked they may.
 */
export async function requireVisible(db: DB, slug: string, drafts = false): Promise<ConsultationRow> {
	const row = await repository.findBySlug(db, slug);
	if (!row || !(drafts || isPubliclyVisible(row.phase))) throw notFound('consultation');
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
	const organiser = checkOrganiser(issues, input);
	issues.throwIfAny();
	const { name: organiser_name, line: organiser_line, contact: organiser_contact } = organiser;
	const entry = { action: 'consultation.organiser' as const, detail: JSON.stringify(organiser) };
	await change(db, actor!, row.id, now, { organiser_name, organiser_line, organiser_contact }, entry);
}

/** The organiser's three lines, cleaned to one line each, with their issues (length, a line without a name). */
function checkOrganiser(
	issues: IssueCollector,
	input: { organiserName?: string; organiserLine?: string; organiserContact?: string }
) {
	const organiser = {
		name: cleanLine(input.organiserName ?? ''),
		line: cleanLine(input.organiserLine ?? ''),
		contact: cleanLine(input.organiserContact ?? '')
	};
	const fields = { name: 'organiserName', line: 'organiserLine', contact: 'organiserContact' } as const;
	for (const key of ['name', 'line', 'contact'] as const)
		issues.atMost(fields[key], organiser[key], organiserLimits[key], 'admin:consultations.error.organiserTooLong');
	if (!organiser.name && (organiser.line || organiser.contact))
		issues.add('organiserName', 'admin:consultations.error.organiserName');
	return organiser;
}

const POLICY_CREATE = 'policy_create_consultations';

/** Whether an administrator has let policy staff create consultations (off until one does). */
export async function policyMayCreate(db: DB): Promise<boolean> {
	return (await repository.readSetting(db, POLICY_CREATE)) === '1';
}

/**
 * Who may create a consultation, for the pages: whether this person may, whether policy staff may, and
 * whether this person may change that (administrators). Anyone may ask; the answer is about them.
 */
export async function createAccess(db: DB, actor: MaybeActor) {
	const policy = await policyMayCreate(db);
	return { canCreate: canCreateConsultation(actor, policy), policyMayCreate: policy, canSwitch: isAdmin(actor) };
}

/**
 * What someone who may create consultations is preparing, for the home page: the drafts (each opens on
 * its import page) and the way to a new one. Null for anyone else: policy staff cost one query (the
 * setting), participants and moderators none.
 */
export async function listPreparing(db: DB, actor: MaybeActor) {
	if (!isAdmin(actor) && actor?.siteRole !== 'policy') return null;
	// Administrators always may: the setting is read for policy staff only.
	if (!canCreateConsultation(actor, isAdmin(actor) || (await policyMayCreate(db)))) return null;
	return { drafts: await repository.listDrafts(db) };
}

/**
 * Lets policy staff create consultations and import reports, or stops that. Administrators only;
 * recorded in the audit log. Raises loginRequired, forbidden.
 */
export async function setPolicyMayCreate(
	db: DB,
	actor: MaybeActor,
	input: { allowed: boolean },
	now = new Date()
): Promise<void> {
	requireAllowed(actor, canManageConsultation(actor));
	const iso = now.toISOString();
	await db.transaction().execute(async (trx) => {
		await repository.writeSetting(trx, POLICY_CREATE, input.allowed ? '1' : '0', iso);
		await audit.record(trx, {
			actorId: actor.id,
			action: 'consultation.policyCreate',
			subjectType: 'site',
			subjectId: null,
			detail: JSON.stringify({ allowed: input.allowed }),
			now: iso
		});
	});
}

/** A date as the date field sends it (YYYY-MM-DD, a real day), or null. */
function isoDay(value: string): string | null {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
	const d = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value ? value : null;
}

/** The fields of the form that creates a consultation. */
export const createFields = [
	'title',
	'subtitle',
	'purpose',
	'organiserName',
	'organiserLine',
	'organiserContact',
	'sourceTitle',
	'sourcePublisher',
	'sourceDate',
	'sourcePlace',
	'opensAt',
	'closesAt',
	'language'
] as const;
export type CreateInput = Partial<Record<(typeof createFields)[number], string>>;

/**
 * Creates a consultation as a draft, invisible to participants until it is opened: title, subtitle and
 * purpose, organiser, source document, opening and closing dates (YYYY-MM-DD), and its language (one
 * of the interface languages). Its slug comes from the title and is unique. Administrators, and policy
 * staff when allowed; recorded in the audit log. Raises loginRequired, forbidden, ValidationError
 * (each field by its name).
 */
export async function createConsultation(
	db: DB,
	actor: MaybeActor,
	input: CreateInput,
	now: Date = new Date()
): Promise<{ slug: string }> {
	requireAllowed(actor, canCreateConsultation(actor, await policyMayCreate(db)));
	const issues = new IssueCollector();
	const line = (key: keyof CreateInput) => cleanLine(input[key] ?? '');
	const title = line('title');
	if (!title) issues.add('title', 'reports:create.error.title');
	issues.atMost('title', title, consultationLimits.title, 'reports:create.error.tooLong');
	const subtitle = line('subtitle');
	issues.atMost('subtitle', subtitle, consultationLimits.subtitle, 'reports:create.error.tooLong');
	const purpose = cleanText(input.purpose ?? '');
	if (!purpose) issues.add('purpose', 'reports:create.error.purpose');
	issues.atMost('purpose', purpose, consultationLimits.purpose, 'reports:create.error.tooLong');
	const organiser = checkOrganiser(issues, input);
	const source = {
		title: line('sourceTitle'),
		publisher: line('sourcePublisher'),
		date: line('sourceDate'),
		place: line('sourcePlace')
	};
	for (const key of ['title', 'publisher', 'date', 'place'] as const) {
		const field = `source${key[0].toUpperCase()}${key.slice(1)}`;
		issues.atMost(field, source[key], consultationLimits.source, 'reports:create.error.tooLong');
	}
	const day = (key: 'opensAt' | 'closesAt') => {
		const raw = (input[key] ?? '').trim();
		const value = raw ? isoDay(raw) : null;
		if (raw && !value) issues.add(key, 'reports:create.error.date');
		return value;
	};
	const opensAt = day('opensAt');
	const closesAt = day('closesAt');
	if (opensAt && closesAt && closesAt < opensAt) issues.add('closesAt', 'reports:create.error.closesBeforeOpens');
	const language = issues.oneOf('language', input.language, locales, 'reports:create.error.language');
	issues.throwIfAny();

	const slug = await freeSlug(slugify(title, 'raadpleging', 60), (candidates) => repository.slugsTaken(db, candidates));
	const iso = now.toISOString();
	await db.transaction().execute(async (trx) => {
		const id = await repository.insert(trx, {
			slug,
			title,
			subtitle,
			purpose,
			language: language!,
			phase: 'draft',
			source_title: source.title || null,
			source_publisher: source.publisher || null,
			source_date: source.date || null,
			source_place: source.place || null,
			opens_at: opensAt,
			closes_at: closesAt,
			organiser_name: organiser.name,
			organiser_line: organiser.line,
			organiser_contact: organiser.contact,
			created_at: iso,
			updated_at: iso
		});
		await audit.record(trx, {
			actorId: actor.id,
			action: 'consultation.created',
			subjectType: 'consultation',
			subjectId: id,
			detail: JSON.stringify({ slug }),
			now: iso
		});
	});
	return { slug };
}

/**
 * A consultation, drafts included, for the staff who prepare it: administrators, and policy staff when
 * allowed. Raises loginRequired, forbidden, notFound.consultation.
 */
export async function preparable(db: DB, actor: MaybeActor, slug: string): Promise<ConsultationRow> {
	requireAllowed(actor, canCreateConsultation(actor, await policyMayCreate(db)));
	const row = await repository.findBySlug(db, slug);
	if (!row) throw notFound('consultation');
	return row;
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
