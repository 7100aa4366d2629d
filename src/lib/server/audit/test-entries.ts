import type { DB } from '../db/create';

/**
 * For tests: what the audit log holds for one action on one subject (or on any of several), oldest first
 * (what a use case was meant to leave behind).
 */
export function auditEntries(db: DB, action: string, subjectIds: number | number[]) {
	return db
		.selectFrom('audit_log')
		.selectAll()
		.where('action', '=', action)
		.where('subject_id', 'in', [subjectIds].flat())
		.orderBy('id')
		.execute();
}

/** For tests: the first audit entry for one action on one subject; throws when there is none. */
export async function auditEntry(db: DB, action: string, subjectId: number) {
	const [entry] = await auditEntries(db, action, subjectId);
	if (!entry) throw new Error(`no audit entry ${action} for ${subjectId}`);
	return entry;
}
