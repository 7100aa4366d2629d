import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultLocale, namespaces } from './locales';

/*
 * Where a number meets a noun, the words need the plural form that number takes: "1 melding", "2
 * meldingen", and in Arabic six forms (issue 14). These tests find the places that do not: an interpolated
 * number followed by a noun in a Dutch message that is not plural-aware on that number, and a number
 * written next to a translated word in a page. They read the files as text, with the rules below.
 */

const pluralSuffix = /_(zero|one|two|few|many|other)$/;

function flatten(value: unknown, prefix = '', out: Record<string, string> = {}): Record<string, string> {
	if (typeof value === 'string') out[prefix] = value;
	else if (value && typeof value === 'object')
		for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
	return out;
}

/** Placeholders that hold words, not numbers (a name, a date, a language, a phrase made elsewhere). */
const wordPlaceholders = new Set([
	'name',
	'date',
	'until',
	'language',
	'title',
	'place',
	'link',
	'reason',
	'kinds',
	'label',
	'marker',
	'markers',
	'from',
	'into',
	'item',
	'status',
	'duration',
	'organisation',
	'line',
	'where',
	'id',
	'ids',
	'suggestion',
	'by',
	'group',
	'numeral',
	'other',
	// Already a phrase with its own plural ("12 mensen"), made by meetings:thread.people.
	'people'
]);

/**
 * Dutch words that may follow a number without being a noun that counts it: prepositions ("2 van 4",
 * "1 tot 10") and the words for a stance ("3 akkoord", "2 eens", "1 weet niet", "4 voor, 2 tegen").
 */
const notNouns = new Set([
	'van',
	'tot',
	'in',
	'om',
	'naar',
	'en',
	'of',
	'uit',
	'op',
	'per',
	// "{{meetings}} met samen {{people}}", "{{positions}} van {{organisations}} over {{recommendations}}"
	// (results:findings.meetingsLine, positionsLine): there the placeholder is already a counted phrase
	// ("3 groepsgesprekken", made by findingTexts with findings.meetingCount) and the next word is a preposition.
	'met',
	'over',
	'akkoord',
	'eens',
	'oneens',
	'weet',
	'niet',
	'voor',
	'tegen'
]);

/**
 * The Dutch messages where a number placeholder is followed by a noun while the message does not take
 * its plural form from that number: a key without plural forms, or a plural key (on {{count}}) where a
 * second number meets a noun.
 */
export function numberNounMessages(dir = 'src/lib/i18n/locales'): string[] {
	const found: string[] = [];
	for (const ns of namespaces) {
		const flat = flatten(JSON.parse(readFileSync(join(dir, defaultLocale, `${ns}.json`), 'utf8')));
		for (const [key, value] of Object.entries(flat)) {
			const plural = pluralSuffix.test(key);
			for (const m of value.matchAll(/\{\{\s*(\w+)[^}]*\}\}\s+(\p{Ll}+)/gu)) {
				const [, name, next] = m;
				if (wordPlaceholders.has(name) || notNouns.has(next)) continue;
				// In a plural key, {{n}} is the count itself, formatted by the page (see the dashboard's figures).
				if (plural && (name === 'count' || name === 'n')) continue;
				found.push(`${ns}:${key}: "${m[0]}"`);
			}
		}
	}
	return found.sort();
}

function svelteFiles(dir: string, out: string[] = []): string[] {
	for (const name of readdirSync(dir)) {
		const p = join(dir, name);
		if (statSync(p).isDirectory()) svelteFiles(p, out);
		else if (name.endsWith('.svelte')) out.push(p);
	}
	return out;
}

/** A number in markup: a formatted number, a length, or a count or total. */
const numberExpression = String.raw`\{(?:n|formatNumber)\([^{}]*\)\}|\{[\w.]*(?:\.length|[cC]ount|[tT]otal|unread)\}`;
/** A call of t(...) in markup, with at most one level of braces for its options. */
const tCall = String.raw`\{t\((?:[^{}]|\{[^{}]*\})*\)\}`;
/** What may stand between them in running text: spaces and inline tags (not a table cell boundary). */
const inline = String.raw`(?:\s|</?(?:strong|b|em|span|bdi)\b[^>]*>)*`;
const nextToEachOther = new RegExp(
	`(?:${numberExpression})${inline}(${tCall})|(${tCall})${inline}(?:${numberExpression})`,
	'g'
);

/** Places in .svelte files where a number stands next to a translated word that does not get that number as count. */
export function numbersBesideWords(dir = 'src'): string[] {
	const found: string[] = [];
	for (const file of svelteFiles(dir)) {
		const code = readFileSync(file, 'utf8');
		for (const m of code.matchAll(nextToEachOther)) {
			const call = m[1] ?? m[2];
			if (/\bcount\s*[:,}]/.test(call)) continue;
			const line = code.slice(0, m.index).split('\n').length;
			found.push(`${file}:${line}: ${m[0].replace(/\s+/g, ' ')}`);
		}
	}
	return found.sort();
}

describe('plural forms where a number meets a noun', () => {
	it('finds them in messages and pages (the rules work)', () => {
		// Made-up cases, each of which the rules must catch or let pass.
		const value = (s: string) => [...s.matchAll(/\{\{\s*(\w+)[^}]*\}\}\s+(\p{Ll}+)/gu)].map((m) => m[2]);
		expect(value('{{comments}} reacties, {{reports}} meldingen.')).toEqual(['reacties', 'meldingen']);
		expect("<li><strong>{n(total)}</strong> {t('results:totals.reports')}</li>").toMatch(nextToEachOther);
		expect("<td>{n(total)}</td><th>{t('results:totals.reports')}</th>").not.toMatch(nextToEachOther);
	});

	it('has no Dutch message where a number meets a noun without plural forms for that number', () => {
		expect(numberNounMessages()).toEqual([]);
	});

	it('has no page that writes a number next to a translated word that is not plural on it', () => {
		expect(numbersBesideWords()).toEqual([]);
	});
});

describe('the counts inside the plural nouns (common:unit.*)', () => {
	it('write large numbers the way each language groups digits, also when a message nests the noun', async () => {
		const { loadTranslator } = await import('./translator');
		const nl = await loadTranslator('nl');
		const fr = await loadTranslator('fr');
		expect(nl('common:unit.people', { count: 12345 })).toBe(`${new Intl.NumberFormat('nl').format(12345)} mensen`);
		expect(nl('common:unit.people', { count: 12345 })).toContain('12.345');
		expect(fr('common:unit.people', { count: 12345 })).toContain(new Intl.NumberFormat('fr').format(12345));
		// Every noun of every language formats its count: none prints the bare digits of 12345.
		for (const locale of ['nl', 'fr', 'en', 'tr', 'ar'] as const) {
			const t = await loadTranslator(locale);
			const units = JSON.parse(readFileSync(join('src/lib/i18n/locales', locale, 'common.json'), 'utf8')).unit;
			const nouns = new Set(Object.keys(units).map((k) => k.replace(pluralSuffix, '')));
			for (const noun of nouns)
				expect(t(`common:unit.${noun}`, { count: 12345 }), `${locale} ${noun}`).not.toContain('12345');
		}
	});
});
