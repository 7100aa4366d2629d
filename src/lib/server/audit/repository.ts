import type { DB } from '../db/create';

/** Records who did what to whom, and why. Every role change, reset and deletion goes through here. */
export async function record(
	db: DB,
	entry: {
		actorId: number | null;
		action: string;
		subjectType: string;
		subjectId: number | null;
		detail?: string;
		now: string;
	}
): Promise<void> {
	await db
		.insertInto('audit_log')
		.values({
			actor_id: entry.actorId,
			action: entry.action,
			subject_type: entry.subjectType,
			subject_id: entry.subjectId,
			detail: entry.detail ?? '',
			created_at: entry.now
		})
		.execute();
}
