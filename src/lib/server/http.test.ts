import { describe, expect, it } from 'vitest';
import { safeRedirect } from './http';

describe('safeRedirect', () => {
	it('keeps local paths and refuses other sites', () => {
		expect(safeRedirect('/c/gekleurde-armoede/3')).toBe('/c/gekleurde-armoede/3');
		expect(safeRedirect('https://evil.example')).toBe('/');
		expect(safeRedirect('//evil.example/x')).toBe('/');
		expect(safeRedirect('/\\evil.example')).toBe('/');
		expect(safeRedirect(null, '/account')).toBe('/account');
	});
});
