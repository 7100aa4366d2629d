import { requireAllowed } from '../auth/require';
import type { MaybeActor } from '../auth/actor';
import type { DB } from '../db/create';
import { canReadAuditLog } from './policy';
import * as repository from './repository';

export const AUDIT_PAGE = 50;

/**
 * The audit log, newest first, with the name of who did it: who, when, what, why. Optionally only one
 * kind of action (its prefix, such as "comment." or "answer."). Moderators and administrators only.
 */
export async function listAuditLog(db: DB, actor: MaybeActor, options: { page?: number; kind?: string } = {}) {
	requireAllowed(actor, canReadAuditLog(actor));
	const kind = /^[a-z_]+$/.test(options.kind ?? '') ? `${options.kind}.` : null;
	const { rows, page, pages, total } = await repository.listEntries(db, {
		actionPrefix: kind,
		page: options.page,
		size: AUDIT_PAGE
	});
	return { entries: rows, page, pages, total };
}
