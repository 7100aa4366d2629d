import type { LanguageRules } from './language-rules';

/*
 * Dutch word rules for the writing check (docs/writing-check.md): a syllable counter and a test for a
 * past participle. Both are rules of thumb, written here because the hyphenation patterns that would
 * count syllables better (TeX's hyph-nl, as the `hyphen` package ships them) weigh 230 kB, far too much
 * for a page that checks text as staff type.
 */

/**
 * The Dutch vowel spellings that stand for one sound, longest first. A run of vowel letters is split
 * into these from the left, and each piece is one syllable: "ideaal" is i-de-aal (e, aa), "situatie"
 * si-tu-a-tie (u, a, ie), "nieuw" one (ieu). "ij" counts as a vowel; a diaeresis (ë, ï, ö, ü) always
 * starts a new syllable, as in "geëerd" and "coördinatie".
 */
const vowelSpellings = [
	'ieu',
	'eeu',
	'oei',
	'ooi',
	'aai',
	'aa',
	'ee',
	'oo',
	'uu',
	'ie',
	'oe',
	'eu',
	'ui',
	'ei',
	'ij',
	'ou',
	'au'
];
const plainVowel: Record<string, string> = {
	á: 'a',
	à: 'a',
	â: 'a',
	é: 'e',
	è: 'e',
	ê: 'e',
	í: 'i',
	ó: 'o',
	ô: 'o',
	ú: 'u',
	û: 'u'
};
const diaeresis: Record<string, string> = { ä: 'a', ë: 'e', ï: 'i', ö: 'o', ü: 'u' };

/** The syllables of one Dutch word, counted by its vowel spellings (at least 1). */
export function dutchSyllables(word: string): number {
	const letters = word
		.toLocaleLowerCase('nl')
		// "qu" is a consonant cluster: fre-quen-tie has three syllables, not four.
		.replace(/qu/g, 'kw');
	let count = 0;
	let run = '';
	const flush = () => {
		let i = 0;
		while (i < run.length) {
			const spelling = vowelSpellings.find((s) => run.startsWith(s, i));
			i += spelling ? spelling.length : 1;
			count++;
		}
		run = '';
	};
	for (let i = 0; i < letters.length; i++) {
		const c = letters[i];
		if (c in diaeresis) {
			flush();
			run = diaeresis[c];
		} else if ('aeiouy'.includes(c) || c in plainVowel) {
			run += plainVowel[c] ?? c;
		} else if (c === 'j' && run.endsWith('i')) {
			run += 'j';
		} else flush();
	}
	flush();
	return Math.max(1, count);
}

// Separable parts before "ge" in a participle: opgenomen, aangepast, vastgesteld, toegelaten.
const particles = 'aan|af|bij|door|in|mee|na|om|op|over|rond|samen|tegen|terug|toe|uit|vast|voor|weg';
const participle = new RegExp(`^(?:(?:${particles})?ge\\p{L}{2,}|(?:be|ver|ont|her|er)\\p{L}{3,})(?:d|t|en)$`, 'u');

/**
 * Words that look like a participle but are not one here: nouns and adjectives (beleid, gezond), and
 * the perfect tense of verbs that take "zijn" (is gegaan, is veranderd), which is active.
 */
const notPassive = new Set(
	(
		'beleid verband bestand verstand gebied geld gezond gewoon genoeg geleden gelijk geheel gemeenten bedrijven ' +
		'verhalen verschillen besturen betekent bestaat gebeurt ' +
		'geweest geworden gegaan gekomen gebleven gestorven gebeurd gebleken gevallen gestegen gedaald veranderd ' +
		'vertrokken begonnen gestopt verdwenen ontstaan geslaagd gelukt mislukt verhuisd gegroeid toegenomen ' +
		'afgenomen opgegroeid teruggekomen aangekomen overleden geboren verschenen'
	).split(' ')
);

/** Whether a (lower-case) word is probably a past participle: ge…d/t/en, be/ver/ont/her/er…d/t/en, op…ge…. */
export function isDutchParticiple(word: string): boolean {
	return participle.test(word) && !notPassive.has(word) && !/(?:heid|end|ent)$/.test(word);
}

/** The writing check's rules for Dutch (docs/writing-check.md). */
export const dutch: LanguageRules = {
	syllables: dutchSyllables,
	// The forms of "worden" and "zijn" that make a passive with a past participle.
	auxiliaries: new Set(['word', 'wordt', 'worden', 'werd', 'werden', 'is', 'zijn', 'was', 'waren', 'ben', 'bent']),
	isParticiple: isDutchParticiple,
	passiveReach: Infinity,
	participleFirst: true,
	// Compounds are one word in Dutch ("armoedebestrijding"): long by syllables, or by letters.
	longWordSyllables: 5,
	longWordLetters: 16,
	dottedAbbreviations:
		/(?:^|[\s(])(?:bv|bijv|o\.a|enz|d\.w\.z|m\.a\.w|nl|ca|resp|incl|excl|vb|t\.a\.v|i\.p\.v|m\.b\.t)\.$/i,
	// Flesch-Douma: Flesch's Reading Ease fitted to Dutch word and sentence lengths by W.H. Douma.
	score: (wordsPerSentence, syllablesPerWord) => 206.84 - 77 * syllablesPerWord - 0.93 * wordsPerSentence,
	formula: 'Flesch-Douma',
	passiveExample: { active: '„wij beslissen”', passive: '„er wordt beslist”' }
};
