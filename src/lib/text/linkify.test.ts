import { describe, expect, it } from 'vitest';
import { linkify } from './linkify';

describe('linkify', () => {
	it('makes web addresses clickable and leaves the rest as text', () => {
		expect(linkify('Zie https://example.org/a?b=1, en www.vlaanderen.be.')).toEqual([
			{ text: 'Zie ' },
			{ text: 'https://example.org/a?b=1', href: 'https://example.org/a?b=1' },
			{ text: ', en ' },
			{ text: 'www.vlaanderen.be', href: 'https://www.vlaanderen.be' },
			{ text: '.' }
		]);
	});

	it('never links other schemes and never treats markup as anything but text', () => {
		expect(linkify('javascript:alert(1) <a href="x">hi</a>')).toEqual([
			{ text: 'javascript:alert(1) <a href="x">hi</a>' }
		]);
	});

	it('keeps every character', () => {
		const text = 'Een (https://a.be) en https://b.be/x! Klaar';
		expect(
			linkify(text)
				.map((p) => p.text)
				.join('')
		).toBe(text);
	});
});
