import type { AuditAction, AuditReason } from '../../domain';
import type { DB } from '../db/create';
import { fetchPage, mapRows } from '../../paging';

/**
 * Records who did what to whom, and why. Every role change, reset, deletion, moderation and publication
 * goes through here. `actorId` null is the platform itself (a comment held after reports).
 */
export async function record(
	db: DB,
	entry: {
		actorId: number | null;
		/** One of the codes in domain.ts (auditActions), so the log can name it in words. */
		action: AuditAction;
		subjectType: string;
		subjectId: number | null;
		detail?: string;
		/** A reason code of the kind auditActions gives for the action, counted on the public moderation page. */
		reason?: AuditReason | null;
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

/**
 * A page of the audit log, newest first, with the name of who did it; only actions starting with
 * `actionPrefix` when given (such as "comment.").
 */
export async function listEntries(db: DB, options: { actionPrefix: string | null; page: unknown; size: number }) {
	let base = db.selectFrom('audit_log as a');
	if (options.actionPrefix) base = base.where('a.action', 'like', `${options.actionPrefix}%`);
	return mapRows(
		await fetchPage(
			options.page,
			options.size,
			base
				.leftJoin('users as u', 'u.id', 'a.actor_id')
				.select(['a.id', 'a.action', 'a.subject_type', 'a.subject_id', 'a.reason', 'a.detail', 'a.created_at'])
				.select('u.display_name as actor_name')
				.orderBy('a.created_at', 'desc')
				.orderBy('a.id', 'desc'),
			base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
		),
		(r) => ({
			id: r.id,
			action: r.action,
			subject: r.subject_id === null ? r.subject_type : `${r.subject_type} ${r.subject_id}`,
			reason: r.reason,
			detail: r.detail,
			actorName: r.actor_name,
			createdAt: r.created_at
		})
	);
}
