import { lexer, type Token, type Tokens } from 'marked';
import { importError, MAX_BYTES } from './errors';
import { noteMarker, oneLine, type SourceBlock, type SourceDocument } from './source';

/*
 * A Markdown report, read with marked's lexer only: its tokens (headings, paragraphs, lists, tables) are
 * turned into our blocks of plain text; marked's HTML renderer is never used. Footnotes are written the
 * common way ("text[^1]" and a line "[^1]: the note"), which marked leaves to extensions, so they are
 * taken out here before lexing. Images are left out and counted.
 */

/** A footnote definition, with its indented continuation lines. */
const footnoteDefinition = /^\[\^([^\]\s]+)\]:[ \t]*(.*(?:\n(?:[ \t]{2,}|\t).*)*)/gm;
const footnoteReference = /\[\^([^\]\s]+)\]/g;

interface Counter {
	images: number;
}

/** The plain text of inline tokens: links as their text, images left out (and counted), code as written. */
function inline(tokens: Token[] | undefined, fallback: string, counter: Counter): string {
	if (!tokens) return fallback;
	return tokens
		.map((t) => {
			if (t.type === 'image') {
				counter.images++;
				return '';
			}
			if (t.type === 'br') return ' ';
			if (t.type === 'html') return '';
			if ('tokens' in t && t.tokens) return inline(t.tokens, '', counter);
			return 'text' in t ? String(t.text) : '';
		})
		.join('');
}

function blocksOf(tokens: Token[], counter: Counter, out: SourceBlock[]): void {
	for (const t of tokens) {
		switch (t.type) {
			case 'heading': {
				const h = t as Tokens.Heading;
				const text = oneLine(inline(h.tokens, h.text, counter));
				if (text) out.push({ kind: 'heading', level: h.depth, text });
				break;
			}
			case 'paragraph':
			case 'text': {
				const p = t as Tokens.Paragraph;
				const text = oneLine(inline(p.tokens, p.text, counter));
				if (text) out.push({ kind: 'paragraph', text });
				break;
			}
			case 'list': {
				const l = t as Tokens.List;
				const items: string[] = [];
				for (const item of l.items) {
					const parts: SourceBlock[] = [];
					blocksOf(item.tokens, counter, parts);
					for (const part of parts) {
						if (part.kind === 'list') items.push(...part.items.map((i) => `– ${i}`));
						else if (part.kind === 'paragraph' || part.kind === 'heading') items.push(part.text);
					}
				}
				if (items.length) out.push({ kind: 'list', ordered: l.ordered, items });
				break;
			}
			case 'table': {
				const tb = t as Tokens.Table;
				const cell = (c: Tokens.TableCell) => oneLine(inline(c.tokens, c.text, counter));
				out.push({ kind: 'table', rows: [tb.header.map(cell), ...tb.rows.map((r) => r.map(cell))] });
				break;
			}
			case 'blockquote':
				blocksOf((t as Tokens.Blockquote).tokens, counter, out);
				break;
			case 'code': {
				const text = oneLine((t as Tokens.Code).text);
				if (text) out.push({ kind: 'paragraph', text });
				break;
			}
			default:
			// Rules, spaces and raw HTML carry no text of the report.
		}
	}
}

/** Reads a Markdown report. Refused when it is too large or empty. */
export function readMarkdown(source: string): SourceDocument {
	if (Buffer.byteLength(source, 'utf8') > MAX_BYTES) throw importError('tooLarge', { max: 10 });
	const notes = new Map<string, string>();
	const withoutNotes = source.replace(/\r\n?/g, '\n').replace(footnoteDefinition, (_, id: string, text: string) => {
		notes.set(`md-${id}`, oneLine(text));
		return '';
	});
	const marked = withoutNotes.replace(footnoteReference, (_, id: string) => noteMarker(`md-${id}`));
	const counter: Counter = { images: 0 };
	const blocks: SourceBlock[] = [];
	blocksOf(lexer(marked, { gfm: true }), counter, blocks);
	if (blocks.length === 0) throw importError('empty');
	return { blocks, notes, imagesLeftOut: counter.images };
}
