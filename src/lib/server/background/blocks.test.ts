import { describe, expect, it } from 'vitest';
import type { TextBlock } from '../../domain';
import { decodeBlocks, encodeBlocks } from './blocks';

describe('report texts as plain text', () => {
	it('round-trips paragraphs and lists', () => {
		const blocks: TextBlock[] = [
			{ type: 'paragraph', text: 'In 2005 startte een project.' },
			{ type: 'list', items: ['Een goed beeld van armoede.', 'Knelpunten - ook kleine.'] },
			{ type: 'paragraph', text: 'Slot - met een streepje.' }
		];
		expect(decodeBlocks(encodeBlocks(blocks))).toEqual(blocks);
	});

	it('round-trips a table, a "|" inside a cell included, and the notes', () => {
		const blocks: TextBlock[] = [
			{ type: 'paragraph', text: 'Zie de tabel [1].' },
			{
				type: 'table',
				rows: [
					['Groep', 'Aantal'],
					['Huurders | kopers', '12'],
					['', '3']
				]
			},
			{ type: 'notes', items: ['Bron: eigen telling.', 'Tweede noot.'] }
		];
		const stored = encodeBlocks(blocks);
		expect(stored).toContain('| Groep | Aantal |');
		expect(stored).toContain('[2] Tweede noot.');
		expect(decodeBlocks(stored)).toEqual(blocks);
	});

	it('folds stray line breaks inside a paragraph into spaces', () => {
		expect(decodeBlocks('een\nzin')).toEqual([{ type: 'paragraph', text: 'een zin' }]);
	});

	it('reads a paragraph that only starts like a list or a table as a paragraph', () => {
		expect(decodeBlocks('- een\ntwee')).toEqual([{ type: 'paragraph', text: '- een twee' }]);
		expect(decodeBlocks('| a | b')).toEqual([{ type: 'paragraph', text: '| a | b' }]);
	});
});
