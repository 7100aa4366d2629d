import { isLocale } from '$lib/i18n/locales';
import { loadTranslator } from '$lib/i18n/translator';
import type { PageLoad } from './$types';

// The card is printed in the language chosen for it, which may differ from the coordinator's.
export const load: PageLoad = async ({ data }) => ({
	...data,
	cardT: await loadTranslator(isLocale(data.card.locale) ? data.card.locale : 'nl')
});
