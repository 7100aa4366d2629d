import type { DB } from '../db/create';

/** For tests: a comment as it is stored, to check what a service wrote (or held back, or counted). */
export function storedComment(db: DB, id: number) {
	return db.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}
