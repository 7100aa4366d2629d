import { participantGroups, type ParticipantGroup } from '../../domain';

/*
 * The filters of a consultation's results (dashboard and exports): a theme, a self-declared group, a
 * window of days, and votes on the current text only. Read leniently from a query string or stored JSON: anything unknown is ignored.
 */

export type GroupKey = ParticipantGroup | 'none';
export const groupKeys: readonly GroupKey[] = [...participantGroups, 'none'];

export interface ResultFilters {
	/** A theme's numeral (i, ii …, as the themes store it). */
	theme: string | null;
	/** Only what people of this self-declared group did ("none": people who chose no group). */
	group: GroupKey | null;
	/** From and to this day (YYYY-MM-DD, inclusive, UTC). */
	from: string | null;
	to: string | null;
	/**
	 * 'current': only votes on the current text of each recommendation (cast or confirmed on its newest
	 * revision that was not a correction). Null: every vote, on whichever revision.
	 */
	votes: 'current' | null;
}

export const noFilters: ResultFilters = { theme: null, group: null, from: null, to: null, votes: null };

/** The filters' days as times: from the start of the first day, up to the start of the day after the last. */
export function timeWindow(filters: ResultFilters): { from: string | null; to: string | null } {
	return {
		from: filters.from ? `${filters.from}T00:00:00.000Z` : null,
		to: filters.to ? new Date(Date.parse(`${filters.to}T00:00:00Z`) + 86_400_000).toISOString() : null
	};
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const validDay = (value: unknown): string | null =>
	typeof value === 'string' &&
	DAY.test(value) &&
	!Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
	new Date(`${value}T00:00:00Z`).toISOString().startsWith(value)
		? value
		: null;

/** Filters from a query string or stored JSON; anything unknown is ignored rather than refused. */
export function readFilters(input: Record<string, unknown>): ResultFilters {
	const theme =
		typeof input.theme === 'string' && /^[ivxlc]{1,6}$/i.test(input.theme) ? input.theme.toLowerCase() : null;
	const group = groupKeys.includes(input.group as GroupKey) ? (input.group as GroupKey) : null;
	let from = validDay(input.from);
	let to = validDay(input.to);
	if (from && to && from > to) [from, to] = [to, from];
	const votes = input.votes === 'current' ? 'current' : null;
	return { theme, group, from, to, votes };
}
