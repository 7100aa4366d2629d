import { auditActions, auditReasonLists, type AuditAction, type AuditReasonKind } from './domain';

/**
 * The words for the audit log (issue 14): the i18n key that names each action, and the key that names
 * its reason, found through domain.ts's auditActions. An entry written before its code was listed (or
 * with a reason outside its list) gets null, and the log shows the code as it was stored.
 */
export function isAuditAction(action: string): action is AuditAction {
	return Object.hasOwn(auditActions, action);
}

export function auditActionKey(action: string): string | null {
	return isAuditAction(action) ? `moderation:log.action.${action.replaceAll('.', '_')}` : null;
}

/** Where each kind of reason already has its words. */
const reasonKeys: Record<AuditReasonKind, (reason: string) => string> = {
	reportReason: (r) => `moderation:reason.${r}`,
	heldFor: (r) => `moderation:log.heldFor.${r}`,
	answerStatus: (r) => `summary:status.${r}`,
	phase: (r) => `common:phase.${r}.name`,
	exportFormat: (r) => `results:export.format.${r.replace('.', '_')}`,
	positionSignOff: (r) => `positions:signOff.${r}`,
	positionStance: (r) => `positions:stance.${r}`
};

export function auditReasonKey(action: string, reason: string): string | null {
	if (!isAuditAction(action)) return null;
	const kind = auditActions[action];
	if (kind === null || !(auditReasonLists[kind] as readonly string[]).includes(reason)) return null;
	return reasonKeys[kind](reason);
}

/** The kinds of action the log can be filtered by: the part of each code before its first dot. */
export const auditKinds = [...new Set(Object.keys(auditActions).map((a) => a.split('.')[0]))];
