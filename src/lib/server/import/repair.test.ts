import { describe, expect, it } from 'vitest';
import { joinBroken, joinParagraphs, repairText } from './repair';

describe('repairing text that came out of a PDF', () => {
	it('joins a word split with a hyphen at a line end, and keeps a real hyphen before a capital, without a space', () => {
		expect(joinBroken('de ar-', 'moede')).toBe('de armoede');
		expect(joinBroken('het Vlaams-', 'Brusselse')).toBe('het Vlaams-Brusselse');
		expect(joinBroken('een gewone', 'zin')).toBe('een gewone zin');
	});

	it('removes page numbers in their usual forms, and running headers seen on every page', () => {
		const text = [
			'Kop van het verslag',
			'Eerste zin.',
			'',
			'- 3 -',
			'Kop van het verslag',
			'Tweede zin.',
			'',
			'Pagina 4 van 9',
			'Kop van het verslag',
			'Derde zin.',
			'12'
		].join('\n');
		expect(repairText(text)).toBe('Eerste zin.\n\nTweede zin.\n\nDerde zin.');
	});

	it('joins a line broken mid-sentence, but not a short heading, a list item or a numbered point', () => {
		expect(repairText('Dit is een lange zin die de pagina afbreekt omdat\nze niet past.')).toBe(
			'Dit is een lange zin die de pagina afbreekt omdat ze niet past.'
		);
		expect(repairText('Thema 2: Werk\nEr komt werk.')).toBe('Thema 2: Werk\nEr komt werk.');
		expect(repairText('Wij vragen dit omdat het nodig is en dringend\n- een punt\n2.3 Een nummer')).toBe(
			'Wij vragen dit omdat het nodig is en dringend\n- een punt\n2.3 Een nummer'
		);
	});

	it('joins Word paragraphs that a PDF export broke in the middle of a sentence', () => {
		expect(joinParagraphs(['De stad bouwt', 'meer woningen.', 'Een nieuwe alinea.'])).toEqual([
			'De stad bouwt meer woningen.',
			'Een nieuwe alinea.'
		]);
	});
});
