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

	it('reads [#m4] as a citation of group meeting record 4, apart from comments (issue 13)', () => {
		expect(parseParts('Groepen zijn het eens [#m4] [#12]')).toEqual([
			{ text: 'Groepen zijn het eens ' },
			{ meeting: 4 },
			{ text: ' ' },
			{ cite: 12 }
		]);
		expect(citedIds('[#m4] [#12] [#m4] [#m9]')).toEqual([12]);
		expect(citedMeetings('[#m4] [#12] [#m4] [#m9]')).toEqual([4, 9]);
		expect(pointsWithoutCitation('- alleen een gesprek [#m4]\n- niets')).toBe(1);
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

	it("reads [#p12] as a citation of an association's position, apart from comments", () => {
		expect(parseParts('Wij [#p12] en jij [#12]')).toEqual([
			{ text: 'Wij ' },
			{ position: 12 },
			{ text: ' en jij ' },
			{ cite: 12 }
		]);
		expect(citedIds('[#p12] [#3]')).toEqual([3]);
		expect(citedPositionIds('[#p12] [#3] [#p4] [#p12]')).toEqual([12, 4]);
		expect(pointsWithoutCitation('- een [#p1]\n- twee')).toBe(1);
	});
});
