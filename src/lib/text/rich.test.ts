import { describe, expect, it } from 'vitest';
import { excerpt, plainText } from './rich';

describe('rich text helpers', () => {
	it('joins a paragraph back into its text', () => {
		expect(plainText(['Het ', { text: 'OCMW', term: 'ocmw' }, ' helpt.'])).toBe('Het OCMW helpt.');
	});

	it('keeps a short text whole and cuts a long one at a word', () => {
		expect(excerpt('kort', 10)).toBe('kort');
		expect(excerpt('een lange zin met woorden', 14)).toBe('een lange zin…');
		expect(excerpt('een lange zin met woorden', 14).length).toBeLessThanOrEqual(14);
	});
});
