import { importError, MAX_BYTES } from './errors';
import { repairText } from './repair';
import { oneLine, type SourceBlock, type SourceDocument } from './source';
import { isHeadingLine } from './structure';

/*
 * Plain text, pasted or from a .txt file, often copied out of a PDF: its damage is repaired first
 * (repair.ts). A paragraph is text between blank lines; a short line that names a theme, a recommendation
 * or a numbered chapter is a heading; lines that start with "- ", "• " or "* " are a list.
 */

const bullet = /^[-•*–]\s+/;

export function readText(source: string): SourceDocument {
	if (Buffer.byteLength(source, 'utf8') > MAX_BYTES) throw importError('tooLarge', { max: 10 });
	const blocks: SourceBlock[] = [];
	for (const chunk of repairText(source).split(/\n\s*\n/)) {
		const lines = chunk
			.split('\n')
			.map((l) => l.trim())
			.filter(Boolean);
		let list: string[] = [];
		const flushList = () => {
			if (list.length) blocks.push({ kind: 'list', ordered: false, items: list });
			list = [];
		};
		for (const line of lines) {
			if (bullet.test(line)) {
				list.push(oneLine(line.replace(bullet, '')));
				continue;
			}
			flushList();
			if (isHeadingLine(line))
				blocks.push({
					kind: 'heading',
					level: /^(thema|theme|thème|tema|deel|part|hoofdstuk|chapter|[IVX]+\.)/i.test(line) ? 1 : 2,
					text: oneLine(line)
				});
			else blocks.push({ kind: 'paragraph', text: oneLine(line) });
		}
		flushList();
	}
	if (blocks.length === 0) throw importError('empty');
	return { blocks, notes: new Map(), imagesLeftOut: 0 };
}
