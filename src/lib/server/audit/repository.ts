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
			subjectType: r.subject_type,
			subjectId: r.subject_id,
			reason: r.reason,
			detail: r.detail,
			actorName: r.actor_name,
			createdAt: r.created_at
		})
	);
}

/**
 * What a log entry is about, in words a moderator can read: the name or title and, where it has one, the
 * recommendation's number and consultation. One query per kind of subject on the page (at most nine), never
 * one per entry. A subject that is gone (or of a kind not listed here) is missing from the map.
 */
export interface AuditSubjectFacts {
	/** A name or title (user text: an account, association, consultation), or null. */
	name: string | null;
	/** The recommendation it belongs to, and its consultation's slug, for a link. */
	number: number | null;
	slug: string | null;
}

export async function subjectFacts(
	db: DB,
	refs: readonly { type: string; id: number | null }[]
): Promise<Map<string, AuditSubjectFacts>> {
	const ids = (type: string) => [...new Set(refs.filter((r) => r.type === type && r.id !== null).map((r) => r.id!))];
	const facts = new Map<string, AuditSubjectFacts>();
	const put = (
		type: string,
		rows: { id: number; name?: string | null; number?: number | null; slug?: string | null }[]
	) => {
		for (const r of rows)
			facts.set(`${type}:${r.id}`, { name: r.name ?? null, number: r.number ?? null, slug: r.slug ?? null });
	};
	const threads = db
		.selectFrom('recommendations as r')
		.innerJoin('consultations as k', 'k.id', 'r.consultation_id')
		.select(['r.number', 'k.slug']);
	const queries: Record<
		string,
		(list: number[]) => Promise<{ id: number; name?: string | null; number?: number | null; slug?: string | null }[]>
	> = {
		comment: (list) =>
			threads
				.innerJoin('comments as c', 'c.recommendation_id', 'r.id')
				.select('c.id')
				.where('c.id', 'in', list)
				.execute(),
		recommendation: (list) => threads.select(['r.id', 'r.short_title as name']).where('r.id', 'in', list).execute(),
		position: (list) =>
			threads
				.innerJoin('positions as p', 'p.recommendation_id', 'r.id')
				.innerJoin('organisations as o', 'o.id', 'p.organisation_id')
				.select(['p.id', 'o.name'])
				.where('p.id', 'in', list)
				.execute(),
		user: (list) => db.selectFrom('users').select(['id', 'display_name as name']).where('id', 'in', list).execute(),
		consultation: (list) =>
			db.selectFrom('consultations').select(['id', 'title as name', 'slug']).where('id', 'in', list).execute(),
		organisation: (list) =>
			db.selectFrom('organisations').select(['id', 'name', 'slug']).where('id', 'in', list).execute(),
		invite: (list) =>
			db
				.selectFrom('invite_codes as i')
				.leftJoin('organisations as o', 'o.id', 'i.organisation_id')
				.select((eb) => ['i.id', eb.fn.coalesce('o.name', 'i.label').as('name')])
				.where('i.id', 'in', list)
				.execute(),
		meeting: (list) =>
			db
				.selectFrom('meetings as m')
				.innerJoin('organisations as o', 'o.id', 'm.organisation_id')
				.select(['m.id', 'o.name'])
				.where('m.id', 'in', list)
				.execute(),
		meeting_quote: (list) =>
			db
				.selectFrom('meeting_quotes as q')
				.innerJoin('meeting_items as mi', 'mi.id', 'q.item_id')
				.innerJoin('meetings as m', 'm.id', 'mi.meeting_id')
				.innerJoin('organisations as o', 'o.id', 'm.organisation_id')
				.select(['q.id', 'o.name'])
				.where('q.id', 'in', list)
				.execute()
	};
	for (const [type, query] of Object.entries(queries)) {
		const list = ids(type);
		if (list.length > 0) put(type, await query(list));
	}
	return facts;
}
