import Negotiator from 'negotiator';
import { defaultLocale, isLocale, locales, type Locale } from '../../i18n/locales';

export interface LocaleHints {
	/** `?lang=` on the address, so a flyer or QR code can link straight to a language. */
	query?: string | null;
	/** The `lang` cookie, set when someone picks a language. */
	cookie?: string | null;
	/** The interface language saved in the profile of the person logged in. */
	profile?: string | null;
	/** The browser's Accept-Language header, with its q-values. */
	acceptLanguage?: string | null;
}

/**
 * Chooses the interface language: `?lang=` first, then the cookie, then the profile of the person logged
 * in, then Accept-Language, then Dutch.
 */
export function negotiateLocale(hints: LocaleHints): Locale {
	const query = hints.query?.trim().toLowerCase();
	if (isLocale(query)) return query;
	const cookie = hints.cookie?.trim().toLowerCase();
	if (isLocale(cookie)) return cookie;
	if (isLocale(hints.profile)) return hints.profile;
	if (hints.acceptLanguage) {
		const negotiator = new Negotiator({ headers: { 'accept-language': hints.acceptLanguage } });
		const best = negotiator.language([...locales]);
		if (isLocale(best)) return best;
	}
	return defaultLocale;
}
