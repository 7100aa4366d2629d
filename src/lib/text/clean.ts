/*
 * Text as we keep it when others will read it: comments, report notes, summaries, answers, association
 * descriptions, moderators' notes. Invisible characters can disguise text: a right-to-left override
 * turns "abc\u202Etxt.exe" into what reads as "abcexe.txt", a zero-width space splits a phone number so
 * no check sees it, a run of variation selectors carries hidden data. They are removed where text
 * enters, before its length and emptiness are checked, so a text of only invisible characters is empty.
 *
 * Kept, because writing needs them:
 * - ZWNJ (U+200C) between two letters of a script that joins or forms conjuncts (Persian "می‌خواهم",
 *   Indic scripts), and ZWJ (U+200D) next to such a letter (Indic half forms, an Arabic letter's
 *   joining form) or between two emoji (👩‍👩‍👧, 🏳️‍🌈). Anywhere else (between Latin letters, digits or
 *   spaces) they only hide things, and go.
 * - One variation selector after a character (❤️ for the emoji, ︎ for text, a CJK variant); a second one
 *   in a row selects nothing.
 * - The tags of a subdivision flag (🏴󠁧󠁢󠁳󠁣󠁴󠁿, Scotland), only inside that sequence.
 * - The Arabic number and year signs (U+0600–0605 and the like), which are format characters but visible.
 */

/** Letters and marks of the scripts where ZWJ and ZWNJ change how letters join or combine. */
const joiningScripts = [
	'Arab',
	'Syrc',
	'Nkoo',
	'Mong',
	'Deva',
	'Beng',
	'Guru',
	'Gujr',
	'Orya',
	'Taml',
	'Telu',
	'Knda',
	'Mlym',
	'Sinh',
	'Mymr',
	'Khmr',
	'Tibt'
];
const joiningLetter = new RegExp(
	`^(?=[\\p{L}\\p{M}])[${joiningScripts.map((s) => `\\p{Script_Extensions=${s}}`).join('')}]$`,
	'u'
);
const emojiBeforeZwj = /^[\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F]$/u;
const emojiAfterZwj = /^\p{Extended_Pictographic}$/u;

/**
 * Removed everywhere: format characters (bidi embeddings, overrides, isolates and marks, zero-width
 * space, word joiner, BOM, soft hyphen, invisible operators, tags), other default-ignorable characters
 * (Hangul fillers, the combining grapheme joiner), noncharacters and lone surrogates; except ZWJ, ZWNJ
 * and variation selectors (judged by their neighbours below) and the visible Arabic number signs. A
 * subdivision flag's tag sequence is matched first, and kept whole.
 */
const invisible =
	/(\u{1F3F4}[\u{E0020}-\u{E007E}]{1,32}\u{E007F})|(?![\u200C\u200D\p{Variation_Selector}\u0600-\u0605\u06DD\u070F\u0890\u0891\u08E2\u{110BD}\u{110CD}])[\p{Cf}\p{Default_Ignorable_Code_Point}\p{Noncharacter_Code_Point}\p{Cs}]/gu;

/** The whole character (one or two UTF-16 units) that ends just before index `i`, or ''. */
function charBefore(s: string, i: number): string {
	const last = s.charCodeAt(i - 1);
	const pair =
		i >= 2 && last >= 0xdc00 && last <= 0xdfff && s.charCodeAt(i - 2) >= 0xd800 && s.charCodeAt(i - 2) <= 0xdbff;
	return s.slice(Math.max(0, i - (pair ? 2 : 1)), i);
}

/** The whole character that starts at index `i`, or ''. */
function charAt(s: string, i: number): string {
	const code = s.codePointAt(i);
	return code === undefined ? '' : String.fromCodePoint(code);
}

function keepJoiner(joiner: string, before: string, after: string): boolean {
	if (joiner === '\u200C') return joiningLetter.test(before) && joiningLetter.test(after);
	return (
		joiningLetter.test(before) ||
		joiningLetter.test(after) ||
		(emojiBeforeZwj.test(before) && emojiAfterZwj.test(after))
	);
}

/**
 * The text without the characters that hide or disguise it (see above); everything visible, spaces and
 * line breaks included, stays as it is. Also used to refuse names that contain such characters.
 */
export function removeInvisible(text: string): string {
	return (
		text
			.replace(invisible, (_, flag: string | undefined) => flag ?? '')
			// Of a run of joiners, the first one counts.
			.replace(/([\u200C\u200D])[\u200C\u200D]+/g, '$1')
			.replace(/[\u200C\u200D]/g, (joiner, at: number, s: string) =>
				keepJoiner(joiner, charBefore(s, at), charAt(s, at + 1)) ? joiner : ''
			)
			// A variation selector at the start, after a space or after another one selects nothing.
			.replace(/(?<=^|\s|\p{Variation_Selector})\p{Variation_Selector}+/gu, '')
	);
}

/**
 * Plain text as we keep it: no invisible characters, no control characters but line breaks and tabs,
 * \n line breaks (at most one empty line in a row), no spaces at the end of a line, Unicode NFC, trimmed.
 */
export function cleanText(raw: string): string {
	return (
		removeInvisible(
			raw
				.replace(/\r\n?|[\u0085\u2028\u2029]/g, '\n')
				// eslint-disable-next-line no-control-regex -- removing control characters is the point
				.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g, '')
				// The blank braille pattern looks like a space, and is used as an "invisible" letter.
				.replace(/\u2800/g, ' ')
		)
			// After removing: taking out a character between two accents can leave them uncomposed.
			.normalize('NFC')
			.replace(/[ \t]+\n/g, '\n')
			.replace(/\n{3,}/g, '\n\n')
			.trim()
	);
}

/** A one-line text (a name, a label): cleanText with every run of spaces and line breaks as one space. */
export function cleanLine(raw: string): string {
	return cleanText(raw).replace(/\s+/g, ' ');
}
