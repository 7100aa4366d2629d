import { describe, expect, it } from 'vitest';
import type { BackgroundBlock } from '../../domain';
import { decodeBlocks, encodeBlocks } from './blocks';

describe('section bodies as plain text', () => {
	it('round-trips paragraphs and lists', () => {
		const blocks: BackgroundBlock[] = [
			{ type: 'paragraph', text: 'In 2005 startte een project.' },
			{ type: 'list', items: ['Een goed beeld van armoede.', 'Knelpunten - ook kleine.'] },
			{ type: 'paragraph', text: 'Slot - met een streepje.' }
		];
		expect(decodeBlocks(encodeBlocks(blocks))).toEqual(blocks);
	});

	it('folds stray line breaks inside a paragraph into spaces', () => {
		expect(decodeBlocks('een\nzin')).toEqual([{ type: 'paragraph', text: 'een zin' }]);
	});
});
