import { createAnnotator, type MatchableTerm } from '../text/annotate';
import { dutch } from './dutch';
import { english } from './english';
import type { LanguageRules } from './language-rules';

/*
 * The writing check (issue 15, docs/writing-check.md): advice for staff who write plain language, the
 * same on the server (the "Check my text" button, without JavaScript) and in the browser (as they
 * type). It advises and never blocks. Dutch first, with rules that fit its spelling and grammar, and
 * English for texts translated into it (dutch.ts, english.ts); other languages get no advice yet.
 */

/** More words than this in one sentence is a long sentence. */
export const MAX_SENTENCE_WORDS = 20;
/** Under this many words, a readability score says nothing. */
export const MIN_WORDS_FOR_LEVEL = 20;
/** A score of this or more counts as "B1 or simpler" (Douma's and Flesch's "normal"/"standard" band and easier). */
export const B1_SCORE = 60;
/** A quoted long sentence is cut after this many words. */
const QUOTE_WORDS = 8;

const rulesOf: Record<string, LanguageRules> = { nl: dutch, en: english };

export type FindingRule = 'longSentence' | 'longWord' | 'passive' | 'jargon' | 'abbreviation';

export interface Finding {
	rule: FindingRule;
	/** Where in the text, as offsets: the quote is text.slice(start, end), shortened for long sentences. */
	start: number;
	end: number;
	quote: string;
	/** Words in a long sentence, or syllables in a long word. */
	count?: number;
}

export type Level = 'b1' | 'aboveB1' | 'tooShort';

export interface WritingAdvice {
	words: number;
	sentences: number;
	/** The readability score (higher is easier), or null for a text too short to score. */
	score: number | null;
	/** The formula of the score, and an example for the passive tip, in the text's language. */
	formula: string;
	passiveExample: { active: string; passive: string };
	level: Level;
	findings: Finding[];
}

/** The glossary's forms, as the check needs them (no explanations: it only finds them). */
export type WritingTerms = Pick<MatchableTerm, 'kind' | 'forms'>[];

export const isCheckedLanguage = (language: string): boolean => Object.hasOwn(rulesOf, language);

// A word: letters and digits, joined by an apostrophe or hyphen ("OCMW's", "etnisch-culturele").
const wordPattern = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
// A citation marker of a summary ([#12], [#m4], [#p3]) is no word.
const marker = /\[#[a-z]?\d+\]/g;

interface Span {
	start: number;
	end: number;
}
interface Word extends Span {
	text: string;
}

/** Sentences: ended by . ! ? before a space, or by a line break (list items, paragraphs). */
function sentences(text: string, dottedAbbreviations: RegExp): Span[] {
	const out: Span[] = [];
	let start = 0;
	const end = (at: number) => {
		if (text.slice(start, at).trim()) out.push({ start, end: at });
		start = at;
	};
	for (const m of text.matchAll(/[.!?…]+["'”’)]*(?=\s|$)|\n/g)) {
		const at = m.index + m[0].length;
		if (m[0] !== '\n' && dottedAbbreviations.test(text.slice(start, at))) continue;
		end(at);
	}
	end(text.length);
	return out;
}

function wordsIn(text: string, span: Span): Word[] {
	const part = text.slice(span.start, span.end).replace(marker, (m) => ' '.repeat(m.length));
	return [...part.matchAll(wordPattern)]
		.filter((m) => /\p{L}/u.test(m[0]))
		.map((m) => ({ text: m[0], start: span.start + m.index, end: span.start + m.index + m[0].length }));
}

/**
 * Passive voice in one sentence: an auxiliary ("worden", "zijn"; "be") and a past participle in the same
 * clause (clauses end at , ; : and brackets), at most `passiveReach` words apart, and in Dutch in either
 * order ("wordt … besloten", "zal besproken worden").
 */
function passives(text: string, words: Word[], rules: LanguageRules): Finding[] {
	const out: Finding[] = [];
	let clause: Word[] = [];
	const lower = (w: Word) => w.text.toLowerCase();
	const flush = () => {
		for (const [i, aux] of clause.entries()) {
			if (!rules.auxiliaries.has(lower(aux))) continue;
			const near = (j: number) =>
				j !== i && Math.abs(j - i) - 1 <= rules.passiveReach && (rules.participleFirst || j > i);
			const j = clause.findIndex((w, j) => near(j) && rules.isParticiple(lower(w)));
			if (j < 0) continue;
			const [a, b] = i < j ? [aux, clause[j]] : [clause[j], aux];
			out.push({
				rule: 'passive',
				start: a.start,
				end: b.end,
				quote: Math.abs(j - i) > 4 ? `${a.text} … ${b.text}` : text.slice(a.start, b.end)
			});
			break;
		}
		clause = [];
	};
	for (const w of words) {
		const before = clause.length ? text.slice(clause[clause.length - 1].end, w.start) : '';
		if (/[,;:()]/.test(before)) flush();
		clause.push(w);
	}
	flush();
	return out;
}

/**
 * Checks a text written in `language` and advises. Returns null for a language the check does not know
 * (the page says so) and for an empty text. `terms` are the glossary's: each found is advice to use a
 * plain word or explain it; any other word in capitals is an abbreviation to write out.
 */
export function checkWriting(text: string, language: string, terms: WritingTerms = []): WritingAdvice | null {
	const rules = isCheckedLanguage(language) ? rulesOf[language] : null;
	if (!rules || !text.trim()) return null;
	const findings: Finding[] = [];
	let words = 0;
	let syllables = 0;
	const spans = sentences(text, rules.dottedAbbreviations);
	let counted = 0;

	const glossaryForms = new Set(terms.flatMap((t) => t.forms));
	const annotate = createAnnotator(terms.map((t, i) => ({ slug: String(i), kind: t.kind, forms: t.forms })));
	let offset = 0;
	for (const run of annotate(text)) {
		const part = typeof run === 'string' ? run : run.text;
		if (typeof run !== 'string')
			findings.push({ rule: 'jargon', start: offset, end: offset + part.length, quote: part });
		offset += part.length;
	}

	// A glossary term is advice enough: it is not also a long word.
	const jargon = findings.slice();
	const inJargon = (w: Word) => jargon.some((j) => w.start < j.end && w.end > j.start);

	for (const span of spans) {
		const ws = wordsIn(text, span);
		if (ws.length === 0) continue;
		counted++;
		words += ws.length;
		if (ws.length > MAX_SENTENCE_WORDS) {
			// Quoted from where the sentence starts, so a quote mark or bracket before its first word shows.
			const from = span.start + (span.end - span.start - text.slice(span.start, span.end).trimStart().length);
			findings.push({
				rule: 'longSentence',
				start: from,
				end: ws[ws.length - 1].end,
				quote: `${text.slice(from, ws[QUOTE_WORDS - 1].end)} …`,
				count: ws.length
			});
		}
		for (const w of ws) {
			const s = rules.syllables(w.text);
			syllables += s;
			const letters = w.text.replace(/[^\p{L}]/gu, '').length;
			const isAbbreviation = /^\p{Lu}{2,}(?:['’]?s)?$/u.test(w.text);
			if (isAbbreviation && !glossaryForms.has(w.text))
				findings.push({ rule: 'abbreviation', start: w.start, end: w.end, quote: w.text });
			else if (!isAbbreviation && !inJargon(w) && (s >= rules.longWordSyllables || letters >= rules.longWordLetters))
				findings.push({ rule: 'longWord', start: w.start, end: w.end, quote: w.text, count: s });
		}
		findings.push(...passives(text, ws, rules));
	}

	const score = words >= MIN_WORDS_FOR_LEVEL ? Math.round(rules.score(words / counted, syllables / words)) : null;
	findings.sort((a, b) => a.start - b.start || b.end - a.end);
	return {
		words,
		sentences: counted,
		score,
		formula: rules.formula,
		passiveExample: rules.passiveExample,
		level: score === null ? 'tooShort' : score >= B1_SCORE ? 'b1' : 'aboveB1',
		findings
	};
}
