import { requireAllowed } from '../auth/require';
import type { MaybeActor } from '../auth/actor';
import type { DB } from '../db/create';
import { fetchPage } from '../../paging';
import { canReadAuditLog } from './policy';

export const AUDIT_PAGE = 50;

/**
 * The audit log, newest first, with the name of who did it: who, when, what, why. Optionally only one
 * kind of action (its prefix, such as "comment." or "answer."). Moderators and administrators only.
 */
export async function listAuditLog(db: DB, actor: MaybeActor, options: { page?: number; kind?: string } = {}) {
	requireAllowed(actor, canReadAuditLog(actor));
	const kind = /^[a-z]+$/.test(options.kind ?? '') ? `${options.kind}.` : null;
	let base = db.selectFrom('audit_log as a');
	if (kind) base = base.where('a.action', 'like', `${kind}%`);
	const { rows, total, page, pages } = await fetchPage(
		options.page,
		AUDIT_PAGE,
		base
			.leftJoin('users as u', 'u.id', 'a.actor_id')
			.select(['a.id', 'a.action', 'a.subject_type', 'a.subject_id', 'a.reason', 'a.detail', 'a.created_at'])
			.select('u.display_name as actor_name')
			.orderBy('a.created_at', 'desc')
			.orderBy('a.id', 'desc'),
		base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
	);
	return {
		entries: rows.map((r) => ({
			id: r.id,
			action: r.action,
			subject: r.subject_id === null ? r.subject_type : `${r.subject_type} ${r.subject_id}`,
			reason: r.reason,
			detail: r.detail,
			actorName: r.actor_name,
			createdAt: r.created_at
		})),
		page,
		pages,
		total
	};
}
