import { describe, expect, it } from 'vitest';
import { romanNumeral } from './numeral';

describe('romanNumeral', () => {
	it('writes i to viii in Latin capitals, with no dotted İ whatever the language', () => {
		const all = ['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii'].map(romanNumeral);
		expect(all).toEqual(['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII']);
		// What the bug did: Turkish casing rules on the small numeral.
		expect('iii'.toLocaleUpperCase('tr')).toBe('İİİ');
		// Capitals stay capitals under Turkish rules (what text-transform: uppercase applies on a tr page).
		expect(all.every((n) => n.toLocaleUpperCase('tr') === n && !n.includes('İ'))).toBe(true);
	});
});
