import type { DB } from '../db/create';

/**
 * Records who did what to whom, and why. Every role change, reset, deletion, moderation and publication
 * goes through here. `actorId` null is the platform itself (a comment held after reports).
 */
export async function record(
	db: DB,
	entry: {
		actorId: number | null;
		action: string;
		subjectType: string;
		subjectId: number | null;
		detail?: string;
		/** A reason code, counted on the public moderation page. */
		reason?: string | null;
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
			reason: entry.reason ?? null,
			created_at: entry.now
		})
		.execute();
}
