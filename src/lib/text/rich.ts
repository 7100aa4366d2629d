import type { RichParagraph } from '../domain';

/** The text of a paragraph without its glossary marks. */
export function plainText(paragraph: RichParagraph): string {
	return paragraph.map((s) => (typeof s === 'string' ? s : s.text)).join('');
}

/** At most `max` characters, cut at a word boundary with an ellipsis when it had to be cut. */
export function excerpt(text: string, max: number): string {
	if (text.length <= max) return text;
	const cut = text.slice(0, max - 1);
	// The cut ends on a whole word when the next character is a space; otherwise drop the broken word.
	const space = text.charAt(max - 1) === ' ' ? cut.length : cut.lastIndexOf(' ');
	return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}
