import type { SelectQueryBuilder } from 'kysely';

/**
 * How many rows a query finds, as a number: PostgreSQL returns count(*) as a string (a bigint) and SQLite
 * as a number, and this is the one place a repository's single count is read back.
 */
export async function countRows<DB, TB extends keyof DB, O>(query: SelectQueryBuilder<DB, TB, O>): Promise<number> {
	const row = await query
		.select((eb) => eb.fn.countAll().as('n'))
		.$castTo<{ n: number | string | bigint }>()
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/**
 * A count for a select list, such as each organisation's members: how many rows the correlated `query`
 * finds, named `alias`. It comes back as a string on PostgreSQL, so read it with Number().
 */
export function countOf<DB, TB extends keyof DB, O, A extends string>(query: SelectQueryBuilder<DB, TB, O>, alias: A) {
	return query
		.select((eb) => eb.fn.countAll().as('n'))
		.$castTo<{ n: number | string | bigint }>()
		.as(alias);
}
