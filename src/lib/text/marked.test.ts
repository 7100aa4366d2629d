import { describe, expect, it } from 'vitest';
import { citedIds, citedMeetings, citedPositionIds, parseMarked, parseParts, pointsWithoutCitation } from './marked';

describe('marked text (summaries and answers)', () => {
	it('reads citation markers as citations and keeps the text around them', () => {
		expect(parseParts('Huur is te duur [#12] en [#7].')).toEqual([
			{ text: 'Huur is te duur ' },
			{ cite: 12 },
			{ text: ' en ' },
			{ cite: 7 },
			{ text: '.' }
		]);
	});

	const otherSources = [
		{ marker: 'm', what: 'a group meeting record (issue 13)', part: 'meeting', cited: citedMeetings },
		{ marker: 'p', what: "an association's position", part: 'position', cited: citedPositionIds }
	];
	for (const { marker, what, part, cited } of otherSources)
		it(`reads [#${marker}4] as a citation of ${what}, apart from comments`, () => {
			expect(parseParts(`Wij [#${marker}4] en jij [#12]`)).toEqual([
				{ text: 'Wij ' },
				{ [part]: 4 },
				{ text: ' en jij ' },
				{ cite: 12 }
			]);
			const text = `[#${marker}9] [#12] [#${marker}4] [#${marker}9]`;
			expect(citedIds(text)).toEqual([12]);
			// Once each, in order of first citation.
			expect(cited(text)).toEqual([9, 4]);
			expect(pointsWithoutCitation(`- alleen dit [#${marker}1]\n- niets`)).toBe(1);
		});

	it('reads comments, positions and meetings apart in one text', () => {
		expect(parseParts('[#p12][#m3][#5]')).toEqual([{ position: 12 }, { meeting: 3 }, { cite: 5 }]);
		const text = '[#p12] [#m3] [#5] [#p12] [#m3]';
		expect(citedIds(text)).toEqual([5]);
		expect(citedPositionIds(text)).toEqual([12]);
		expect(citedMeetings(text)).toEqual([3]);
	});

	it('splits paragraphs on empty lines and joins the lines of one paragraph', () => {
		expect(parseMarked('Eerste regel\ntweede regel\n\nNieuwe alinea')).toEqual([
			{ type: 'paragraph', parts: [{ text: 'Eerste regel tweede regel' }] },
			{ type: 'paragraph', parts: [{ text: 'Nieuwe alinea' }] }
		]);
	});

	it('reads lines starting with "- " or "* " as a list, also right after a paragraph', () => {
		expect(parseMarked('Wat we hoorden:\n- punt een [#1]\n* punt twee\nSlot')).toEqual([
			{ type: 'paragraph', parts: [{ text: 'Wat we hoorden:' }] },
			{ type: 'list', items: [[{ text: 'punt een ' }, { cite: 1 }], [{ text: 'punt twee' }]] },
			{ type: 'paragraph', parts: [{ text: 'Slot' }] }
		]);
	});

	it('never turns markup into anything but text', () => {
		expect(parseMarked('<b>vet</b> [#x] [#]')).toEqual([
			{ type: 'paragraph', parts: [{ text: '<b>vet</b> [#x] [#]' }] }
		]);
	});

	it('lists cited comments once, in order of first citation', () => {
		expect(citedIds('a [#3] b [#1] c [#3]')).toEqual([3, 1]);
		expect(citedIds('geen bronnen')).toEqual([]);
	});

	it('counts the points that cite nothing', () => {
		expect(pointsWithoutCitation('- een [#1]\n- twee\n\nDrie zonder bron\n\nVier [#2]')).toBe(2);
		expect(pointsWithoutCitation('')).toBe(0);
	});

	it('handles Arabic text with citations and Windows line ends', () => {
		expect(parseMarked('السكن غالٍ [#5]\r\n\r\n- نقطة')).toEqual([
			{ type: 'paragraph', parts: [{ text: 'السكن غالٍ ' }, { cite: 5 }] },
			{ type: 'list', items: [[{ text: 'نقطة' }]] }
		]);
	});
});
