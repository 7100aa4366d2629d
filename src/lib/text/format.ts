/*
 * Intl formatters are costly to make and cheap to use: one per language and style, made once.
 * Safe on the server (no state but the cache) and in the browser.
 */
const dateTimes = new Map<string, Intl.DateTimeFormat>();
const numbers = new Map<string, Intl.NumberFormat>();

export type DateStyle = 'medium' | 'long' | 'mediumTime' | 'longTime';

const options: Record<DateStyle, Intl.DateTimeFormatOptions> = {
	medium: { dateStyle: 'medium' },
	long: { dateStyle: 'long' },
	mediumTime: { dateStyle: 'medium', timeStyle: 'short' },
	longTime: { dateStyle: 'long', timeStyle: 'short' }
};

/** An ISO date in the reader's language. */
export function formatDate(iso: string, locale: string, style: DateStyle = 'medium'): string {
	const key = `${locale}|${style}`;
	let format = dateTimes.get(key);
	if (!format) {
		format = new Intl.DateTimeFormat(locale, options[style]);
		dateTimes.set(key, format);
	}
	return format.format(new Date(iso));
}

export function formatNumber(n: number, locale: string): string {
	let format = numbers.get(locale);
	if (!format) {
		format = new Intl.NumberFormat(locale);
		numbers.set(locale, format);
	}
	return format.format(n);
}

/**
 * A wait in plain words, rounded the way people say it: minutes under an hour, hours under two days,
 * then days ("45 minutes", "3 hours", "2 days"). `t` brings the words and plural forms of the language.
 */
export function waitDuration(minutes: number, t: (key: string, options: { count: number }) => string): string {
	if (minutes < 60) return t('thread:wait.minutes', { count: Math.max(1, Math.round(minutes)) });
	if (minutes < 48 * 60) return t('thread:wait.hours', { count: Math.round(minutes / 60) });
	return t('thread:wait.days', { count: Math.round(minutes / (24 * 60)) });
}
