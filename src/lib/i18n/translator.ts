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
			return remembering(instance.getFixedT(locale));
		})();
		pending.catch(() => cache.delete(locale));
		cache.set(locale, pending);
	}
	return pending;
}

/** At most this many texts are remembered per language; then the memory starts afresh. */
const MAX_REMEMBERED = 20_000;

/**
 * The same translate function, remembering what it returned. A logged-in thread page calls it about a
 * thousand times, and each call walks i18next's whole way (key, namespace, plural, interpolation): 12 %
 * of the server's time on that page (docs/benchmark.md). The resources never change while the app
 * runs, so the same key with the same plain options always gives the same text. Only calls whose options
 * are plain values (a count, a name) are remembered; anything else (returnObjects, objects) is passed on.
 */
export function remembering(t: TFunction, max = MAX_REMEMBERED): TFunction {
	const remembered = new Map<string, unknown>();
	const plain = (options: unknown): options is Record<string, string | number | boolean | null | undefined> =>
		typeof options === 'object' &&
		options !== null &&
		!Array.isArray(options) &&
		!('returnObjects' in options) &&
		Object.values(options).every((v) => v === null || (typeof v !== 'object' && typeof v !== 'function'));
	const call = t as unknown as (key: unknown, options?: unknown, ...rest: unknown[]) => unknown;
	const memo = (key: unknown, options?: unknown, ...rest: unknown[]): unknown => {
		if (typeof key !== 'string' || rest.length > 0 || (options !== undefined && !plain(options)))
			return call(key, options, ...rest);
		const id = options === undefined ? key : `${key}\u0000${JSON.stringify(options)}`;
		if (remembered.has(id)) return remembered.get(id);
		const text = call(key, options);
		if (remembered.size >= max) remembered.clear();
		remembered.set(id, text);
		return text;
	};
	return Object.assign(memo, t) as unknown as TFunction;
}
