import { describe, expect, it } from 'vitest';
import { isolate } from './bidi';

describe('isolate', () => {
	it('wraps the text in first-strong-isolate and pop-directional-isolate marks, and changes nothing else', () => {
		expect(isolate('Buurtwerk De Brug (demo)')).toBe('\u2068Buurtwerk De Brug (demo)\u2069');
		expect(isolate('').length).toBe(2);
	});
});
