/*
 * The plain-text structure staff write summaries and answers in: paragraphs separated by an empty line,
 * lists of lines starting with "- " or "* ", and citation markers such as [#123] (comment 123),
 * [#p12] (an association's position 12) and [#m4] (group meeting record 4). Nothing is ever read as HTML: the parts are rendered as text by
 * the components.
 */

/** A run of text, or a citation of a source: a comment, an association's position, or a group meeting's record. */
export type MarkedPart = { text: string } | { cite: number } | { position: number } | { meeting: number };
export type MarkedBlock = { type: 'paragraph'; parts: MarkedPart[] } | { type: 'list'; items: MarkedPart[][] };

/** Any citation marker: group 1 is its kind ('' a comment, 'p' a position, 'm' a meeting record). */
const CITATION = /\[#([pm]?)(\d{1,9})\]/g;
const ITEM = /^\s*[-*•]\s+/;

/** Splits a line into text and citations; spaces before a marker are kept with the text. */
export function parseParts(line: string): MarkedPart[] {
	const parts: MarkedPart[] = [];
	let last = 0;
	for (const match of line.matchAll(CITATION)) {
		const text = line.slice(last, match.index);
		if (text) parts.push({ text });
		parts.push(
			match[1] === 'p'
				? { position: Number(match[2]) }
				: match[1] === 'm'
					? { meeting: Number(match[2]) }
					: { cite: Number(match[2]) }
		);
		last = match.index + match[0].length;
	}
	const rest = line.slice(last);
	if (rest) parts.push({ text: rest });
	return parts;
}

/** Blocks of a marked text: a paragraph is a run of non-list lines, a list a run of "- " lines. */
export function parseMarked(text: string): MarkedBlock[] {
	const blocks: MarkedBlock[] = [];
	let paragraph: string[] = [];
	let list: MarkedPart[][] | null = null;
	const flush = () => {
		if (paragraph.length) blocks.push({ type: 'paragraph', parts: parseParts(paragraph.join(' ')) });
		paragraph = [];
		if (list) blocks.push({ type: 'list', items: list });
		list = null;
	};
	for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
		const line = raw.trim();
		if (!line) {
			flush();
		} else if (ITEM.test(line)) {
			if (paragraph.length) flush();
			list ??= [];
			list.push(parseParts(line.replace(ITEM, '')));
		} else {
			if (list) flush();
			paragraph.push(line);
		}
	}
	flush();
	return blocks;
}

/** The points of a marked text: each paragraph and each list item is one point. */
export function points(blocks: MarkedBlock[]): MarkedPart[][] {
	return blocks.flatMap((b) => (b.type === 'paragraph' ? [b.parts] : b.items));
}

/** The ids a text cites of one kind of marker, in order of first citation, without repeats. */
function cited(text: string, kind: '' | 'p' | 'm'): number[] {
	return [...new Set([...text.matchAll(CITATION)].filter((m) => m[1] === kind).map((m) => Number(m[2])))];
}

/** Every comment a text cites, in order of first citation, without repeats. */
export function citedIds(text: string): number[] {
	return cited(text, '');
}

/** Every association's position a text cites ([#p12]), in order of first citation, without repeats. */
export function citedPositionIds(text: string): number[] {
	return cited(text, 'p');
}

/** Every group meeting record a text cites ([#m4]), in order of first citation, without repeats. */
export function citedMeetings(text: string): number[] {
	return cited(text, 'm');
}

/** How many points cite nothing (a point should cite the comments, positions or meetings it draws on). */
export function pointsWithoutCitation(text: string): number {
	return points(parseMarked(text)).filter((p) => !p.some((part) => !('text' in part))).length;
}
