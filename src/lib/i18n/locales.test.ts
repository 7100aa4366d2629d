import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultLocale, locales, namespaces } from './locales';

const dir = 'src/lib/i18n/locales';
const pluralSuffix = /_(zero|one|two|few|many|other)$/;

function load(locale: string, ns: string): Record<string, unknown> {
	return JSON.parse(readFileSync(join(dir, locale, `${ns}.json`), 'utf8'));
}

/** Flattens nested objects and arrays into dotted keys with their string values. */
function flatten(value: unknown, prefix = '', out: Record<string, string> = {}): Record<string, string> {
	if (typeof value === 'string') out[prefix] = value;
	else if (Array.isArray(value)) value.forEach((v, i) => flatten(v, `${prefix}.${i}`, out));
	else if (value && typeof value === 'object') {
		for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
	} else throw new Error(`Unexpected value at ${prefix}: ${String(value)}`);
	return out;
}

/** Keys without plural suffixes, and for each plural key the forms present. */
function shape(flat: Record<string, string>) {
	const plain = new Set<string>();
	const plurals = new Map<string, Set<string>>();
	for (const key of Object.keys(flat)) {
		const m = key.match(pluralSuffix);
		if (m) {
			const base = key.slice(0, -m[0].length);
			plurals.set(base, (plurals.get(base) ?? new Set()).add(m[1]));
		} else plain.add(key);
	}
	return { plain, plurals };
}

const placeholders = (s: string) => [...s.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]).sort();

describe('interface translations', () => {
	it('has a file for every namespace in every locale', () => {
		for (const locale of locales) {
			const files = readdirSync(join(dir, locale))
				.filter((f) => f.endsWith('.json'))
				.sort();
			expect(files, locale).toEqual(namespaces.map((ns) => `${ns}.json`).sort());
		}
	});

	for (const ns of namespaces) {
		const source = flatten(load(defaultLocale, ns));
		const sourceShape = shape(source);

		for (const locale of locales) {
			it(`${locale}/${ns} has every key of nl, no extra key, and every plural form ${locale} needs`, () => {
				const target = flatten(load(locale, ns));
				const targetShape = shape(target);
				expect([...targetShape.plain].sort()).toEqual([...sourceShape.plain].sort());
				expect([...targetShape.plurals.keys()].sort()).toEqual([...sourceShape.plurals.keys()].sort());
				const needed = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
				for (const [base, forms] of targetShape.plurals) {
					expect([...forms].sort(), `${locale}/${ns}:${base}`).toEqual([...needed].sort());
				}
				for (const [key, value] of Object.entries(target)) {
					expect(value.trim(), `${locale}/${ns}:${key} is empty`).not.toBe('');
					const base = key.replace(pluralSuffix, '');
					const sourceKey = sourceShape.plurals.has(base) ? `${base}_other` : key;
					// Placeholders must survive translation ({{count}} may be left out of a singular form).
					const expected = placeholders(source[sourceKey]).filter((p) => !(p === 'count' && key !== sourceKey));
					for (const p of expected) expect(placeholders(value), `${locale}/${ns}:${key}`).toContain(p);
				}
			});
		}
	}

	it('has an nl entry for every literal key the code asks for', () => {
		const files: string[] = [];
		const walk = (d: string) => {
			for (const name of readdirSync(d)) {
				const p = join(d, name);
				if (statSync(p).isDirectory()) walk(p);
				else if (/\.(svelte|ts)$/.test(name) && !name.endsWith('.test.ts')) files.push(p);
			}
		};
		walk('src');
		const known = new Set<string>();
		for (const ns of namespaces) {
			for (const key of Object.keys(flatten(load(defaultLocale, ns)))) {
				known.add(`${ns}:${key.replace(pluralSuffix, '')}`);
				known.add(`${ns}:${key.replace(pluralSuffix, '').split('.').slice(0, -1).join('.')}`);
			}
		}
		const missing: string[] = [];
		let checked = 0;
		for (const file of files) {
			const code = readFileSync(file, 'utf8');
			// Keys the code asks for directly, and error codes services raise (they are i18n keys too).
			const asked = [...code.matchAll(/\bt\(\s*'([a-zA-Z.:_]+)'/g)].map((m) => m[1]);
			const raised = [
				...code.matchAll(
					/'((?:common|auth|account|organisations|invites|admin|thread|consultation|moderation|summary|results):[a-zA-Z.]+[a-zA-Z])'/g
				)
			].map((m) => m[1]);
			for (const m of [...asked, ...raised].map((k) => [k, k] as const)) {
				const key = m[1].includes(':') ? m[1] : `common:${m[1]}`;
				checked++;
				if (!known.has(key)) missing.push(`${file}: ${key}`);
			}
		}
		expect(checked).toBeGreaterThan(40);
		expect(missing).toEqual([]);
	});
});

describe('messages built from codes at run time', () => {
	const nl = (ns: string) => flatten(load(defaultLocale, ns));
	it('has a message for every name, password, invite and reset problem', () => {
		const auth = nl('auth');
		const expected = [
			...['empty', 'tooShort', 'tooLong', 'characters', 'imitatesStaff', 'taken'].map((p) => `name.${p}`),
			...['empty', 'tooShort', 'tooLong', 'sameAsName', 'currentWrong'].map((p) => `password.${p}`),
			...['unknown', 'revoked', 'expired', 'used'].map((p) => `invite.${p}`),
			...['codeMissing', 'codeUnknown', 'codeUsed', 'codeExpired'].map((p) => `reset.${p}`)
		];
		expect(expected.filter((k) => !(k in auth))).toEqual([]);
	});

	it('names every role, group, association type and invite status', () => {
		const account = nl('account');
		const organisations = nl('organisations');
		const invites = nl('invites');
		const common = nl('common');
		const missing = [
			...['participant', 'moderator', 'policy', 'admin'].map((r) =>
				`role.${r}` in account ? '' : `account:role.${r}`
			),
			...['resident', 'poverty_association', 'migrant_organisation', 'experience_expert', 'professional', 'unsaid'].map(
				(g) => (`group.${g}` in account ? '' : `account:group.${g}`)
			),
			...['poverty_association', 'migrant_organisation', 'civil_society'].map((k) =>
				`kind.${k}` in organisations ? '' : `organisations:kind.${k}`
			),
			...['ok', 'revoked', 'expired', 'used', 'unknown'].map((s) =>
				`status.${s}` in invites ? '' : `invites:status.${s}`
			),
			...['draft', 'open', 'closed', 'summarised', 'answered'].map((p) =>
				`phase.${p}.name` in common ? '' : `common:phase.${p}`
			)
		].filter(Boolean);
		expect(missing).toEqual([]);
	});
});

/*
 * True claims: the interface is the same for every consultation, so it may not promise what only an
 * organiser can do. Whether anyone answers a recommendation is known only from the data (the answers
 * shown where they exist); the interface may say that the organiser *can* answer.
 */
describe('promises the interface cannot keep', () => {
	it('never says the government answers every recommendation, in any language', () => {
		const promises: Record<string, RegExp> = {
			nl: /overheid antwoordt|antwoordt de overheid|op elke aanbeveling een antwoord/i,
			fr: /autorités répondent|aux autorités de répondre/i,
			en: /government answers|answer every recommendation/i,
			tr: /devlet her öneriye cevap ver(ir|ecek)/i,
			ar: /(ترد الحكومة|الحكومة ترد)\.|(ترد الحكومة|الحكومة ترد) على كل/
		};
		const found = Object.entries(promises).flatMap(([locale, promise]) =>
			namespaces.flatMap((ns) =>
				Object.entries(flatten(load(locale, ns)))
					.filter(([, text]) => promise.test(text))
					.map(([key, text]) => `${locale}/${ns}:${key}: ${text}`)
			)
		);
		expect(found).toEqual([]);
	});
});
