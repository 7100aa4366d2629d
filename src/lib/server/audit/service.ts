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
	const facts = await repository.subjectFacts(
		db,
		rows.map((r) => ({ type: r.subjectType, id: r.subjectId }))
	);
	const entries = rows.map(({ subjectType, subjectId, detail, ...entry }) => ({
		...entry,
		subject: {
			type: subjectType,
			id: subjectId,
			...(facts.get(`${subjectType}:${subjectId}`) ?? { name: null, number: null, slug: null }),
			known: facts.has(`${subjectType}:${subjectId}`)
		} satisfies AuditSubject,
		detail: detailParts(detail)
	}));
	return { entries, page, pages, total };
}

/** What an entry is about: its kind and id as stored, and what the log can say of it in words. */
export interface AuditSubject extends repository.AuditSubjectFacts {
	type: string;
	id: number | null;
	/** False when the subject is gone or of a kind the log cannot name: then it shows the kind and id. */
	known: boolean;
}

/**
 * An entry's detail as parts to show one by one: a JSON object becomes its fields (a nested value as
 * JSON), anything else one part without a name. Empty detail: no parts.
 */
export function detailParts(detail: string): { name: string | null; value: string }[] {
	if (!detail) return [];
	let parsed: unknown;
	try {
		parsed = JSON.parse(detail);
	} catch {
		return [{ name: null, value: detail }];
	}
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return [{ name: null, value: detail }];
	return Object.entries(parsed)
		.filter(([, value]) => value !== null && value !== undefined && value !== '')
		.map(([name, value]) => ({ name, value: typeof value === 'string' ? value : JSON.stringify(value) }));
}
