/*
 * What every reader of a report (Word, Markdown, plain text) turns it into: a flat list of typed blocks,
 * before any guess about themes and recommendations (structure.ts). Text is plain text, never HTML. A
 * footnote reference inside a text is a marker (noteMarker) that structure.ts numbers per part.
 */

export type SourceBlock =
	| { kind: 'heading'; level: number; text: string }
	| { kind: 'paragraph'; text: string }
	| { kind: 'list'; ordered: boolean; items: string[] }
	| { kind: 'table'; rows: string[][] };

export interface SourceDocument {
	blocks: SourceBlock[];
	/** Footnote texts by their id in the document. */
	notes: Map<string, string>;
	/** How many images were left out. */
	imagesLeftOut: number;
}

const OPEN = '\uE000';
const CLOSE = '\uE001';

/** Where footnote `id` is referenced inside a text. */
export const noteMarker = (id: string) => `${OPEN}${id}${CLOSE}`;
export const noteMarkers = new RegExp(`${OPEN}([^${CLOSE}]*)${CLOSE}`, 'g');

/** One line of text: runs of white space as one space, trimmed. */
export const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
