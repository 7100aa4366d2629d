import type { Transaction } from 'kysely';
import {
	commentLanguages,
	type AuditAction,
	type AuditReason,
	type MeetingStatus,
	type ModerationReason
} from '../../domain';
import { cleanLine, cleanText } from '../../text/clean';
import type { HandTally, MeetingsOnThread, Shown } from '../../views';
import * as audit from '../audit/repository';
import type { Actor, MaybeActor } from '../auth/actor';
import type { AuthLimits } from '../auth/limits';
import { requireAllowed, requireLogin } from '../auth/require';
import { personalDetailKinds } from '../comments/personal-details';
import * as consultations from '../consultations/repository';
import type { DB } from '../db/create';
import type { Database } from '../db/types';
import { DomainError, IssueCollector, notFound, ValidationError } from '../errors';
import { readNote, readReason } from '../moderation/input';
import * as organisations from '../organisations/repository';
import * as translations from '../translations/service';
import { queueTranslationsOf } from '../translators/service';
import { canModerateMeeting, canNameFacilitators, canRecordMeeting } from './policy';
import * as repository from './repository';
import type { ItemRow, MeetingRow, PublishedRow, QuoteRow } from './repository';

/*
 * Group meetings (issue 13, facilitator mode). A coordinator, or a member they named facilitator, records
 * a meeting of their association step by step from a phone: every step is saved as a draft. Sending it
 * publishes it, or holds it for a moderator when the personal-details check finds something. The counts
 * are what the facilitator recorded: kept, shown and exported apart from votes, never added to them.
 */

export const PLACE_MAX = 120;
export const QUOTE_MAX = 500;
export const QUOTES_MAX = 10;
export const PARTICIPANTS_MAX = 10000;
/** The languages a meeting can be held in: those of comments ("und" is another language). */
export const meetingLanguages = commentLanguages;

type Executor = DB | Transaction<Database>;

/** A meeting as its recorder edits it. */
export interface MeetingDraft {
	id: number;
	status: MeetingRow['status'];
	organisation: { slug: string; name: string };
	consultation: { slug: string; title: string; language: string };
	heldOn: string | null;
	place: string;
	languages: string[];
	participants: number | null;
	isDemo: boolean;
	/** The kinds of possible personal details the check found when it was sent (email, phone …). */
	personalDetails: string[];
	items: {
		number: number;
		shortTitle: string;
		agree: number | null;
		disagree: number | null;
		notSure: number | null;
		quotes: { id: number; body: string; language: string; hiddenReason: ModerationReason | null }[];
	}[];
}

async function findOrganisation(db: Executor, slug: string) {
	const org = await organisations.findBySlug(db as DB, slug);
	if (!org) throw notFound('organisation');
	return org;
}

/** The association, checked: only its coordinators and named facilitators get past. */
async function requireRecorder(db: Executor, actor: MaybeActor, slug: string) {
	requireLogin(actor);
	const org = await findOrganisation(db, slug);
	const facilitator = await repository.isFacilitator(db, org.id, actor.id);
	requireAllowed(actor, canRecordMeeting(actor, org.id, facilitator));
	return org;
}

/** One of the association's records, for a recorder; a draft when `draft` is asked. */
async function requireMeeting(db: Executor, actor: MaybeActor, input: { slug: string; id: number }, draft: boolean) {
	const org = await requireRecorder(db, actor, input.slug);
	const meeting = await repository.findMeeting(db, input.id);
	if (!meeting || meeting.organisation_id !== org.id) throw notFound('meeting');
	if (draft && meeting.status !== 'draft') throw new DomainError('meetings:error.sent', 409);
	return meeting;
}

/** A comma-separated list (languages, kinds of personal details) as an array. */
const splitLanguages = (s: string) => (s ? s.split(',') : []);

function draftOf(meeting: MeetingRow, items: ItemRow[], quotes: QuoteRow[]): MeetingDraft {
	return {
		id: meeting.id,
		status: meeting.status,
		organisation: { slug: meeting.organisation_slug, name: meeting.organisation_name },
		consultation: {
			slug: meeting.consultation_slug,
			title: meeting.consultation_title,
			language: meeting.consultation_language
		},
		heldOn: meeting.held_on,
		place: meeting.place,
		languages: splitLanguages(meeting.languages),
		participants: meeting.participants,
		isDemo: meeting.is_demo === 1,
		personalDetails: splitLanguages(meeting.personal_details),
		items: items.map((i) => ({
			number: i.number,
			shortTitle: i.short_title,
			agree: i.agree,
			disagree: i.disagree,
			notSure: i.not_sure,
			quotes: quotes
				.filter((q) => q.item_id === i.id)
				.map((q) => ({ id: q.id, body: q.body, language: q.language, hiddenReason: q.hidden_reason }))
		}))
	};
}

async function loadDraft(db: Executor, meeting: MeetingRow): Promise<MeetingDraft> {
	const items = await repository.itemsOf(db, [meeting.id]);
	const quotes = await repository.quotesOf(
		db,
		items.map((i) => i.id)
	);
	return draftOf(meeting, items, quotes);
}

/**
 * Names a member of the association facilitator, or takes that back. Coordinators (and administrators).
 * Raises loginRequired, forbidden, notFound.organisation / .member.
 */
export async function setFacilitator(
	db: DB,
	actor: MaybeActor,
	input: { slug: string; userId: number; facilitator: boolean },
	now = new Date()
): Promise<void> {
	requireLogin(actor);
	const org = await findOrganisation(db, input.slug);
	requireAllowed(actor, canNameFacilitators(actor, org.id));
	await db.transaction().execute(async (trx) => {
		if (!(await repository.setFacilitator(trx, org.id, input.userId, input.facilitator))) throw notFound('member');
		await audit.record(trx, {
			actorId: actor.id,
			action: input.facilitator ? 'membership.facilitator' : 'membership.notFacilitator',
			subjectType: 'user',
			subjectId: input.userId,
			detail: `organisation ${org.id}`,
			now: now.toISOString()
		});
	});
}

/**
 * What the association's page offers about group meetings to this person: whether they may record
 * meetings, and for its coordinators who the facilitators are. Refuses nobody: a visitor gets nothing.
 */
export async function meetingRoles(db: DB, actor: MaybeActor, slug: string) {
	const org = await findOrganisation(db, slug);
	if (!actor) return { canRecord: false, canName: false, facilitators: [] as number[] };
	const canName = canNameFacilitators(actor, org.id);
	const facilitator = await repository.isFacilitator(db, org.id, actor.id);
	return {
		canRecord: canRecordMeeting(actor, org.id, facilitator),
		canName,
		facilitators: canName ? await repository.facilitatorsOf(db, org.id) : []
	};
}

/**
 * The association's meeting records for its recorders, and the consultations open for a new one.
 * Raises loginRequired, forbidden, notFound.organisation.
 */
export async function listMeetings(db: DB, actor: MaybeActor, slug: string) {
	const org = await requireRecorder(db, actor, slug);
	const [rows, open] = await Promise.all([
		repository.listOfOrganisation(db, org.id),
		consultations.listByPhases(db, ['open'])
	]);
	return {
		organisation: { slug: org.slug, name: org.name },
		consultations: open.map((c) => ({ slug: c.slug, title: c.title })),
		meetings: rows.map((r) => ({
			id: r.id,
			status: r.status,
			heldOn: r.held_on,
			place: r.place,
			participants: r.participants,
			recommendations: Number(r.item_count ?? 0),
			isDemo: r.is_demo === 1,
			createdAt: r.created_at
		}))
	};
}

/**
 * Starts a meeting record (a draft) for an open consultation; counted against the same per-minute limit
 * as comments. Raises loginRequired, forbidden, notFound.organisation / .consultation, auth:error.tooManyAttempts.
 */
export async function startMeeting(
	db: DB,
	actor: MaybeActor,
	limits: AuthLimits,
	input: { slug: string; consultation: string },
	now = new Date()
): Promise<{ id: number }> {
	const org = await requireRecorder(db, actor, input.slug);
	const consultation = await consultations.findBySlug(db, input.consultation);
	if (!consultation || consultation.phase !== 'open') throw notFound('consultation');
	await limits.consume('commentAccount', String(actor!.id));
	const id = await repository.insertMeeting(db, {
		organisationId: org.id,
		consultationId: consultation.id,
		recordedBy: actor!.id,
		now: now.toISOString()
	});
	return { id };
}

/** A record as its recorders see it (a draft to fill in, or sent). Raises loginRequired, forbidden, notFound.*. */
export async function getMeeting(db: DB, actor: MaybeActor, input: { slug: string; id: number }) {
	const meeting = await requireMeeting(db, actor, input, false);
	const draft = await loadDraft(db, meeting);
	const recommendations = await repository.recommendationsOf(db, meeting.consultation_id);
	return {
		meeting: draft,
		recommendations: recommendations.map((r) => ({ number: r.number, shortTitle: r.short_title, theme: r.numeral })),
		/** What the personal-details check finds now, per place and quote, before sending. */
		findings: findingsOf(draft)
	};
}

/** The kinds of personal details found in the place and each quote of a record. */
function findingsOf(m: MeetingDraft): { where: 'place' | number; kinds: string[] }[] {
	const found: { where: 'place' | number; kinds: string[] }[] = [];
	const place = personalDetailKinds(m.place);
	if (place.length) found.push({ where: 'place', kinds: place });
	for (const item of m.items)
		for (const q of item.quotes) {
			const kinds = personalDetailKinds(q.body);
			if (kinds.length) found.push({ where: item.number, kinds });
		}
	return found;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
function readDay(value: string): string | null {
	if (!DAY.test(value)) return null;
	const d = new Date(`${value}T00:00:00Z`);
	return Number.isNaN(d.getTime()) || !d.toISOString().startsWith(value) ? null : value;
}

/** A count typed in a form: empty is null; else a whole number from 0 (1 for people) up to the maximum. */
function readCount(issues: IssueCollector, field: string, raw: string, min: number, max: number): number | null {
	const value = (raw ?? '').trim();
	if (value === '') return null;
	const n = /^\d{1,6}$/.test(value) ? Number(value) : NaN;
	if (!Number.isSafeInteger(n) || n < min || n > max) {
		issues.add(field, 'meetings:error.count', { min, max });
		return null;
	}
	return n;
}

/**
 * Step 1: the date, place, languages and how many took part. What is valid is saved, even when another
 * field is not (a draft is never lost); then the problems are raised. Raises loginRequired, forbidden,
 * notFound.*, meetings:error.sent, ValidationError (heldOn, place, languages, participants).
 */
export async function saveMeetingDetails(
	db: DB,
	actor: MaybeActor,
	input: { slug: string; id: number; heldOn: string; place: string; languages: string[]; participants: string },
	now = new Date()
): Promise<void> {
	const meeting = await requireMeeting(db, actor, input, true);
	const issues = new IssueCollector();
	const changes: Parameters<typeof repository.updateMeeting>[2] = { updated_at: now.toISOString() };
	const heldOnRaw = (input.heldOn ?? '').trim();
	if (heldOnRaw) {
		const day = readDay(heldOnRaw);
		if (!day) issues.add('heldOn', 'meetings:error.date');
		else if (day > now.toISOString().slice(0, 10)) issues.add('heldOn', 'meetings:error.future');
		else changes.held_on = day;
	}
	const place = cleanLine(input.place ?? '');
	if (issues.atMost('place', place, PLACE_MAX, 'meetings:error.placeLong')) changes.place = place;
	const languages = [...new Set(input.languages ?? [])];
	if (languages.some((l) => !(meetingLanguages as readonly string[]).includes(l)))
		issues.add('languages', 'meetings:error.languages');
	else changes.languages = languages.join(',');
	const participants = readCount(issues, 'participants', input.participants, 1, PARTICIPANTS_MAX);
	if (!issues.has('participants')) changes.participants = participants;
	await repository.updateMeeting(db, meeting.id, changes);
	issues.throwIfAny();
}

/**
 * Step 2: which recommendations were discussed (by number). Keeps the counts and quotes of those still
 * chosen. Raises loginRequired, forbidden, notFound.*, meetings:error.sent, ValidationError (numbers).
 */
export async function chooseRecommendations(
	db: DB,
	actor: MaybeActor,
	input: { slug: string; id: number; numbers: string[] },
	now = new Date()
): Promise<{ first: number | null }> {
	const meeting = await requireMeeting(db, actor, input, true);
	const all = await repository.recommendationsOf(db, meeting.consultation_id);
	const byNumber = new Map(all.map((r) => [String(r.number), r]));
	const chosen = [...new Set(input.numbers ?? [])].map((n) => byNumber.get(n));
	if (chosen.length === 0) throw new ValidationError({ numbers: { code: 'meetings:error.noneChosen' } });
	if (chosen.some((r) => !r)) throw new ValidationError({ numbers: { code: 'meetings:error.noneChosen' } });
	const ids = chosen.map((r) => r!.id);
	await db.transaction().execute(async (trx) => {
		await repository.setItems(trx, meeting.id, ids);
		await repository.updateMeeting(trx, meeting.id, { updated_at: now.toISOString() });
	});
	const first = all.find((r) => ids.includes(r.id));
	return { first: first?.number ?? null };
}

/**
 * Step 3, one recommendation per screen: the raised hands and what was heard. Empty quote fields are
 * dropped. Valid counts and quotes are saved even when something else is wrong. Raises loginRequired,
 * forbidden, notFound.* (also .recommendation when it was not chosen), meetings:error.sent,
 * ValidationError (agree, disagree, notSure, quotes).
 */
export async function saveMeetingItem(
	db: DB,
	actor: MaybeActor,
	input: {
		slug: string;
		id: number;
		number: number;
		agree: string;
		disagree: string;
		notSure: string;
		quotes: string[];
		quoteLanguages: string[];
	},
	now = new Date()
): Promise<{ next: number | null }> {
	const meeting = await requireMeeting(db, actor, input, true);
	const items = await repository.itemsOf(db, [meeting.id]);
	const index = items.findIndex((i) => i.number === input.number);
	if (index < 0) throw notFound('recommendation');
	const item = items[index];
	const issues = new IssueCollector();
	const max = meeting.participants ?? PARTICIPANTS_MAX;
	const counts = {
		agree: readCount(issues, 'agree', input.agree, 0, max),
		disagree: readCount(issues, 'disagree', input.disagree, 0, max),
		not_sure: readCount(issues, 'notSure', input.notSure, 0, max)
	};
	const sum = (counts.agree ?? 0) + (counts.disagree ?? 0) + (counts.not_sure ?? 0);
	if (!issues.has() && meeting.participants !== null && sum > meeting.participants)
		issues.add('agree', 'meetings:error.moreHands', { count: meeting.participants });
	const fallback = splitLanguages(meeting.languages)[0] ?? meeting.consultation_language;
	const quotes: { body: string; language: string }[] = [];
	for (const [i, raw] of (input.quotes ?? []).entries()) {
		const body = cleanText(raw ?? '');
		if (!body) continue;
		if ([...body].length > QUOTE_MAX) {
			issues.add('quotes', 'meetings:error.quoteLong', { max: QUOTE_MAX });
			continue;
		}
		const lang = input.quoteLanguages?.[i];
		quotes.push({
			body,
			language: (meetingLanguages as readonly string[]).includes(lang ?? '') ? lang! : fallback
		});
	}
	if (quotes.length > QUOTES_MAX) issues.add('quotes', 'meetings:error.quotesMany', { max: QUOTES_MAX });
	const iso = now.toISOString();
	await db.transaction().execute(async (trx) => {
		if (!issues.has('agree') && !issues.has('disagree') && !issues.has('notSure'))
			await repository.updateItemCounts(trx, item.id, counts);
		await repository.replaceQuotes(trx, item.id, quotes.slice(0, QUOTES_MAX));
		await repository.updateMeeting(trx, meeting.id, { updated_at: iso });
	});
	issues.throwIfAny();
	return { next: items[index + 1]?.number ?? null };
}

/**
 * Sends a record: everything must be filled in. With possible personal details (in the place or a
 * quote) it waits for a moderator; otherwise it is published at once and its quotes are queued for
 * translation. Raises loginRequired, forbidden, notFound.*, meetings:error.sent, ValidationError
 * (heldOn, languages, participants, numbers, counts).
 */
export async function sendMeeting(
	db: DB,
	actor: MaybeActor,
	input: { slug: string; id: number },
	now = new Date()
): Promise<{ held: boolean; translating: number }> {
	const meeting = await requireMeeting(db, actor, input, true);
	const draft = await loadDraft(db, meeting);
	const issues = new IssueCollector();
	if (!draft.heldOn) issues.add('heldOn', 'meetings:error.dateMissing');
	if (draft.languages.length === 0) issues.add('languages', 'meetings:error.languagesMissing');
	if (draft.participants === null) issues.add('participants', 'meetings:error.participantsMissing');
	if (draft.items.length === 0) issues.add('numbers', 'meetings:error.noneChosen');
	const open = draft.items.find((i) => i.agree === null || i.disagree === null || i.notSure === null);
	if (open) issues.add('counts', 'meetings:error.countsMissing', { number: open.number });
	issues.throwIfAny();
	const kinds = [...new Set(findingsOf(draft).flatMap((f) => f.kinds))];
	const held = kinds.length > 0;
	const iso = now.toISOString();
	return db.transaction().execute(async (trx) => {
		await repository.updateMeeting(trx, meeting.id, {
			status: held ? 'review' : 'published',
			personal_details: kinds.join(','),
			submitted_at: iso,
			published_at: held ? null : iso,
			updated_at: iso
		});
		await audit.record(trx, {
			actorId: actor!.id,
			action: held ? 'meeting.hold' : 'meeting.publish',
			subjectType: 'meeting',
			subjectId: meeting.id,
			reason: held ? 'personal' : null,
			detail: held ? kinds.join(',') : '',
			now: iso
		});
		const translating = held ? 0 : await queueQuotes(trx, meeting.id, iso);
		return { held, translating };
	});
}

async function queueQuotes(trx: Executor, meetingId: number, iso: string): Promise<number> {
	let queued = 0;
	for (const id of await repository.visibleQuoteIds(trx, meetingId))
		queued += await queueTranslationsOf(trx, { itemType: 'meeting_quote', itemId: id }, iso);
	return queued;
}

/**
 * The sheet to hand out at the meeting: the chosen recommendations in plain language, in the meeting's
 * (first) language where a current translation exists. Raises loginRequired, forbidden, notFound.*.
 */
export async function getPrintSheet(db: DB, actor: MaybeActor, input: { slug: string; id: number }) {
	const meeting = await requireMeeting(db, actor, input, false);
	const items = await repository.itemsOf(db, [meeting.id]);
	const first = splitLanguages(meeting.languages).find((l) => l !== 'und');
	const language = first ?? meeting.consultation_language;
	const text = translations.sourcesOf(meeting.consultation_id, meeting.consultation_language);
	const sources = items.flatMap((i) => [
		text('recommendation', i.recommendation_id, 'short_title', i.short_title, i.language),
		text('recommendation', i.recommendation_id, 'plain_text', i.plain_text, i.language)
	]);
	const localise = await translations.localiser(db, sources, language);
	return {
		language,
		organisation: meeting.organisation_name,
		consultation: meeting.consultation_title,
		heldOn: meeting.held_on,
		isDemo: meeting.is_demo === 1,
		items: items.map((i, n) => ({
			number: i.number,
			title: localise(sources[2 * n]),
			plain: localise(sources[2 * n + 1])
		}))
	};
}

/** The sum of raised hands over rows. */
function sumHands(rows: PublishedRow[]): HandTally {
	return rows.reduce(
		(t, r) => ({
			agree: t.agree + Number(r.agree),
			disagree: t.disagree + Number(r.disagree),
			notSure: t.notSure + Number(r.not_sure)
		}),
		{ agree: 0, disagree: 0, notSure: 0 }
	);
}

/**
 * What group meetings said about one recommendation, for its thread: the counts of published records
 * (apart from votes) and the quotes no moderator hid, in the reader's language where translated. Three
 * queries, however many meetings. Anyone may read it.
 */
export async function meetingsOnThread(db: DB, recommendationId: number, language: string): Promise<MeetingsOnThread> {
	const rows = await repository.publishedRows(db, { recommendationIds: [recommendationId] });
	const quotes = (
		await repository.quotesOf(
			db,
			rows.map((r) => r.item_id)
		)
	).filter((q) => q.hidden_at === null);
	const sources = quotes.map((q) => ({
		itemType: 'meeting_quote' as const,
		itemId: q.id,
		field: 'body' as const,
		text: q.body,
		language: q.language
	}));
	const localise = quotes.length
		? await translations.localiser(db, sources, language)
		: (s: translations.Readable): Shown => translations.asWritten(s);
	const byItem = new Map(rows.map((r) => [r.item_id, r]));
	return {
		meetings: rows.length,
		people: rows.reduce((n, r) => n + (r.participants ?? 0), 0),
		...sumHands(rows),
		records: rows.map((r) => ({
			id: r.meeting_id,
			organisation: r.organisation_name,
			organisationSlug: r.organisation_slug,
			heldOn: r.held_on ?? '',
			participants: r.participants ?? 0,
			agree: Number(r.agree),
			disagree: Number(r.disagree),
			notSure: Number(r.not_sure),
			isDemo: r.is_demo === 1
		})),
		quotes: quotes.map((q, i) => {
			const row = byItem.get(q.item_id)!;
			return {
				id: q.id,
				meetingId: row.meeting_id,
				shown: localise(sources[i]),
				organisation: row.organisation_name,
				isDemo: row.is_demo === 1
			};
		})
	};
}

/** Meeting counts in a consultation's results (dashboard, exports): per recommendation and per row. */
export interface MeetingResults {
	/** One row per published meeting × recommendation, with its quotes no moderator hid. */
	rows: (PublishedRow & { quotes: { id: number; body: string; language: string }[] })[];
	/** Per recommendation number: meetings, people and raised hands (the sum of its rows). */
	byRecommendation: Map<number, HandTally & { meetings: number; people: number }>;
	/** Meetings and their people counted once each, however many recommendations they discussed. */
	totals: HandTally & { meetings: number; people: number; records: number };
}

/**
 * The meeting counts within a results scope (recommendations and days the meeting was held). Records
 * carry no self-declared group, so with a group filter there are none. Two queries.
 */
export async function meetingResults(
	db: DB,
	scope: { recommendationIds: number[]; from: string | null; to: string | null; group: string | null }
): Promise<MeetingResults> {
	const rows = scope.group
		? []
		: await repository.publishedRows(db, {
				recommendationIds: scope.recommendationIds,
				from: scope.from,
				to: scope.to
			});
	const quotes = await repository.quotesOf(
		db,
		rows.map((r) => r.item_id)
	);
	const byRecommendation: MeetingResults['byRecommendation'] = new Map();
	for (const r of rows) {
		const t = byRecommendation.get(r.number) ?? { meetings: 0, people: 0, agree: 0, disagree: 0, notSure: 0 };
		t.meetings += 1;
		t.people += r.participants ?? 0;
		t.agree += Number(r.agree);
		t.disagree += Number(r.disagree);
		t.notSure += Number(r.not_sure);
		byRecommendation.set(r.number, t);
	}
	return {
		rows: rows.map((r) => ({
			...r,
			quotes: quotes
				.filter((q) => q.item_id === r.item_id && q.hidden_at === null)
				.map((q) => ({ id: q.id, body: q.body, language: q.language }))
		})),
		byRecommendation,
		totals: {
			...sumHands(rows),
			meetings: new Set(rows.map((r) => r.meeting_id)).size,
			people: [...new Map(rows.map((r) => [r.meeting_id, r.participants ?? 0])).values()].reduce((a, b) => a + b, 0),
			records: rows.length
		}
	};
}

function requireModerator(actor: MaybeActor): asserts actor is Actor {
	requireAllowed(actor, canModerateMeeting(actor));
}

/** Records waiting for a moderator (personal details found), with what was found. Raises loginRequired, forbidden. */
export async function listHeldMeetings(db: DB, actor: MaybeActor) {
	requireModerator(actor);
	const rows = await repository.heldMeetings(db);
	const items = await repository.itemsOf(
		db,
		rows.map((r) => r.id)
	);
	const quotes = await repository.quotesOf(
		db,
		items.map((i) => i.id)
	);
	return rows.map((r) =>
		draftOf(
			{ ...r, consultation_slug: '', consultation_title: '', consultation_language: '' },
			items.filter((i) => i.meeting_id === r.id),
			quotes
		)
	);
}

/** How many records wait for a moderator (for the moderation queue). Raises loginRequired, forbidden. */
export async function countHeldMeetings(db: DB, actor: MaybeActor): Promise<number> {
	requireModerator(actor);
	return repository.countHeld(db);
}

/** A record as a moderator sees it, hidden quotes included. Raises loginRequired, forbidden, notFound.meeting. */
export async function getMeetingForModerator(db: DB, actor: MaybeActor, meetingId: number) {
	requireModerator(actor);
	const meeting = await repository.findMeeting(db, meetingId);
	if (!meeting || meeting.status === 'draft') throw notFound('meeting');
	return loadDraft(db, meeting);
}

/** What every moderator's decision about a whole record is given: the record, and an optional note for the log. */
export interface MeetingDecision {
	meetingId: number;
	note?: string;
}

/**
 * What a moderator's decision on a whole record shares: the right, the note (and what `check` reads),
 * the record in a status the decision applies to (otherwise notFound.meeting), then one transaction in
 * which `change` changes it and the audit log records the decision with the note.
 */
async function decideMeeting(
	db: DB,
	actor: MaybeActor,
	input: MeetingDecision,
	now: Date,
	decision: {
		from: MeetingStatus[];
		check?: (issues: IssueCollector) => void;
		change: (trx: Transaction<Database>, meetingId: number, iso: string) => Promise<void>;
		log: () => { action: AuditAction; reason?: AuditReason | null };
	}
): Promise<void> {
	requireModerator(actor);
	const issues = new IssueCollector();
	const note = readNote(issues, input.note);
	decision.check?.(issues);
	issues.throwIfAny();
	const meeting = await repository.findMeeting(db, input.meetingId);
	if (!meeting || !decision.from.includes(meeting.status)) throw notFound('meeting');
	const iso = now.toISOString();
	await db.transaction().execute(async (trx) => {
		await decision.change(trx, meeting.id, iso);
		await audit.record(trx, {
			actorId: actor.id,
			subjectType: 'meeting',
			subjectId: meeting.id,
			detail: note,
			now: iso,
			...decision.log()
		});
	});
}

/**
 * Publishes a held record after a moderator checked it (queues its quotes' translations). Raises
 * loginRequired, forbidden, notFound.meeting, ValidationError (note).
 */
export async function approveMeeting(
	db: DB,
	actor: MaybeActor,
	input: MeetingDecision,
	now = new Date()
): Promise<void> {
	await decideMeeting(db, actor, input, now, {
		from: ['review'],
		change: async (trx, meetingId, iso) => {
			await repository.updateMeeting(trx, meetingId, { status: 'published', published_at: iso, moderated_at: iso });
			await queueQuotes(trx, meetingId, iso);
		},
		log: () => ({ action: 'meeting.approve' })
	});
}

/**
 * Hides a whole record (held or published) with a plain reason. Raises loginRequired, forbidden,
 * notFound.meeting, ValidationError (reason, note).
 */
export async function hideMeeting(
	db: DB,
	actor: MaybeActor,
	input: MeetingDecision & { reason: string },
	now = new Date()
): Promise<void> {
	let reason: ModerationReason | null = null;
	await decideMeeting(db, actor, input, now, {
		from: ['review', 'published'],
		check: (issues) => (reason = readReason(issues, input.reason)),
		change: (trx, meetingId, iso) =>
			repository.updateMeeting(trx, meetingId, { status: 'hidden', hidden_reason: reason, moderated_at: iso }),
		log: () => ({ action: 'meeting.hide', reason })
	});
}

/**
 * Hides one quote of a record with a plain reason, like a comment; counted on the public moderation
 * page. Raises loginRequired, forbidden, notFound.quote, ValidationError (reason, note).
 */
export async function hideMeetingQuote(
	db: DB,
	actor: MaybeActor,
	input: { quoteId: number; reason: string; note?: string },
	now = new Date()
): Promise<{ meetingId: number }> {
	requireModerator(actor);
	const issues = new IssueCollector();
	const reason = readReason(issues, input.reason);
	const note = readNote(issues, input.note);
	issues.throwIfAny();
	const quote = await repository.findQuote(db, input.quoteId);
	if (!quote || quote.hidden_at !== null) throw notFound('quote');
	const iso = now.toISOString();
	await db.transaction().execute(async (trx) => {
		await repository.hideQuote(trx, quote.id, reason!, iso);
		await audit.record(trx, {
			actorId: actor.id,
			action: 'meeting_quote.hide',
			subjectType: 'meeting_quote',
			subjectId: quote.id,
			reason,
			detail: note,
			now: iso
		});
	});
	return { meetingId: quote.meeting_id };
}
