import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { auditActionKey, auditKinds, auditReasonKey } from './audit-labels';
import { auditActions, auditReasonLists } from './domain';
import { namespaces } from './i18n/locales';

/*
 * The moderation log names every action and reason in words (issue 14). The list of actions is the one
 * audit.record accepts (domain.ts, auditActions), so a new code added there without words fails here,
 * and a code missing from it does not type-check where a service writes it.
 */

const nlKeys = new Set<string>();
for (const ns of namespaces) {
	const walk = (value: unknown, prefix: string) => {
		if (typeof value === 'string') nlKeys.add(`${ns}:${prefix.replace(/_(zero|one|two|few|many|other)$/, '')}`);
		else if (value && typeof value === 'object')
			for (const [k, v] of Object.entries(value)) walk(v, prefix ? `${prefix}.${k}` : k);
	};
	walk(JSON.parse(readFileSync(`src/lib/i18n/locales/nl/${ns}.json`, 'utf8')), '');
}

describe('words for the audit log', () => {
	it('has a Dutch name for every action code (the other languages are held to nl by locales.test.ts)', () => {
		const missing = Object.keys(auditActions).filter((a) => !nlKeys.has(auditActionKey(a)!));
		expect(Object.keys(auditActions).length).toBeGreaterThan(40);
		expect(missing).toEqual([]);
	});

	it('has a Dutch name for every reason each action can carry', () => {
		const missing: string[] = [];
		let checked = 0;
		for (const [action, kind] of Object.entries(auditActions)) {
			if (kind === null) continue;
			for (const reason of auditReasonLists[kind]) {
				checked++;
				const key = auditReasonKey(action, reason);
				if (!key || !nlKeys.has(key)) missing.push(`${action} ${reason} → ${key}`);
			}
		}
		expect(checked).toBeGreaterThan(30);
		expect(missing).toEqual([]);
	});

	it('names every kind the log can be filtered by', () => {
		expect(auditKinds).toContain('meeting_quote');
		expect(auditKinds.filter((k) => !nlKeys.has(`moderation:log.kinds.${k}`))).toEqual([]);
	});

	it('gives no words for a code or reason it does not know, so the log shows what was stored', () => {
		expect(auditActionKey('comment.vanished')).toBeNull();
		expect(auditReasonKey('comment.hide', 'adopted')).toBeNull();
		expect(auditReasonKey('invite.created', 'personal')).toBeNull();
		expect(auditReasonKey('comment.hide', 'personal')).toBe('moderation:reason.personal');
		expect(auditActionKey('account.deleted.keep')).toBe('moderation:log.action.account_deleted_keep');
	});
});
