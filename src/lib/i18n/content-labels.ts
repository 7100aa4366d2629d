import type { TFunction } from 'i18next';
import type { Shown } from '$lib/views';

/** The small label that says where a translation came from and whether a person checked it. */
export function originLabel(t: TFunction, translated: NonNullable<Shown['translated']>): string {
	if (translated.origin === 'official') return t('translation.label.official');
	return t(`translation.label.${translated.origin}${translated.checked ? 'Checked' : ''}`);
}

/** The different labels of a list of texts, once each: for lists where a label per item would be noise. */
export function originLabels(t: TFunction, shown: readonly Shown[]): string[] {
	return [...new Set(shown.flatMap((s) => (s.translated ? [originLabel(t, s.translated)] : [])))];
}

/** A language's name in the reader's language, from the browser's or the server's own data (Intl). */
export function languageName(t: TFunction, locale: string, code: string): string {
	if (!code) return t('translation.unknownLanguage');
	try {
		return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
	} catch {
		return code;
	}
}
