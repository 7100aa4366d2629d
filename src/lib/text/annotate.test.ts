import { describe, expect, it } from 'vitest';
import { createAnnotator } from './annotate';

const annotate = createAnnotator([
	{ slug: 'ocmw', kind: 'abbreviation', forms: ['OCMW', 'OCMW’s'] },
	{ slug: 'lop', kind: 'abbreviation', forms: ['LOP'] },
	{ slug: 'basiswerking', kind: 'jargon', forms: ['basiswerking', 'basiswerkingen'] },
	{ slug: 'vzw-armen', kind: 'jargon', forms: ['Vereniging waar armen het woord nemen'] },
	{ slug: 'vereniging', kind: 'jargon', forms: ['vereniging'] }
]);

describe('createAnnotator: finds glossary terms as whole words', () => {
	it('splits a text into runs and terms, keeping every character', () => {
		const text = 'Bouw netwerken tussen VDAB, OCMW en basiswerkingen.';
		const out = annotate(text);
		expect(out).toEqual([
			'Bouw netwerken tussen VDAB, ',
			{ text: 'OCMW', term: 'ocmw' },
			' en ',
			{ text: 'basiswerkingen', term: 'basiswerking' },
			'.'
		]);
		expect(out.map((s) => (typeof s === 'string' ? s : s.text)).join('')).toBe(text);
	});

	it('matches jargon in any case but abbreviations only in their own case', () => {
		expect(annotate('Basiswerkingen staan onder druk')).toEqual([
			{ text: 'Basiswerkingen', term: 'basiswerking' },
			' staan onder druk'
		]);
		expect(annotate('een lop is geen LOP')).toEqual(['een lop is geen ', { text: 'LOP', term: 'lop' }]);
	});

	it('does not match inside a longer word', () => {
		expect(annotate('basiswerkingsmiddelen en OCMWX')).toEqual(['basiswerkingsmiddelen en OCMWX']);
	});

	it('prefers the longest term where two overlap', () => {
		expect(annotate('een Vereniging waar armen het woord nemen')).toEqual([
			'een ',
			{ text: 'Vereniging waar armen het woord nemen', term: 'vzw-armen' }
		]);
	});

	it('marks a term only where it first appears when a seen-set is shared', () => {
		const seen = new Set<string>();
		expect(annotate('OCMW en OCMW’s', seen)).toEqual([{ text: 'OCMW', term: 'ocmw' }, ' en OCMW’s']);
		expect(annotate('het OCMW', seen)).toEqual(['het OCMW']);
	});

	it('treats regular-expression characters in a term as plain text', () => {
		const weird = createAnnotator([{ slug: 'q', kind: 'jargon', forms: ['(tus-sen)stap'] }]);
		expect(weird('een (tus-sen)stap.')).toEqual(['een ', { text: '(tus-sen)stap', term: 'q' }, '.']);
	});
});
