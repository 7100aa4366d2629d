import { describe, expect, it } from 'vitest';
import { fetchPage, mapRows, MAX_PAGE, pageNumber, pageQuery, parsePage, wholeNumber, type RowsQuery } from './paging';

describe('parsePage', () => {
	it('reads a plain page number', () => {
		expect(parsePage('1')).toBe(1);
		expect(parsePage('3')).toBe(3);
		expect(parsePage('007')).toBe(7);
		expect(parsePage(String(MAX_PAGE))).toBe(MAX_PAGE);
	});

	it.each([
		null,
		undefined,
		'',
		' ',
		'  3',
		'3 ',
		'0',
		'-1',
		'+2',
		'2.5',
		'2.0',
		'1e18',
		'1e309',
		'1E3',
		'Infinity',
		'-Infinity',
		'NaN',
		'0x10',
		'0b11',
		'abc',
		'٣', // an Arabic-Indic three: not what the pager writes
		'9007199254740993',
		'1'.repeat(16),
		'9'.repeat(10_000)
	])('reads %j as page 1', (raw) => {
		expect(parsePage(raw)).toBe(1);
	});

	it('reads a page number beyond any list as MAX_PAGE, which services turn into the last page', () => {
		expect(parsePage(String(MAX_PAGE + 1))).toBe(MAX_PAGE);
		expect(parsePage('999999999999999')).toBe(MAX_PAGE);
	});

	it('never returns a page whose offset is unsafe, even at 1,000 items a page', () => {
		expect(Number.isSafeInteger((parsePage('999999999999999') - 1) * 1000)).toBe(true);
	});
});

describe('wholeNumber', () => {
	it('is the number for plain digits and null for anything else', () => {
		expect(wholeNumber('0')).toBe(0);
		expect(wholeNumber('42')).toBe(42);
		expect(wholeNumber('999999999999999')).toBe(999_999_999_999_999);
		for (const raw of ['', '4 2', '-4', '4.2', '1e3', '0x1', 'Infinity', '1'.repeat(16), null, undefined]) {
			expect(wholeNumber(raw), String(raw)).toBeNull();
		}
	});
});

describe('pageNumber (what services accept from callers)', () => {
	it('keeps a safe whole page number', () => {
		expect(pageNumber(1)).toBe(1);
		expect(pageNumber(12)).toBe(12);
	});

	it.each([0, -1, 2.5, NaN, Infinity, -Infinity, 1e18, Number('1e309'), '3', null, undefined, {}])(
		'turns %j into page 1',
		(v) => {
			expect(pageNumber(v)).toBe(1);
		}
	);

	it('caps a large safe page number at MAX_PAGE', () => {
		expect(pageNumber(Number.MAX_SAFE_INTEGER)).toBe(MAX_PAGE);
	});
});

describe('fetchPage', () => {
	/** A list of `total` numbers, read like a table with LIMIT and OFFSET; remembers each query it ran. */
	function list(total: number) {
		const queries: { limit: number; offset: number }[] = [];
		const items = Array.from({ length: total }, (_, i) => i);
		const query = (limit = Infinity, offset = 0): RowsQuery<number> => ({
			limit: (n) => query(n, offset),
			offset: (n) => query(limit, n),
			execute: async () => {
				queries.push({ limit, offset });
				return items.slice(offset, offset + limit);
			}
		});
		return { queries, rows: query(), count: Promise.resolve({ n: String(total) }) };
	}

	it('fetches the page asked for, with one rows query', async () => {
		const l = list(45);
		expect(await fetchPage(2, 20, l.rows, l.count)).toEqual({
			rows: Array.from({ length: 20 }, (_, i) => 20 + i),
			total: 45,
			page: 2,
			pages: 3
		});
		expect(l.queries).toEqual([{ limit: 20, offset: 20 }]);
	});

	it('falls back to the last page when the page is past the end', async () => {
		const l = list(45);
		const result = await fetchPage(99, 20, l.rows, l.count);
		expect(result).toEqual({ rows: [40, 41, 42, 43, 44], total: 45, page: 3, pages: 3 });
		expect(l.queries).toEqual([
			{ limit: 20, offset: 98 * 20 },
			{ limit: 20, offset: 40 }
		]);
	});

	it('shows page 1 of 1 for an empty list, whatever page is asked for', async () => {
		const l = list(0);
		expect(await fetchPage(5, 20, l.rows, l.count)).toEqual({ rows: [], total: 0, page: 1, pages: 1 });
	});

	it.each([Infinity, 1e18, Number('1e309'), -1, NaN, 2.5])('turns page %j into a safe offset', async (requested) => {
		const l = list(45);
		const result = await fetchPage(requested, 20, l.rows, l.count);
		expect(result.page).toBe(1);
		expect(l.queries).toEqual([{ limit: 20, offset: 0 }]);
	});

	it('asks the database for no offset beyond (MAX_PAGE - 1) × size, then the last page', async () => {
		const l = list(45);
		const result = await fetchPage(Number.MAX_SAFE_INTEGER, 50, l.rows, l.count);
		expect(result.page).toBe(1);
		expect(l.queries.map((q) => q.offset)).toEqual([(MAX_PAGE - 1) * 50, 0]);
		expect(l.queries.every((q) => Number.isSafeInteger(q.offset) && q.offset < 2 ** 31)).toBe(true);
	});
});

describe('pageQuery', () => {
	it('keeps the filters that have a value, in order, encoded, and adds the page', () => {
		expect(pageQuery({ q: 'Jan & co', role: '' }, 2)).toBe('?q=Jan%20%26%20co&page=2');
		expect(pageQuery({ into: 'fr', from: undefined }, 1)).toBe('?into=fr&page=1');
		expect(pageQuery({}, 3)).toBe('?page=3');
	});
});

describe('mapRows', () => {
	it('turns each row and keeps the count, the page and the number of pages', () => {
		const paged = { rows: [{ n: 1 }, { n: 2 }], total: 7, page: 2, pages: 4 };
		expect(mapRows(paged, (r) => `rij ${r.n}`)).toEqual({ rows: ['rij 1', 'rij 2'], total: 7, page: 2, pages: 4 });
	});
});
