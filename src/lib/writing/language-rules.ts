/**
 * What the writing check must know of a language (docs/writing-check.md): how to count syllables, how a
 * passive is built, what makes a word long, and the readability formula fitted to it.
 */
export interface LanguageRules {
	syllables(word: string): number;
	/** The forms of the verbs that make a passive with a past participle (lower case). */
	auxiliaries: ReadonlySet<string>;
	/** Whether a lower-case word is probably a past participle. */
	isParticiple(word: string): boolean;
	/**
	 * How many words may stand between the auxiliary and the participle, and whether the participle may
	 * come first: Dutch puts it at the end of the clause ("wordt … besloten", "besproken worden"),
	 * English right after the verb ("is often decided").
	 */
	passiveReach: number;
	participleFirst: boolean;
	/** A word with this many syllables or more is long; so is one with this many letters or more. */
	longWordSyllables: number;
	longWordLetters: number;
	/** Short forms with a full stop that end no sentence, as the end of a regular expression. */
	dottedAbbreviations: RegExp;
	/** The readability score (higher is easier) from the mean sentence length and the syllables per word. */
	score(wordsPerSentence: number, syllablesPerWord: number): number;
	/** The formula's name, shown with the score. */
	formula: string;
	/** An example for the passive tip, in this language: active, then passive. */
	passiveExample: { active: string; passive: string };
}
