import { describe, expect, it } from 'vitest';
import { cleanLine, cleanText, removeInvisible } from './clean';

/** The code points of a string, as U+XXXX, so a failing test shows what is invisible. */
const points = (s: string) => [...s].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);

describe('cleanText removes what hides or disguises text', () => {
	it.each([
		['a right-to-left override (a file name that reads backwards)', 'abc\u202Etxt.exe', 'abctxt.exe'],
		['the other bidi embeddings and overrides', 'a\u202Ab\u202Bc\u202Cd\u202De', 'abcde'],
		['bidi isolates', '\u2066abc\u2069 \u2067def\u2069 \u2068ghi\u2069', 'abc def ghi'],
		['left-to-right, right-to-left and Arabic letter marks', 'a\u200Eb\u200Fc\u061Cd', 'abcd'],
		['a zero-width space inside a phone number', '0470\u200B12\u200B34\u200B56', '0470123456'],
		['a word joiner and a BOM', 'wo\u2060rd\uFEFF', 'word'],
		['a soft hyphen', 'ver\u00ADgadering', 'vergadering'],
		['invisible maths operators', 'a\u2061b\u2062c\u2063d\u2064e', 'abcde'],
		['deprecated format characters', 'a\u206Ab\u206Fc', 'abc'],
		['interlinear annotation characters', 'a\uFFF9b\uFFFAc\uFFFB', 'abc'],
		['the Mongolian vowel separator', 'a\u180Eb', 'ab'],
		['Hangul fillers (an "invisible" letter)', 'a\u3164b\uFFA0c\u115Fd\u1160e', 'abcde'],
		['the combining grapheme joiner', 'a\u034Fb', 'ab'],
		['tag characters outside a flag ("ASCII smuggling")', 'hi\u{E0001}\u{E0069}\u{E0067}\u{E006E}\u{E007F}', 'hi'],
		['shorthand format controls and musical formatting', 'a\u{1BCA0}b\u{1D173}c', 'abc'],
		['noncharacters', 'a\uFFFEb\u{10FFFF}c\uFDD0d', 'abcd'],
		['a lone surrogate', 'a\uD800b\uDC00c', 'abc'],
		['control characters, C0 and C1', 'a\u0000b\u0007c\u001Bd\u007Fe\u0080f\u009Fg', 'abcdefg'],
		[
			'a run of variation selectors after a letter ("emoji smuggling"), but for the first',
			'a\uFE0F\u{E0100}\u{E0101}\uFE00',
			'a\uFE0F'
		],
		['a variation selector with nothing to select', '\uFE0Fab \uFE0Fc', 'ab c'],
		['ZWNJ between Latin letters', 'Auf\u200Clage', 'Auflage'],
		['ZWJ between Latin letters and digits', 'pa\u200Dss 12\u200D34', 'pass 1234'],
		['ZWNJ and ZWJ next to spaces and punctuation', 'a \u200Cb \u200D. \u200C', 'a b .'],
		['ZWNJ between Arabic-Indic digits', '٠٤٧٠\u200C١٢', '٠٤٧٠١٢'],
		['ZWNJ between an Arabic letter and a Latin one', 'ی\u200Ca', 'یa'],
		['ZWJ between an emoji and a letter', '🙂\u200Da', '🙂a']
	])('%s', (_, raw, clean) => {
		expect(points(cleanText(raw))).toEqual(points(clean));
	});

	it('refuses nothing: a text of only invisible characters becomes empty', () => {
		expect(cleanText('\u200B\u200C\u200D\u2060\uFEFF\u202E\u2066\u2069\u00AD \u3164\n\u200E')).toBe('');
	});
});

describe('cleanText keeps what writing needs', () => {
	it.each([
		['Persian with ZWNJ ("I want")', 'می\u200Cخواهم'],
		['Persian with ZWNJ in a longer sentence', 'من می\u200Cخواهم کتاب\u200Cها را بخوانم'],
		['Arabic with harakat, and a mark before ZWNJ', 'مِی\u200Cخَواهم'],
		['Arabic text', 'نريد أن يُسمع صوتنا في القرار'],
		['Arabic with its number sign and end of ayah (visible format characters)', '\u0600١٢٣ \u06DD١'],
		['Devanagari with ZWJ (half form) and ZWNJ', 'क्\u200Dष क्\u200Cष'],
		['Malayalam with ZWJ (chillu)', 'ന്\u200D'],
		['an Arabic letter with ZWJ to show its joining form', 'ه\u200D'],
		['a family emoji (ZWJ sequence)', '👩\u200D👩\u200D👧'],
		['the rainbow flag (VS16 and ZWJ)', '🏳\uFE0F\u200D🌈'],
		['a person with a skin tone at a computer', '👩🏽\u200D💻'],
		['a heart on fire', '❤\uFE0F\u200D🔥'],
		['a kiss', '👩\u200D❤\uFE0F\u200D💋\u200D👨'],
		['a man running (gender sign after ZWJ)', '🏃\u200D♂\uFE0F'],
		['the flag of Scotland (tag sequence)', '🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}'],
		['a keycap', '1\uFE0F\u20E3'],
		['text presentation', '☺\uFE0E'],
		['a CJK ideographic variation sequence', '葛\u{E0100}'],
		['Turkish and French', 'Çocuklar için ücretsiz; «\u202Fcrèche\u202F» à côté'],
		['a non-breaking space', '10\u00A0km'],
		['private-use characters (they show, as a box)', 'a\uE000b'],
		['tabs and single empty lines', 'a\tb\n\nc']
	])('%s', (_, text) => {
		expect(points(cleanText(text))).toEqual(points(text));
	});
});

describe('cleanText tidies the rest', () => {
	it('writes line breaks as \\n, at most one empty line in a row, no spaces at line ends, trimmed', () => {
		expect(cleanText('  a  \r\nb\rc\u2028d\u2029e\u0085f\n\n\n\ng  ')).toBe('a\nb\nc\nd\ne\nf\n\ng');
	});

	it('normalises to NFC, also where a removed character stood between a letter and its accent', () => {
		expect(cleanText('e\u0301')).toBe('é');
		expect(cleanText('e\u034F\u0301')).toBe('é');
	});

	it('turns the blank braille pattern into a space, so a text of them is empty', () => {
		expect(cleanText('a\u2800b')).toBe('a b');
		expect(cleanText('\u2800\u2800')).toBe('');
	});
});

describe('cleanLine', () => {
	it('is one line with single spaces', () => {
		expect(cleanLine(' Buurtwerk \u200B De\n\nBrug\t(demo) ')).toBe('Buurtwerk De Brug (demo)');
	});
});

describe('removeInvisible', () => {
	it('leaves spaces, line breaks and visible text as they are', () => {
		expect(removeInvisible('  a\r\n\n\n b  ')).toBe('  a\r\n\n\n b  ');
	});

	it('changes nothing in a clean text, so "removeInvisible(x) !== x" finds hidden characters', () => {
		expect(removeInvisible('Fátima B.')).toBe('Fátima B.');
		expect(removeInvisible('Fátima\u3164')).not.toBe('Fátima\u3164');
	});
});
