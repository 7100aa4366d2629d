import type { DB } from '../db/create';

/** An invite with its association's name and slug: the one query both lookups share. */
function selectInvite(db: DB) {
	return db
		.selectFrom('invite_codes as i')
		.leftJoin('organisations as o', 'o.id', 'i.organisation_id')
		.select([
			'i.id',
			'i.code',
			'i.organisation_id',
			'i.created_by',
			'i.label',
			'i.locale',
			'i.max_uses',
			'i.uses',
			'i.expires_at',
			'i.revoked_at',
			'i.created_at',
			'o.name as organisation_name',
			'o.slug as organisation_slug'
		]);
}

export async function findByCode(db: DB, code: string) {
	return selectInvite(db).where('i.code', '=', code).executeTakeFirst();
}

export type InviteRow = NonNullable<Awaited<ReturnType<typeof findByCode>>>;

export async function findById(db: DB, id: number) {
	return selectInvite(db).where('i.id', '=', id).executeTakeFirst();
}

export async function insert(
	db: DB,
	invite: {
		code: string;
		organisationId: number | null;
		createdBy: number;
		label: string;
		locale: string;
		maxUses: number;
		expiresAt: string;
		now: string;
	}
): Promise<number> {
	const { id } = await db
		.insertInto('invite_codes')
		.values({
			code: invite.code,
			organisation_id: invite.organisationId,
			created_by: invite.createdBy,
			label: invite.label,
			locale: invite.locale,
			max_uses: invite.maxUses,
			expires_at: invite.expiresAt,
			created_at: invite.now
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return id;
}

/**
 * Takes one use of a code, only if it is still usable. A single conditional UPDATE, so two people
 * using the last place of a code at the same moment cannot both get it.
 */
export async function claimUse(db: DB, id: number, now: string): Promise<boolean> {
	const result = await db
		.updateTable('invite_codes')
		.set((eb) => ({ uses: eb('uses', '+', 1) }))
		.where('id', '=', id)
		.where('revoked_at', 'is', null)
		.where('expires_at', '>', now)
		.whereRef('uses', '<', 'max_uses')
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

export async function revoke(db: DB, id: number, now: string): Promise<void> {
	await db
		.updateTable('invite_codes')
		.set({ revoked_at: now })
		.where('id', '=', id)
		.where('revoked_at', 'is', null)
		.execute();
}

/** Codes of one organisation, or (organisationId null) the site-wide codes, newest first. */
export async function listFor(db: DB, organisationId: number | null, limit = 100) {
	let q = db
		.selectFrom('invite_codes')
		.select(['id', 'code', 'label', 'locale', 'max_uses', 'uses', 'expires_at', 'revoked_at', 'created_at'])
		.orderBy('created_at', 'desc')
		.orderBy('id', 'desc')
		.limit(limit);
	q =
		organisationId === null ? q.where('organisation_id', 'is', null) : q.where('organisation_id', '=', organisationId);
	return q.execute();
}

export async function listCreatedBy(db: DB, userId: number) {
	return db
		.selectFrom('invite_codes')
		.select(['code', 'label', 'max_uses', 'uses', 'expires_at', 'revoked_at', 'created_at'])
		.where('created_by', '=', userId)
		.orderBy('created_at', 'desc')
		.execute();
}
