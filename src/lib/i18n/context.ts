import { createContext } from 'svelte';
import type { TFunction } from 'i18next';
import type { Locale } from './locales';

/** The language the interface is shown in: its translate function, and its locale for dates and numbers. */
export interface Translation {
	readonly t: TFunction;
	readonly locale: Locale;
}

const [getTranslation, setTranslation] = createContext<Translation>();

/**
 * For the root layout: gives every component below it the page's translation. `current` is asked again
 * each time a component reads `t` or `locale`, so when a navigation changes the language every
 * component follows. Context belongs to one component tree, so on the server each request has its own.
 */
export function provideTranslation(current: () => Translation): void {
	setTranslation({
		get t() {
			return current().t;
		},
		get locale() {
			return current().locale;
		}
	});
}

/**
 * In a component, while it is created: the page's translation. Read `t` and `locale` from it where they
 * are used, through `$derived` (`const i18n = translation(); const { t, locale } = $derived(i18n);`),
 * never copied once into a plain constant, so they stay current.
 */
export const translation = getTranslation;
