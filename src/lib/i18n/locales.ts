/** The interface languages. Dutch is the source language and the last resort. */
export const locales = ['nl', 'fr', 'en', 'tr', 'ar'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'nl';

/** Each language named in itself, for the language menu. */
export const nativeNames: Record<Locale, string> = {
	nl: 'Nederlands',
	fr: 'Français',
	en: 'English',
	tr: 'Türkçe',
	ar: 'العربية'
};

const rtl = new Set<string>(['ar']);

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

export function textDirection(locale: string): 'ltr' | 'rtl' {
	return rtl.has(locale.split('-')[0]) ? 'rtl' : 'ltr';
}

/** The i18next namespaces; one JSON file per namespace per locale in ./locales/<locale>/. */
export const namespaces = [
	'common',
	'consultation',
	'thread',
	'glossary',
	'about',
	'auth',
	'account',
	'organisations',
	'invites',
	'admin',
	'moderation',
	'summary',
	'results',
	'translate',
	'positions',
	'meetings',
	'revisions',
	'writing',
	'reports'
] as const;
