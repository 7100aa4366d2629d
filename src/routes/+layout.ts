import { loadTranslator } from '$lib/i18n/translator';
import type { LayoutLoad } from './$types';

// Runs on the server and again in the browser, so pages and components translate the same way on both.
export const load: LayoutLoad = async ({ data }) => ({
	...data,
	t: await loadTranslator(data.locale)
});
