import type { RichBlock, RichParagraph, TextBlock } from '../domain';

/** Every text of some blocks, in reading order: each paragraph, list item, table cell and note. */
export function blockTexts(blocks: readonly TextBlock[]): string[] {
	return blocks.flatMap((b) => {
		if (b.type === 'paragraph') return [b.text];
		if (b.type === 'table') return b.rows.flat();
		return b.items;
	});
}

/**
 * The blocks again, each text replaced, in the order blockTexts gave them, by `rich` (its texts with
 * glossary terms marked).
 */
export function richBlocks(blocks: readonly TextBlock[], rich: readonly RichParagraph[]): RichBlock[] {
	let at = 0;
	const next = () => rich[at++] ?? [];
	return blocks.map((b): RichBlock => {
		if (b.type === 'paragraph') return { type: 'paragraph', text: next() };
		if (b.type === 'table') return { type: 'table', rows: b.rows.map((r) => r.map(next)) };
		return { type: b.type, items: b.items.map(next) };
	});
}

/** Blocks without glossary terms marked: each text as it is. */
export const plainRichBlocks = (blocks: readonly TextBlock[]): RichBlock[] =>
	richBlocks(
		blocks,
		blockTexts(blocks).map((text) => [text])
	);
