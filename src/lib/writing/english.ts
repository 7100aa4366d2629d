import type { LanguageRules } from './language-rules';

/*
 * English word rules for the writing check (docs/writing-check.md), for texts translated into English:
 * the usual rule of thumb for syllables, and "be" with a past participle for the passive.
 */

/** The syllables of one English word: groups of vowels, less a silent final e and -es/-ed (at least 1). */
export function englishSyllables(word: string): number {
	const w = word.toLowerCase().replace(/[^a-z]/g, '');
	if (w.length <= 3) return 1;
	const trimmed = w
		// A silent ending: "made", "makes", "helped" (but "decided" keeps its -ed, "houses" its -es, "table" its -le).
		.replace(/(?:[^laeiouyhsxz]es|(?<![td])ed|[^laeiouy]e)$/, '')
		.replace(/^y/, '');
	return Math.max(1, (trimmed.match(/[aeiouy]{1,2}/g) ?? []).length);
}

// Past participles that do not end in -ed.
const irregular = new Set(
	(
		'done made given taken seen known shown written chosen held paid told sent built brought found kept left put ' +
		'set spent heard met understood led won said thought bought taught caught begun broken spoken drawn driven ' +
		'eaten fallen forgotten grown hidden stolen thrown worn cut hit hurt let shut run become overcome withdrawn'
	).split(' ')
);
// Words in -ed that are no participle after "be": "is red", "was need…".
const notParticiple = new Set(['red', 'bed', 'shed', 'need', 'seed', 'feed', 'speed', 'hundred', 'indeed']);

/** Whether a lower-case English word is probably a past participle. */
export function isEnglishParticiple(word: string): boolean {
	return irregular.has(word) || (/^[a-z]{2,}ed$/.test(word) && !notParticiple.has(word));
}

/** The writing check's rules for English. */
export const english: LanguageRules = {
	syllables: englishSyllables,
	auxiliaries: new Set([
		'am',
		'is',
		'are',
		'was',
		'were',
		'be',
		'been',
		'being',
		"isn't",
		"aren't",
		"wasn't",
		"weren't"
	]),
	isParticiple: isEnglishParticiple,
	// "is decided", "is often decided", "will be carefully looked at".
	passiveReach: 2,
	participleFirst: false,
	// English writes compounds apart, so its long words are rarer: five syllables ("responsibility") or
	// 14 letters; four would flag everyday words that the rule of thumb miscounts ("carefully").
	longWordSyllables: 5,
	longWordLetters: 14,
	dottedAbbreviations: /(?:^|[\s(])(?:e\.g|i\.e|etc|vs|approx|incl|no)\.$/i,
	// Flesch's Reading Ease (1948).
	score: (wordsPerSentence, syllablesPerWord) => 206.835 - 84.6 * syllablesPerWord - 1.015 * wordsPerSentence,
	formula: 'Flesch',
	passiveExample: { active: '“we decide”', passive: '“it is decided”' }
};
