/**
 * Page numbers, from the address (`?page=3`) to the SQL OFFSET. Routes read the query with parsePage;
 * services, which trust no caller, pass whatever page they were given to fetchPage, which turns it into
 * a safe offset and falls back to the last page when the list is shorter than asked.
 */

/**
 * The highest page number anything asks for: far beyond any real list (a million pages), and small
 * enough that (page - 1) × page size stays a safe integer and a valid OFFSET for any page size used here.
 */
export const MAX_PAGE = 1_000_000;

/**
 * A whole number written plainly in decimal digits ("12", "007"), or null for anything else: a sign,
 * exponent, fraction, spaces, hex, `Infinity`, an empty or missing value, or more than 15 digits (so
 * every number it returns is a safe integer).
 */
export function wholeNumber(raw: string | null | undefined): number | null {
	return raw != null && /^\d{1,15}$/.test(raw) ? Number(raw) : null;
}

/**
 * The page a query parameter asks for: anything but a whole number of at least 1 is page 1, and more
 * than MAX_PAGE is MAX_PAGE (which the service then brings back to the list's last page).
 */
export function parsePage(raw: string | null | undefined): number {
	const n = wholeNumber(raw);
	return n === null || n < 1 ? 1 : Math.min(n, MAX_PAGE);
}

/**
 * The query of one page of a filtered list, for its pager's links: `?name=value&…&page=n`, with the
 * filters that have a value, in the order given, each value encoded.
 */
export function pageQuery(filters: Record<string, string | null | undefined>, page: number): string {
	const set = Object.entries(filters).filter((entry): entry is [string, string] => Boolean(entry[1]));
	return '?' + [...set.map(([name, value]) => `${name}=${encodeURIComponent(value)}`), `page=${page}`].join('&');
}

/** A page number a service was given, checked again: a safe integer from 1, at most MAX_PAGE; else page 1. */
export function pageNumber(value: unknown): number {
	return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1 ? Math.min(value, MAX_PAGE) : 1;
}

/** A query for the rows of a list, in order, to which a page's LIMIT and OFFSET are added (a Kysely select). */
export interface RowsQuery<T> {
	limit(limit: number): RowsQuery<T>;
	offset(offset: number): RowsQuery<T>;
	execute(): Promise<T[]>;
}

export interface Paged<T> {
	rows: T[];
	/** How many rows the whole list has. */
	total: number;
	/** The page shown: the one asked for, or the last page when that was past the end. */
	page: number;
	/** At least 1, also for an empty list. */
	pages: number;
}

/**
 * One page of a list: the rows of the requested page, fetched together with the count (already running
 * when passed in, as `{ n }`); only when the page turns out to be past the end are the rows of the last
 * page fetched, in a second query. Whatever page it is given, the OFFSET is a safe integer.
 */
export async function fetchPage<T>(
	requested: unknown,
	size: number,
	rows: RowsQuery<T>,
	count: Promise<{ n: number | string | bigint | null }>
): Promise<Paged<T>> {
	const at = (page: number) =>
		rows
			.limit(size)
			.offset((page - 1) * size)
			.execute();
	const wanted = pageNumber(requested);
	const [first, counted] = await Promise.all([at(wanted), count]);
	const total = Number(counted.n);
	const pages = Math.max(1, Math.ceil(total / size));
	const page = Math.min(wanted, pages);
	return { rows: page === wanted ? first : await at(page), total, page, pages };
}

/** The same page, each row turned by `map` into what the list shows. */
export function mapRows<T, U>(paged: Paged<T>, map: (row: T) => U): Paged<U> {
	return { ...paged, rows: paged.rows.map(map) };
}
