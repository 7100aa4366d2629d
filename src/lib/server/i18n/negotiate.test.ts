import { describe, expect, it } from 'vitest';
import { negotiateLocale } from './negotiate';

describe('negotiateLocale: ?lang= first, then cookie, then Accept-Language, then Dutch', () => {
	it('falls back to Dutch when nothing is known', () => {
		expect(negotiateLocale({})).toBe('nl');
	});

	it('takes ?lang= over the cookie and the header', () => {
		expect(negotiateLocale({ query: 'ar', cookie: 'fr', acceptLanguage: 'tr' })).toBe('ar');
	});

	it('ignores an unknown ?lang= and uses the cookie', () => {
		expect(negotiateLocale({ query: 'xx', cookie: 'fr', acceptLanguage: 'tr' })).toBe('fr');
	});

	it('takes the cookie over the header', () => {
		expect(negotiateLocale({ cookie: 'en', acceptLanguage: 'tr' })).toBe('en');
	});

	it('uses the profile language of the person logged in before the browser header', () => {
		expect(negotiateLocale({ profile: 'tr', acceptLanguage: 'fr' })).toBe('tr');
		expect(negotiateLocale({ cookie: 'ar', profile: 'tr' })).toBe('ar');
	});

	it('ignores a tampered cookie and uses the header', () => {
		expect(negotiateLocale({ cookie: '<script>', acceptLanguage: 'tr' })).toBe('tr');
	});

	it('respects q-values rather than the order of the header', () => {
		expect(negotiateLocale({ acceptLanguage: 'de;q=1, fr;q=0.4, ar;q=0.8' })).toBe('ar');
	});

	it('matches a regional variant to its language', () => {
		expect(negotiateLocale({ acceptLanguage: 'fr-BE,fr;q=0.9' })).toBe('fr');
		expect(negotiateLocale({ acceptLanguage: 'ar-MA' })).toBe('ar');
		expect(negotiateLocale({ acceptLanguage: 'nl-BE' })).toBe('nl');
	});

	it('skips languages we do not offer and a q of zero', () => {
		expect(negotiateLocale({ acceptLanguage: 'de, pl;q=0.9, en;q=0' })).toBe('nl');
		expect(negotiateLocale({ acceptLanguage: 'de, pl;q=0.9, en;q=0.1' })).toBe('en');
	});

	it('is not fooled by case or spaces', () => {
		expect(negotiateLocale({ query: ' AR ' })).toBe('ar');
	});

	it('survives a malformed header', () => {
		expect(negotiateLocale({ acceptLanguage: ';;;,,q=,' })).toBe('nl');
	});
});
