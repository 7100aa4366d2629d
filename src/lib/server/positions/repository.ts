import type { Insertable, Transaction, Updateable } from 'kysely';
import type { DB } from '../db/create';
import type { Database, PositionsTable, PositionVersionsTable } from '../db/types';
import { countRows } from '../db/count';

/*
 * Collective positions' SQL. A position belongs to an association and a recommendation; one at a time
 * (a partial unique index: status <> 'withdrawn'). Its versions hold the texts: at most one draft
 * (published_at null), and any number published; current_version_id is the one readers see.
 */

type Executor = DB | Transaction<Database>;

const versionColumns = [
	'v.id',
	'v.position_id',
	'v.version',
	'v.stance',
	'v.explanation',
	'v.language',
	'v.mandate',
	'v.mandate_other',
	'v.decided_on',
	'v.members_taking_part',
	'v.split_agree',
	'v.split_disagree',
	'v.split_abstain',
	'v.drafted_by',
	'v.signed_off_by',
	'v.sign_off',
	'v.created_at',
	'v.updated_at',
	'v.published_at'
] as const;

export type VersionRow = Awaited<ReturnType<typeof versionsOf>>[number];

/** Every version of these positions (drafts only when asked), newest first: one query. */
export async function versionsOf(db: Executor, positionIds: number[], options: { drafts?: boolean } = {}) {
	if (!positionIds.length) return [];
	let query = db
		.selectFrom('position_versions as v')
		.leftJoin('users as u', 'u.id', 'v.drafted_by')
		.select([...versionColumns, 'u.is_demo'])
		.where('v.position_id', 'in', positionIds);
	if (!options.drafts) query = query.where('v.published_at', 'is not', null);
	return query.orderBy('v.position_id').orderBy('v.version', 'desc').execute();
}

const positionColumns = [
	'p.id',
	'p.organisation_id',
	'p.recommendation_id',
	'p.status',
	'p.current_version_id',
	'p.created_by',
	'p.created_at',
	'p.first_published_at',
	'p.withdrawn_at',
	'p.hidden_at',
	'p.hidden_reason',
	'o.slug as organisation_slug',
	'o.name as organisation_name',
	'o.deactivated_at as organisation_deactivated_at',
	'r.number as recommendation_number',
	'r.short_title as recommendation_title',
	'r.language as recommendation_language',
	'k.slug as consultation_slug',
	'k.language as consultation_language'
] as const;

function positions(db: Executor) {
	return db
		.selectFrom('positions as p')
		.innerJoin('organisations as o', 'o.id', 'p.organisation_id')
		.innerJoin('recommendations as r', 'r.id', 'p.recommendation_id')
		.innerJoin('consultations as k', 'k.id', 'r.consultation_id')
		.select(positionColumns);
}
export type PositionRecord = NonNullable<Awaited<ReturnType<typeof findById>>>;

export async function findById(db: Executor, id: number) {
	return positions(db).where('p.id', '=', id).executeTakeFirst();
}

/** The position an association has on a recommendation now (not withdrawn), if any. */
export async function findActive(db: Executor, organisationId: number, recommendationId: number) {
	return positions(db)
		.where('p.organisation_id', '=', organisationId)
		.where('p.recommendation_id', '=', recommendationId)
		.where('p.status', '!=', 'withdrawn')
		.executeTakeFirst();
}

/** Withdrawn positions of an association on a recommendation, newest first (the history before the active one). */
export async function listWithdrawn(db: Executor, organisationId: number, recommendationId: number) {
	return positions(db)
		.where('p.organisation_id', '=', organisationId)
		.where('p.recommendation_id', '=', recommendationId)
		.where('p.status', '=', 'withdrawn')
		.orderBy('p.withdrawn_at', 'desc')
		.execute();
}

/** The public positions (published or withdrawn, not hidden) on these recommendations: one query. */
export async function listPublicOn(db: Executor, recommendationIds: number[]) {
	if (!recommendationIds.length) return [];
	return positions(db)
		.where('p.recommendation_id', 'in', recommendationIds)
		.where('p.current_version_id', 'is not', null)
		.where('p.hidden_at', 'is', null)
		.orderBy('p.status', 'desc')
		.orderBy('o.name_key')
		.orderBy('p.id')
		.execute();
}

/** An association's public positions, in every consultation, by recommendation: one query. */
export async function listPublicOf(db: Executor, organisationId: number) {
	return positions(db)
		.where('p.organisation_id', '=', organisationId)
		.where('p.current_version_id', 'is not', null)
		.where('p.hidden_at', 'is', null)
		.where('k.phase', '!=', 'draft')
		.orderBy('k.slug')
		.orderBy('r.position')
		.orderBy('p.id', 'desc')
		.execute();
}

/** An association's positions with a draft waiting for sign-off (for its coordinators and members). */
export async function listDraftsOf(db: Executor, organisationId: number) {
	return positions(db)
		.innerJoin('position_versions as v', (j) => j.onRef('v.position_id', '=', 'p.id').on('v.published_at', 'is', null))
		.where('p.organisation_id', '=', organisationId)
		.where('p.status', '!=', 'withdrawn')
		.orderBy('k.slug')
		.orderBy('r.position')
		.execute();
}

export async function insertPosition(trx: Transaction<Database>, row: Insertable<PositionsTable>): Promise<number> {
	const { id } = await trx.insertInto('positions').values(row).returning('id').executeTakeFirstOrThrow();
	return id;
}

export async function updatePosition(trx: Executor, id: number, changes: Updateable<PositionsTable>): Promise<number> {
	const result = await trx.updateTable('positions').set(changes).where('id', '=', id).executeTakeFirst();
	return Number(result.numUpdatedRows);
}

export async function insertVersion(
	trx: Transaction<Database>,
	row: Insertable<PositionVersionsTable>
): Promise<number> {
	const { id } = await trx.insertInto('position_versions').values(row).returning('id').executeTakeFirstOrThrow();
	return id;
}

export async function updateVersion(
	trx: Transaction<Database>,
	id: number,
	changes: Updateable<PositionVersionsTable>
): Promise<void> {
	await trx.updateTable('position_versions').set(changes).where('id', '=', id).execute();
}

export async function findDraft(db: Executor, positionId: number) {
	return db
		.selectFrom('position_versions as v')
		.leftJoin('users as u', 'u.id', 'v.drafted_by')
		.select([...versionColumns, 'u.is_demo'])
		.where('v.position_id', '=', positionId)
		.where('v.published_at', 'is', null)
		.executeTakeFirst();
}

export async function lastVersionNumber(db: Executor, positionId: number): Promise<number> {
	const row = await db
		.selectFrom('position_versions')
		.select((eb) => eb.fn.max('version').as('n'))
		.where('position_id', '=', positionId)
		.executeTakeFirst();
	return Number(row?.n ?? 0);
}

/** How many coordinators an association has (active accounts). */
export async function coordinatorCount(db: Executor, organisationId: number): Promise<number> {
	return countRows(
		db
			.selectFrom('memberships as m')
			.innerJoin('users as u', 'u.id', 'm.user_id')
			.where('m.organisation_id', '=', organisationId)
			.where('m.role', '=', 'coordinator')
			.where('u.deleted_at', 'is', null)
	);
}

export async function insertRemark(
	trx: Executor,
	remark: { positionId: number; versionId: number; authorId: number; body: string; now: string }
): Promise<void> {
	await trx
		.insertInto('position_remarks')
		.values({
			position_id: remark.positionId,
			version_id: remark.versionId,
			author_id: remark.authorId,
			body: remark.body,
			created_at: remark.now
		})
		.execute();
}

/** The remarks on a position, oldest first, with their authors' pseudonyms. */
export async function remarksOf(db: Executor, positionId: number) {
	return db
		.selectFrom('position_remarks as x')
		.leftJoin('users as u', 'u.id', 'x.author_id')
		.leftJoin('position_versions as v', 'v.id', 'x.version_id')
		.select(['x.id', 'x.body', 'x.created_at', 'u.display_name', 'u.is_demo', 'v.version'])
		.where('x.position_id', '=', positionId)
		.orderBy('x.created_at')
		.orderBy('x.id')
		.execute();
}

/** Names of these users (who drafted and signed off), for the coordinators' page. */
export async function namesOf(db: Executor, ids: number[]): Promise<Map<number, string>> {
	if (!ids.length) return new Map();
	const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute();
	return new Map(rows.map((r) => [r.id, r.display_name ?? '']));
}

/** The current versions of the public positions on these recommendations, for counts and exports: one query. */
export async function currentOn(db: Executor, recommendationIds: number[]) {
	if (!recommendationIds.length) return [];
	return db
		.selectFrom('positions as p')
		.innerJoin('position_versions as v', 'v.id', 'p.current_version_id')
		.innerJoin('organisations as o', 'o.id', 'p.organisation_id')
		.innerJoin('recommendations as r', 'r.id', 'p.recommendation_id')
		.leftJoin('users as u', 'u.id', 'v.drafted_by')
		.select([
			'p.id as position_id',
			'p.status',
			'p.withdrawn_at',
			'p.first_published_at',
			'o.slug as organisation_slug',
			'o.name as organisation_name',
			'o.kind as organisation_kind',
			'o.deactivated_at as organisation_deactivated_at',
			'r.id as recommendation_id',
			'r.number as recommendation_number',
			'u.is_demo',
			...versionColumns
		])
		.where('p.recommendation_id', 'in', recommendationIds)
		.where('p.hidden_at', 'is', null)
		.orderBy('r.position')
		.orderBy('o.name_key')
		.orderBy('p.id')
		.execute();
}

/** The draft of a position if it has one, else its current version: what a coordinator starts editing from. */
export async function findDraftOrCurrent(db: Executor, position: { id: number; current_version_id: number | null }) {
	return (
		(await findDraft(db, position.id)) ??
		(position.current_version_id === null
			? undefined
			: await db
					.selectFrom('position_versions as v')
					.leftJoin('users as u', 'u.id', 'v.drafted_by')
					.select([...versionColumns, 'u.is_demo'])
					.where('v.id', '=', position.current_version_id)
					.executeTakeFirst())
	);
}

export async function deleteDraft(trx: Transaction<Database>, positionId: number): Promise<void> {
	await trx
		.deleteFrom('position_versions')
		.where('position_id', '=', positionId)
		.where('published_at', 'is', null)
		.execute();
}

export async function deletePosition(trx: Transaction<Database>, positionId: number): Promise<void> {
	await trx.deleteFrom('positions').where('id', '=', positionId).execute();
}

/** The public positions (published or withdrawn, not hidden) among these ids, with their thread and association's name: one query. */
export async function publicNames(db: Executor, ids: number[]) {
	if (!ids.length) return [];
	return db
		.selectFrom('positions as p')
		.innerJoin('organisations as o', 'o.id', 'p.organisation_id')
		.select(['p.id', 'p.recommendation_id', 'o.name'])
		.where('p.id', 'in', ids)
		.where('p.current_version_id', 'is not', null)
		.where('p.hidden_at', 'is', null)
		.execute();
}
