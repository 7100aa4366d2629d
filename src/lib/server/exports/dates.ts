/*
 * Dates in the spreadsheet (issue 14): real Excel dates with a date format, not ISO text. Moments are
 * stored in UTC and written as such; a calendar day is written at midnight UTC.
 */

/** Excel's date formats for the date columns: a moment (UTC, as stored) and a calendar day. */
export const DATE_TIME = { numFmt: 'yyyy-mm-dd hh:mm' } as const;
export const DAY = { numFmt: 'yyyy-mm-dd' } as const;
/** A stored ISO moment as a date cell; empty when there is none. */
export const moment = (iso: string | null | undefined): Date | null => (iso ? new Date(iso) : null);
/** A stored calendar day (2027-09-01) as a date cell at midnight UTC; empty when there is none. */
export const day = (date: string | null | undefined): Date | null => (date ? new Date(`${date}T00:00:00Z`) : null);
