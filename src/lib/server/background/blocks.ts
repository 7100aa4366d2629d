import type { BackgroundBlock } from '../../domain';

/*
 * A section body is stored as plain text: blocks separated by a blank line; a block whose lines all
 * start with "- " is a list. Plain text keeps the database readable and the same on both dialects.
 */

export function encodeBlocks(blocks: readonly BackgroundBlock[]): string {
	return blocks
		.map((b) =>
			b.type === 'list'
				? b.items.map((item) => `- ${item.replace(/\s+/g, ' ').trim()}`).join('\n')
				: b.text.replace(/\s+/g, ' ').trim()
		)
		.filter(Boolean)
		.join('\n\n');
}

export function decodeBlocks(body: string): BackgroundBlock[] {
	return body
		.split(/\n\s*\n/)
		.map((chunk) => chunk.trim())
		.filter(Boolean)
		.map((chunk): BackgroundBlock => {
			const lines = chunk.split('\n');
			if (lines.every((l) => l.startsWith('- '))) return { type: 'list', items: lines.map((l) => l.slice(2).trim()) };
			return { type: 'paragraph', text: chunk.replace(/\s+/g, ' ') };
		});
}
