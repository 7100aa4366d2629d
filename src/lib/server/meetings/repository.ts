import type { Transaction, Updateable } from 'kysely';
import type { DB } from '../db/create';
import type { Database, MeetingStatus, MeetingsTable, ModerationReason } from '../db/types';
import { countOf, countRows } from '../db/count';
import * as recommendations from '../recommendations/repository';

/*
 * Group meetings' records (issue 13): the meeting, the recommendations discussed with their raised hands,
 * and what was heard. Counts are read only from here, never added to the votes.
 */

type Executor = DB | Transaction<Database>;

const meetingColumns = [
	'm.id',
	'm.organisation_id',
	'm.consultation_id',
	'm.recorded_by',
	'm.held_on',
	'm.place',
	'm.languages',
	'm.participants',
	'm.status',
	'm.personal_details',
	'm.hidden_reason',
	'm.is_demo',
	'm.created_at',
	'm.submitted_at',
	'm.published_at'
] as const;

/** Whether this person is a named facilitator of this association. */
export async function isFacilitator(db: Executor, organisationId: number, userId: number): Promise<boolean> {
	const row = await db
		.selectFrom('memberships')
		.select('facilitator')
		.where('organisation_id', '=', organisationId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	return row?.facilitator === 1;
}

/** Names a member facilitator, or not; returns whether a membership was changed. */
export async function setFacilitator(db: Executor, organisationId: number, userId: number, on: boolean) {
	const result = await db
		.updateTable('memberships')
		.set({ facilitator: on ? 1 : 0 })
		.where('organisation_id', '=', organisationId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) > 0;
}

/** The ids of an association's named facilitators. */
export async function facilitatorsOf(db: Executor, organisationId: number): Promise<number[]> {
	const rows = await db
		.selectFrom('memberships')
		.select('user_id')
		.where('organisation_id', '=', organisationId)
		.where('facilitator', '=', 1)
		.execute();
	return rows.map((r) => r.user_id);
}

export async function insertMeeting(
	db: Executor,
	m: { organisationId: number; consultationId: number; recordedBy: number; isDemo?: boolean; now: string }
): Promise<number> {
	const { id } = await db
		.insertInto('meetings')
		.values({
			organisation_id: m.organisationId,
			consultation_id: m.consultationId,
			recorded_by: m.recordedBy,
			held_on: null,
			participants: null,
			hidden_reason: null,
			is_demo: m.isDemo ? 1 : 0,
			created_at: m.now,
			updated_at: m.now,
			submitted_at: null,
			published_at: null,
			moderated_at: null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return id;
}

/**
 * A whole meeting record written at once, counts and quotes included: the demo association's meeting
 * (seed) and the records tests start from. The times follow the status: submitted unless a draft,
 * published only when published. Returns the meeting's id and its quotes' ids, item by item, in order.
 */
export async function insertRecord(
	db: Executor,
	r: {
		organisationId: number;
		consultationId: number;
		recordedBy: number | null;
		heldOn: string;
		place: string;
		languages: string;
		participants: number;
		status: MeetingStatus;
		isDemo: boolean;
		now: string;
		items: {
			recommendationId: number;
			agree: number;
			disagree: number;
			notSure: number;
			quotes: { body: string; language: string }[];
		}[];
	}
): Promise<{ id: number; quoteIds: number[] }> {
	const { id } = await db
		.insertInto('meetings')
		.values({
			organisation_id: r.organisationId,
			consultation_id: r.consultationId,
			recorded_by: r.recordedBy,
			held_on: r.heldOn,
			place: r.place,
			languages: r.languages,
			participants: r.participants,
			status: r.status,
			hidden_reason: null,
			is_demo: r.isDemo ? 1 : 0,
			created_at: r.now,
			updated_at: r.now,
			submitted_at: r.status === 'draft' ? null : r.now,
			published_at: r.status === 'published' ? r.now : null,
			moderated_at: null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	if (r.items.length === 0) return { id, quoteIds: [] };
	const itemRows = await db
		.insertInto('meeting_items')
		.values(
			r.items.map((item, position) => ({
				meeting_id: id,
				recommendation_id: item.recommendationId,
				position,
				agree: item.agree,
				disagree: item.disagree,
				not_sure: item.notSure
			}))
		)
		.returning(['id', 'position'])
		.execute();
	for (const item of itemRows) await replaceQuotes(db, item.id, r.items[item.position].quotes);
	const quotes = await db
		.selectFrom('meeting_quotes as q')
		.innerJoin('meeting_items as i', 'i.id', 'q.item_id')
		.select('q.id')
		.where('i.meeting_id', '=', id)
		.orderBy('i.position')
		.orderBy('q.position')
		.execute();
	return { id, quoteIds: quotes.map((q) => q.id) };
}

export async function findMeeting(db: Executor, id: number) {
	if (!Number.isSafeInteger(id)) return undefined;
	return db
		.selectFrom('meetings as m')
		.innerJoin('organisations as o', 'o.id', 'm.organisation_id')
		.innerJoin('consultations as c', 'c.id', 'm.consultation_id')
		.select([...meetingColumns, 'o.slug as organisation_slug', 'o.name as organisation_name'])
		.select(['c.slug as consultation_slug', 'c.title as consultation_title', 'c.language as consultation_language'])
		.where('m.id', '=', id)
		.executeTakeFirst();
}
export type MeetingRow = NonNullable<Awaited<ReturnType<typeof findMeeting>>>;

export async function updateMeeting(db: Executor, id: number, changes: Updateable<MeetingsTable>) {
	await db.updateTable('meetings').set(changes).where('id', '=', id).execute();
}

/** An association's records, newest first (drafts included: only its recorders see this list). */
export async function listOfOrganisation(db: Executor, organisationId: number) {
	return db
		.selectFrom('meetings as m')
		.select([...meetingColumns])
		.select((eb) => countOf(eb.selectFrom('meeting_items as i').whereRef('i.meeting_id', '=', 'm.id'), 'item_count'))
		.where('m.organisation_id', '=', organisationId)
		.orderBy('m.created_at', 'desc')
		.orderBy('m.id', 'desc')
		.limit(100)
		.execute();
}

/** The recommendations discussed in these meetings, in the order chosen, with their numbers and titles. */
export async function itemsOf(db: Executor, meetingIds: number[]) {
	if (meetingIds.length === 0) return [];
	return db
		.selectFrom('meeting_items as i')
		.innerJoin('recommendations as r', 'r.id', 'i.recommendation_id')
		.select([
			'i.id',
			'i.meeting_id',
			'i.recommendation_id',
			'i.position',
			'i.agree',
			'i.disagree',
			'i.not_sure',
			'r.number',
			'r.short_title',
			'r.plain_text',
			'r.language'
		])
		.where('i.meeting_id', 'in', meetingIds)
		.orderBy('i.meeting_id')
		.orderBy('r.position')
		.execute();
}
export type ItemRow = Awaited<ReturnType<typeof itemsOf>>[number];

/** The quotes of these items, in order (hidden ones too: callers decide who sees them). */
export async function quotesOf(db: Executor, itemIds: number[]) {
	if (itemIds.length === 0) return [];
	return db
		.selectFrom('meeting_quotes')
		.select(['id', 'item_id', 'position', 'body', 'language', 'hidden_reason', 'hidden_at'])
		.where('item_id', 'in', itemIds)
		.orderBy('item_id')
		.orderBy('position')
		.execute();
}
export type QuoteRow = Awaited<ReturnType<typeof quotesOf>>[number];

/** The consultation's recommendations (number, title, theme) for choosing which were discussed. */
export async function recommendationsOf(db: Executor, consultationId: number) {
	return recommendations
		.withTheme(db)
		.select(['r.id', 'r.number', 'r.short_title', 'r.language', 't.numeral'])
		.where('r.consultation_id', '=', consultationId)
		.orderBy('r.position')
		.execute();
}

/** Keeps exactly these recommendations in the meeting: adds the new ones, removes the others (with their quotes). */
export async function setItems(trx: Executor, meetingId: number, recommendationIds: number[]) {
	const existing = await trx
		.selectFrom('meeting_items')
		.select(['id', 'recommendation_id'])
		.where('meeting_id', '=', meetingId)
		.execute();
	const keep = new Set(recommendationIds);
	const gone = existing.filter((e) => !keep.has(e.recommendation_id)).map((e) => e.id);
	if (gone.length) await trx.deleteFrom('meeting_items').where('id', 'in', gone).execute();
	const have = new Set(existing.map((e) => e.recommendation_id));
	const added = recommendationIds.filter((id) => !have.has(id));
	if (added.length)
		await trx
			.insertInto('meeting_items')
			.values(
				added.map((recommendation_id, i) => ({
					meeting_id: meetingId,
					recommendation_id,
					position: existing.length + i,
					agree: null,
					disagree: null,
					not_sure: null
				}))
			)
			.execute();
}

export async function updateItemCounts(
	trx: Executor,
	itemId: number,
	counts: { agree: number | null; disagree: number | null; not_sure: number | null }
) {
	await trx.updateTable('meeting_items').set(counts).where('id', '=', itemId).execute();
}

/** Replaces a draft item's quotes by these. */
export async function replaceQuotes(trx: Executor, itemId: number, quotes: { body: string; language: string }[]) {
	await trx.deleteFrom('meeting_quotes').where('item_id', '=', itemId).execute();
	if (quotes.length)
		await trx
			.insertInto('meeting_quotes')
			.values(
				quotes.map((q, position) => ({
					item_id: itemId,
					position,
					body: q.body,
					language: q.language,
					hidden_reason: null,
					hidden_at: null
				}))
			)
			.execute();
}

/** The ids of a meeting's quotes no moderator hid (to queue their translations when it is published). */
export async function visibleQuoteIds(db: Executor, meetingId: number): Promise<number[]> {
	const rows = await db
		.selectFrom('meeting_quotes as q')
		.innerJoin('meeting_items as i', 'i.id', 'q.item_id')
		.select('q.id')
		.where('i.meeting_id', '=', meetingId)
		.where('q.hidden_at', 'is', null)
		.execute();
	return rows.map((r) => r.id);
}

export async function findQuote(db: Executor, quoteId: number) {
	if (!Number.isSafeInteger(quoteId)) return undefined;
	return db
		.selectFrom('meeting_quotes as q')
		.innerJoin('meeting_items as i', 'i.id', 'q.item_id')
		.select(['q.id', 'q.hidden_at', 'i.meeting_id'])
		.where('q.id', '=', quoteId)
		.executeTakeFirst();
}

export async function hideQuote(db: Executor, quoteId: number, reason: ModerationReason, now: string) {
	await db
		.updateTable('meeting_quotes')
		.set({ hidden_reason: reason, hidden_at: now })
		.where('id', '=', quoteId)
		.execute();
}

/** Records waiting for a moderator, oldest first. */
export async function heldMeetings(db: Executor) {
	return db
		.selectFrom('meetings as m')
		.innerJoin('organisations as o', 'o.id', 'm.organisation_id')
		.select([...meetingColumns, 'o.name as organisation_name', 'o.slug as organisation_slug'])
		.where('m.status', '=', 'review')
		.orderBy('m.submitted_at')
		.limit(50)
		.execute();
}

export async function countHeld(db: Executor): Promise<number> {
	return countRows(db.selectFrom('meetings').where('status', '=', 'review'));
}

/**
 * Published records' counts per recommendation and meeting, within a scope: one row per meeting ×
 * recommendation, the same rows the thread, the dashboard and the exports add up.
 */
export async function publishedRows(
	db: Executor,
	scope: { recommendationIds: number[]; from?: string | null; to?: string | null }
) {
	if (scope.recommendationIds.length === 0) return [];
	return db
		.selectFrom('meeting_items as i')
		.innerJoin('meetings as m', 'm.id', 'i.meeting_id')
		.innerJoin('organisations as o', 'o.id', 'm.organisation_id')
		.innerJoin('recommendations as r', 'r.id', 'i.recommendation_id')
		.select([
			'i.id as item_id',
			'i.recommendation_id',
			'r.number',
			'm.id as meeting_id',
			'm.held_on',
			'm.place',
			'm.languages',
			'm.participants',
			'm.is_demo',
			'm.published_at',
			'o.name as organisation_name',
			'o.slug as organisation_slug'
		])
		.select((eb) => [
			eb.fn.coalesce('i.agree', eb.lit(0)).as('agree'),
			eb.fn.coalesce('i.disagree', eb.lit(0)).as('disagree'),
			eb.fn.coalesce('i.not_sure', eb.lit(0)).as('not_sure')
		])
		.where('m.status', '=', 'published')
		.where('i.recommendation_id', 'in', scope.recommendationIds)
		.$if(!!scope.from, (q) => q.where('m.held_on', '>=', scope.from!))
		.$if(!!scope.to, (q) => q.where('m.held_on', '<=', scope.to!))
		.orderBy('r.position')
		.orderBy('m.held_on')
		.orderBy('m.id')
		.execute();
}
export type PublishedRow = Awaited<ReturnType<typeof publishedRows>>[number];
