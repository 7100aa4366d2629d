import type { DB } from '../db/create';
import type { Transaction } from 'kysely';
import type { Database } from '../db/types';

type Executor = DB | Transaction<Database>;
import type { ParticipantGroup, SiteRole, UsersTable } from '../db/types';
import type { Expression, Insertable } from 'kysely';
import { fetchPage } from '../../paging';
import { countRows } from '../db/count';

export async function findByNameKey(db: DB, key: string) {
	return db.selectFrom('users').selectAll().where('display_name_key', '=', key).executeTakeFirst();
}

export async function findById(db: DB, id: number) {
	return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findByEmailKey(db: DB, emailKey: string) {
	return db.selectFrom('users').selectAll().where('email_key', '=', emailKey).executeTakeFirst();
}

/** Which of these name keys are taken, in one query. */
export async function takenNameKeys(db: DB, keys: string[]): Promise<Set<string>> {
	if (keys.length === 0) return new Set();
	const rows = await db.selectFrom('users').select('display_name_key').where('display_name_key', 'in', keys).execute();
	return new Set(rows.map((r) => r.display_name_key!));
}

/** User ids: a list, or a query that selects them (then it runs as a subquery of the statement). */
export type UserIds = readonly number[] | Expression<Record<string, number | null>>;

/** The accounts among these users that were not deleted, as "u": for a statement that selects from them. */
export function existingAmong(db: DB, ids: UserIds) {
	return (
		db
			.selectFrom('users as u')
			// Kysely's types know only lists here; a query selecting ids works the same.
			.where('u.id', 'in', ids as readonly number[])
			.where('u.deleted_at', 'is', null)
	);
}

export async function insertUser(db: DB, user: Insertable<UsersTable>): Promise<number> {
	const { id } = await db.insertInto('users').values(user).returning('id').executeTakeFirstOrThrow();
	return id;
}

export async function updateUser(
	db: DB,
	id: number,
	changes: Partial<{
		display_name: string | null;
		display_name_key: string | null;
		password_hash: string | null;
		email: string | null;
		email_key: string | null;
		site_role: SiteRole;
		experience_expert: 0 | 1;
		locale: string;
		read_languages: string;
		participant_group: ParticipantGroup | null;
		email_notifications: 0 | 1;
		deleted_at: string | null;
		updated_at: string;
	}>
): Promise<void> {
	await db.updateTable('users').set(changes).where('id', '=', id).execute();
}

export async function deleteUser(db: DB, id: number): Promise<void> {
	await db.deleteFrom('users').where('id', '=', id).execute();
}

export async function countAdmins(db: DB): Promise<number> {
	return countRows(db.selectFrom('users').where('site_role', '=', 'admin').where('deleted_at', 'is', null));
}

export interface UserListItem {
	id: number;
	displayName: string;
	siteRole: SiteRole;
	experienceExpert: boolean;
	/** The languages this person translates into (the translator badge), in alphabetical order. */
	translates: string[];
	isDemo: boolean;
	createdAt: string;
}

export const USERS_PAGE = 50;

/** Active accounts, newest first, optionally filtered by the start of a folded name; a page at a time. */
export async function listUsers(
	db: DB,
	options: { nameKeyPrefix?: string; role?: SiteRole; page?: number }
): Promise<{ items: UserListItem[]; total: number; page: number; pages: number }> {
	let base = db.selectFrom('users').where('deleted_at', 'is', null);
	if (options.nameKeyPrefix) base = base.where('display_name_key', 'like', `${options.nameKeyPrefix}%`);
	if (options.role) base = base.where('site_role', '=', options.role);
	const { rows, total, page, pages } = await fetchPage(
		options.page,
		USERS_PAGE,
		base
			.select(['id', 'display_name', 'site_role', 'experience_expert', 'is_demo', 'created_at'])
			.orderBy('created_at', 'desc')
			.orderBy('id', 'desc'),
		base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
	);
	const translates = await translatorLanguagesOf(
		db,
		rows.map((r) => r.id)
	);
	return {
		total,
		page,
		pages,
		items: rows.map((r) => ({
			id: r.id,
			displayName: r.display_name ?? '',
			siteRole: r.site_role,
			experienceExpert: r.experience_expert === 1,
			translates: translates.get(r.id) ?? [],
			isDemo: r.is_demo === 1,
			createdAt: r.created_at
		}))
	};
}

/** The languages each of these people translates into: one query. */
export async function translatorLanguagesOf(db: Executor, userIds: readonly number[]): Promise<Map<number, string[]>> {
	const byUser = new Map<number, string[]>();
	if (userIds.length === 0) return byUser;
	const rows = await db
		.selectFrom('translator_languages')
		.select(['user_id', 'language'])
		.where('user_id', 'in', [...userIds])
		.orderBy('language')
		.execute();
	for (const r of rows) byUser.set(r.user_id, [...(byUser.get(r.user_id) ?? []), r.language]);
	return byUser;
}

/** Gives the badge for these languages. Languages already given keep who gave them and when. */
export async function grantTranslatorLanguages(
	db: Executor,
	input: { userId: number; languages: readonly string[]; grantedBy: number; now: string }
): Promise<void> {
	if (input.languages.length === 0) return;
	await db
		.insertInto('translator_languages')
		.values(
			input.languages.map((language) => ({
				user_id: input.userId,
				language,
				granted_by: input.grantedBy,
				granted_at: input.now
			}))
		)
		.onConflict((oc) => oc.columns(['user_id', 'language']).doNothing())
		.execute();
}

/** Takes the badge for these languages. */
export async function withdrawTranslatorLanguages(
	db: Executor,
	userId: number,
	languages: readonly string[]
): Promise<void> {
	if (languages.length === 0) return;
	await db
		.deleteFrom('translator_languages')
		.where('user_id', '=', userId)
		.where('language', 'in', [...languages])
		.execute();
}
