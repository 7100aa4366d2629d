import { locales } from '../../i18n/locales';

type Detector = { detect(text: string): { language: string; isReliable(): boolean } };
let detector: Promise<Detector> | undefined;

// eld (Efficient Language Detector), its smallest n-gram set, limited to the platform's languages.
// Loaded on first use only, so the server starts without it.
function load(): Promise<Detector> {
	detector ??= import('eld/extrasmall').then(({ eld }) => {
		eld.setLanguageSubset([...locales]);
		return eld as unknown as Detector;
	});
	return detector;
}

/**
 * A language to suggest for a comment, when a text of four words or more reads reliably as another
 * of the platform's languages than the one its writer chose. It only suggests: the writer decides.
 */
export async function suggestLanguage(text: string, chosen: string): Promise<string | null> {
	const words = text
		.trim()
		.split(/\s+/u)
		.filter((w) => /\p{L}/u.test(w));
	if (words.length < 4) return null;
	const result = (await load()).detect(text);
	if (!result.isReliable() || !(locales as readonly string[]).includes(result.language)) return null;
	return result.language === chosen ? null : result.language;
}
