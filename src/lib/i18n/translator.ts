import i18next, { type TFunction } from 'i18next';
import { defaultLocale, namespaces, type Locale } from './locales';

type Resource = Record<string, unknown>;

// Lazy: the browser fetches only the chosen language's files, each a small cacheable chunk.
const files = import.meta.glob<Resource>('./locales/*/*.json', { import: 'default' });

async function loadResources(locale: Locale): Promise<Record<string, Resource>> {
	const entries = await Promise.all(
		namespaces.map(async (ns) => {
			const load = files[`./locales/${locale}/${ns}.json`];
			if (!load) throw new Error(`Missing translation file ${locale}/${ns}.json`);
			return [ns, await load()] as const;
		})
	);
	return Object.fromEntries(entries);
}

const cache = new Map<Locale, Promise<TFunction>>();

/**
 * A translate function fixed to one language. Each language gets its own i18next instance that never
 * changes language, so concurrent server requests in different languages cannot affect each other.
 */
export function loadTranslator(locale: Locale): Promise<TFunction> {
	let pending = cache.get(locale);
	if (!pending) {
		pending = (async () => {
			const resources: Record<string, Record<string, Resource>> = { [locale]: await loadResources(locale) };
			const instance = i18next.createInstance();
			await instance.init({
				lng: locale,
				fallbackLng: false,
				supportedLngs: [locale, defaultLocale],
				ns: [...namespaces],
				defaultNS: 'common',
				resources,
				interpolation: { escapeValue: false }, // Svelte escapes every interpolated value itself.
				returnNull: false,
				showSupportNotice: false
			});
			return instance.getFixedT(locale);
		})();
		pending.catch(() => cache.delete(locale));
		cache.set(locale, pending);
	}
	return pending;
}
