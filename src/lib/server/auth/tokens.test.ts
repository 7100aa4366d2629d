import { describe, expect, it } from 'vitest';
import { formatCode, generateHumanCode, generateSessionToken, hashToken, normaliseCode } from './tokens';

describe('tokens and codes', () => {
	it('makes session tokens of 20 random bytes in base32 and stores only a sha256 of them', () => {
		const token = generateSessionToken();
		expect(token).toMatch(/^[a-z2-7]{32}$/);
		expect(generateSessionToken()).not.toBe(token);
		expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
		expect(hashToken(token)).toBe(hashToken(token));
	});

	it('makes codes without look-alike characters, spread over the whole alphabet', () => {
		const seen = new Set<string>();
		for (let i = 0; i < 400; i++) for (const c of generateHumanCode(8)) seen.add(c);
		expect([...seen].sort().join('')).toBe('23456789ABCDEFGHJKMNPQRSTUVWXYZ');
	});

	it('reads back a code however it was typed', () => {
		expect(normaliseCode(' abcd-efgh ')).toBe('ABCDEFGH');
		expect(normaliseCode('ＡＢＣＤ ＥＦＧＨ')).toBe('ABCDEFGH');
		expect(formatCode('ABCDEFGH')).toBe('ABCD-EFGH');
	});
});
