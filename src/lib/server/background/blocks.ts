import type { TextBlock } from '../../domain';

/*
 * A report text (a background section's body, a recommendation's official text) is stored as plain
 * text: blocks separated by a blank line. A block whose lines all start with "- " is a list; one whose
 * lines all start with "| " is a table (cells between " | ", a "|" inside a cell written "\\|"); one
 * whose lines all start with "[n] " is the notes (footnotes) of the text above it. Anything else is a
 * paragraph. Plain text keeps the database readable, the same on both dialects, and never HTML.
 */

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
const cell = (text: string) => oneLine(text).replace(/\|/g, '\\|');

export function encodeBlocks(blocks: readonly TextBlock[]): string {
	return blocks
		.map((b) => {
			switch (b.type) {
				case 'list':
					return b.items.map((item) => `- ${oneLine(item)}`).join('\n');
				case 'table':
					return b.rows.map((row) => `| ${row.map(cell).join(' | ')} |`).join('\n');
				case 'notes':
					return b.items.map((item, i) => `[${i + 1}] ${oneLine(item)}`).join('\n');
				default:
					return oneLine(b.text);
			}
		})
		.filter(Boolean)
		.join('\n\n');
}

/** The cells of one table line: split at " | " but not at an escaped "\\|". */
function cells(line: string): string[] {
	return line
		.replace(/^\|\s?/, '')
		.replace(/\s?\|$/, '')
		.split(/(?<!\\)\|/)
		.map((c) => c.trim().replace(/\\\|/g, '|'));
}

export function decodeBlocks(body: string): TextBlock[] {
	return body
		.split(/\n\s*\n/)
		.map((chunk) => chunk.trim())
		.filter(Boolean)
		.map((chunk): TextBlock => {
			const lines = chunk.split('\n').map((l) => l.trim());
			if (lines.every((l) => l.startsWith('- '))) return { type: 'list', items: lines.map((l) => l.slice(2).trim()) };
			if (lines.every((l) => l.startsWith('| ') && l.endsWith(' |'))) return { type: 'table', rows: lines.map(cells) };
			if (lines.every((l) => /^\[\d+\] /.test(l)))
				return { type: 'notes', items: lines.map((l) => l.replace(/^\[\d+\] /, '')) };
			return { type: 'paragraph', text: chunk.replace(/\s+/g, ' ') };
		});
}
