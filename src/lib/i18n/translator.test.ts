import { describe, expect, it, vi } from 'vitest';
import type { TFunction } from 'i18next';
import { loadTranslator, remembering } from './translator';

describe('the remembering translate function', () => {
	it('gives the texts i18next gives, for plain keys, counts and names, in every plural form', async () => {
		const t = await loadTranslator('ar');
		const i18n = (await import('i18next')).default.createInstance();
		// The same function without memory, for comparison: the remembered one must never differ.
		const { default: common } = await import('./locales/ar/common.json');
		await i18n.init({
			lng: 'ar',
			resources: { ar: { common } },
			defaultNS: 'common',
			interpolation: { escapeValue: false }
		});
		const plainT = i18n.getFixedT('ar');
		for (const key of ['skipToContent', 'breadcrumb', 'language.menu', 'nav.label', 'skipToContent'])
			expect(t(key)).toBe(plainT(key));
		const counts = [0, 1, 2, 3, 11, 100, 0, 1, 2];
		const texts = counts.map((count) => t('unit.people', { count }));
		expect(texts).toEqual(counts.map((count) => plainT('unit.people', { count })));
		// Arabic has six plural forms: remembering by count must not mix them up.
		expect(new Set(texts).size).toBeGreaterThanOrEqual(5);
	});

	it('asks i18next once for the same key and plain options, and every time for anything else', () => {
		const inner = vi.fn((key: string, options?: { count?: number; returnObjects?: boolean }) =>
			options?.returnObjects ? [key] : `${key}:${options?.count ?? ''}`
		);
		const t = remembering(inner as unknown as TFunction, 3);
		expect(t('a')).toBe('a:');
		expect(t('a')).toBe('a:');
		expect(t('a', { count: 2 })).toBe('a:2');
		expect(t('a', { count: 2 })).toBe('a:2');
		expect(t('a', { count: 3 })).toBe('a:3');
		expect(inner).toHaveBeenCalledTimes(3);
		// returnObjects gives an object that a caller could change: never shared.
		const first = t('list', { returnObjects: true } as never) as unknown as string[];
		expect(t('list', { returnObjects: true } as never)).not.toBe(first);
		expect(inner).toHaveBeenCalledTimes(5);
		// Full (3 texts): it starts afresh rather than grow.
		t('b');
		expect(t('a')).toBe('a:');
		expect(inner).toHaveBeenCalledTimes(7);
	});
});
