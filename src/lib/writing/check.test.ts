import { describe, expect, it } from 'vitest';
import { checkWriting, MAX_SENTENCE_WORDS, type Finding, type WritingTerms } from './check';
import { dutchSyllables, isDutchParticiple } from './dutch';
import { englishSyllables } from './english';

// A few glossary terms as the demo's glossary has them (src/lib/server/seed/gekleurde-armoede/glossary.json).
const terms: WritingTerms = [
	{ kind: 'abbreviation', forms: ['OCMW', 'OCMW’s'] },
	{ kind: 'jargon', forms: ['doelgroep', 'doelgroepen'] },
	{ kind: 'jargon', forms: ['armoedebestrijding', 'armoedebeleid'] }
];

const rules = (findings: Finding[], rule: Finding['rule']) => findings.filter((f) => f.rule === rule);

/** Each text's passives, as quoted, are those its case expects. */
function expectPassives(language: string, cases: Record<string, string[]>) {
	const found = (text: string) => rules(checkWriting(text, language)!.findings, 'passive').map((f) => f.quote);
	expect(Object.fromEntries(Object.keys(cases).map((text) => [text, found(text)]))).toEqual(cases);
}

describe('dutchSyllables: counts Dutch syllables by vowel spellings', () => {
	it('counts long vowels and diphthongs as one, and vowels that meet in loanwords as two', () => {
		const counts = Object.fromEntries(
			['huis', 'nieuw', 'mensen', 'grote', 'bijeenkomst', 'ideaal', 'situatie', 'sociaal', 'theorie', 'moeite'].map(
				(w) => [w, dutchSyllables(w)]
			)
		);
		expect(counts).toEqual({
			huis: 1,
			nieuw: 1,
			mensen: 2,
			grote: 2,
			bijeenkomst: 3,
			ideaal: 3,
			situatie: 4,
			sociaal: 3,
			theorie: 3,
			moeite: 2
		});
	});

	it('starts a syllable at a diaeresis, and reads "qu" as a consonant', () => {
		expect(dutchSyllables('geëerd')).toBe(2);
		expect(dutchSyllables('beëindigen')).toBe(4);
		expect(dutchSyllables('coördinatie')).toBe(5);
		expect(dutchSyllables('frequentie')).toBe(3);
	});

	it('counts the parts of a compound: armoedebestrijding has six', () => {
		expect(dutchSyllables('armoedebestrijding')).toBe(6);
		expect(dutchSyllables('ervaringsdeskundige')).toBe(7);
	});
});

describe('isDutchParticiple', () => {
	it('knows ge…d/t/en, prefixed and separable participles', () => {
		for (const w of ['gevraagd', 'gemaakt', 'genomen', 'besloten', 'verbeterd', 'opgenomen', 'vastgesteld'])
			expect(isDutchParticiple(w), w).toBe(true);
	});
	it('leaves out nouns, adjectives and the active perfect of verbs with "zijn"', () => {
		for (const w of ['beleid', 'gezond', 'gebied', 'gegaan', 'veranderd', 'verantwoordelijkheid', 'geven'])
			expect(isDutchParticiple(w), w).toBe(false);
	});
});

describe('checkWriting on Dutch sentences known to be hard and easy', () => {
	it('flags a long, passive, bureaucratic sentence and puts it above B1', () => {
		const text =
			'Er wordt door de bevoegde diensten van het OCMW in het kader van de armoedebestrijding besloten dat ' +
			'de beschikbare middelen op een meer doelgerichte wijze moeten worden ingezet ten behoeve van de doelgroep.';
		const advice = checkWriting(text, 'nl', terms)!;
		expect(advice.level).toBe('aboveB1');
		expect(advice.score).toBeLessThan(60);

		const [long] = rules(advice.findings, 'longSentence');
		expect(long.count).toBe(33);
		expect(long.count).toBeGreaterThan(MAX_SENTENCE_WORDS);
		expect(long.quote).toBe('Er wordt door de bevoegde diensten van het …');

		expect(rules(advice.findings, 'passive').map((f) => f.quote)).toEqual(['wordt … besloten']);
		// The glossary's terms, as written in the text, each where it first appears.
		expect(rules(advice.findings, 'jargon').map((f) => f.quote)).toEqual(['OCMW', 'armoedebestrijding', 'doelgroep']);
		// A term from the glossary is not also reported as a long word or an unknown abbreviation.
		expect(rules(advice.findings, 'longWord')).toEqual([]);
		expect(rules(advice.findings, 'abbreviation')).toEqual([]);
	});

	it('finds nothing in short, active sentences and calls them B1 or simpler', () => {
		const text =
			'Wij geven meer geld aan buurthuizen. Zo kunnen zij meer mensen helpen. Wie hulp nodig heeft, kan daar ' +
			'gewoon binnenlopen. Je hoeft geen brief mee te nemen.';
		const advice = checkWriting(text, 'nl', terms)!;
		expect(advice.findings).toEqual([]);
		expect(advice.sentences).toBe(4);
		expect(advice.level).toBe('b1');
		expect(advice.score).toBeGreaterThanOrEqual(60);
	});

	it('flags long compounds by syllables and by letters, quoting each', () => {
		const text = 'Het samenwerkingsverband zorgt voor woonbegeleiding en rechtshulp.';
		const advice = checkWriting(text, 'nl')!;
		expect(rules(advice.findings, 'longWord').map((f) => [f.quote, f.count])).toEqual([
			['samenwerkingsverband', 6],
			['woonbegeleiding', 5]
		]);
		// Each finding points at the place in the text it quotes.
		for (const f of advice.findings) expect(text.slice(f.start, f.end)).toBe(f.quote);
	});

	it('finds "is … besloten" and "zal besproken worden", and not the active "is gegaan"', () => {
		expectPassives('nl', {
			'Dat is vorige week besloten.': ['is vorige week besloten'],
			'Het plan zal morgen besproken worden.': ['besproken worden'],
			'Hij is naar huis gegaan.': [],
			'Het wordt beter.': []
		});
	});

	it('names abbreviations the glossary does not explain', () => {
		const advice = checkWriting('Vraag het aan het CAW of aan het OCMW.', 'nl', terms)!;
		expect(rules(advice.findings, 'abbreviation').map((f) => f.quote)).toEqual(['CAW']);
		expect(rules(advice.findings, 'jargon').map((f) => f.quote)).toEqual(['OCMW']);
	});

	it('does not end a sentence at "bv." and ignores citation markers', () => {
		const advice = checkWriting('Groepen, bv. buurtwerk, helpen [#12]. Dat werkt.', 'nl')!;
		expect(advice.sentences).toBe(2);
		expect(advice.words).toBe(6);
	});

	it('gives no level for a very short text, and no advice for a language it does not know', () => {
		expect(checkWriting('Wij helpen.', 'nl')!.level).toBe('tooShort');
		expect(checkWriting('Nous aidons les gens.', 'fr')).toBeNull();
		expect(checkWriting('Wij helpen.', 'nl')!.formula).toBe('Flesch-Douma');
		expect(checkWriting('   ', 'nl')).toBeNull();
	});
});

describe('checkWriting on English, for texts translated into it', () => {
	it('counts English syllables by vowel groups, less silent endings', () => {
		const counts = Object.fromEntries(
			['made', 'makes', 'helped', 'decided', 'houses', 'table', 'people', 'information', 'responsibility'].map((w) => [
				w,
				englishSyllables(w)
			])
		);
		expect(counts).toEqual({
			made: 1,
			makes: 1,
			helped: 1,
			decided: 3,
			houses: 2,
			table: 2,
			people: 2,
			information: 4,
			responsibility: 6
		});
	});

	it('flags a long passive sentence and puts it above B1, with the Flesch formula', () => {
		const text =
			'It has been decided by the relevant authorities within the framework of the anti-poverty policy that ' +
			'the available resources should be deployed in a more targeted manner for the benefit of the target group.';
		const advice = checkWriting(text, 'en')!;
		expect(advice.formula).toBe('Flesch');
		expect(advice.level).toBe('aboveB1');
		expect(rules(advice.findings, 'longSentence').map((f) => f.count)).toEqual([34]);
		expect(rules(advice.findings, 'passive').map((f) => f.quote)).toEqual(['been decided']);
		expect(rules(advice.findings, 'longWord').map((f) => f.quote)).toEqual(['anti-poverty']);
	});

	it('finds "be" with a participle a word or two later, not a participle before "be"', () => {
		expectPassives('en', {
			'The plan is often discussed.': ['is often discussed'],
			'The plan was made.': ['was made'],
			'What we decided is good.': [],
			'The plan is good and we have discussed it at length.': []
		});
	});

	it('finds nothing in short, active sentences and calls them B1 or simpler', () => {
		const text =
			'We give more money to community centres. They can help more people. Anyone who needs help can just walk ' +
			'in. You do not need a letter.';
		const advice = checkWriting(text, 'en')!;
		expect(advice.findings).toEqual([]);
		expect(advice.level).toBe('b1');
	});
});
