import { describe, expect, it } from 'vitest';
import { displayNameKey, displayNameProblem, normaliseDisplayName } from './names';

const check = (raw: string) => displayNameProblem(normaliseDisplayName(raw));

describe('display names', () => {
	it('accepts pseudonyms in any of our scripts', () => {
		for (const name of ['Fatima B.', 'Ayşe', 'فاطمة', 'Jean-Luc', "O'Neill", 'Zoë_72', 'Emre Öztürk']) {
			expect(check(name), name).toBeNull();
		}
	});

	it('refuses markup, control characters, bidi overrides and zero-width characters', () => {
		expect(check('<b>Jan</b>')).toBe('characters');
		expect(check('Jan\u0007')).toBe('characters');
		expect(check('Jan\u202Enimda')).toBe('characters');
		expect(check('Ja\u200Bn')).toBe('characters');
		expect(check('Jan 😀')).toBe('characters');
	});

	it('refuses names that imitate staff, also with look-alike digits and accents', () => {
		for (const name of [
			'Admin',
			'Moderator Els',
			'Adm1n',
			'Mödératör',
			'Samenspraak team',
			'مشرف',
			'Beleid Vlaanderen'
		]) {
			expect(check(name), name).toBe('imitatesStaff');
		}
	});

	it('refuses names that are too short or too long, counting characters, not bytes', () => {
		expect(check('')).toBe('empty');
		expect(check('   ')).toBe('empty');
		expect(check('J')).toBe('tooShort');
		expect(check('. .')).toBe('tooShort');
		expect(check('a'.repeat(41))).toBe('tooLong');
		expect(check('ف'.repeat(40))).toBeNull();
	});

	it('folds case, accents, spacing and look-alike digits into one key', () => {
		expect(displayNameKey('Fátima  B.')).toBe(displayNameKey('fatima b'));
		expect(displayNameKey('J0hn')).toBe(displayNameKey('John'));
		expect(displayNameKey('Ayşe')).toBe('ayse');
	});

	it('normalises width and spacing so the shown name is clean', () => {
		expect(normaliseDisplayName('  Ｊａｎ   de  Vries ')).toBe('Jan de Vries');
	});
});
