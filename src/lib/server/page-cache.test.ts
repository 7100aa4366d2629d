import { describe, expect, it } from 'vitest';
import { isCacheableRequest, PageCache } from './page-cache';

describe('the page micro-cache', () => {
	const page = {
		status: 200,
		headers: [['content-type', 'text/html']] as [string, string][],
		body: new TextEncoder().encode('<p>hi</p>')
	};

	it('keeps a page for its time to live, then forgets it', () => {
		const cache = new PageCache(2000);
		cache.set('a', page, 1000);
		expect(cache.get('a', 2999)?.body).toEqual(page.body);
		expect(cache.get('a', 3000)).toBeUndefined();
	});

	it('keeps no more than its limit, dropping the oldest', () => {
		const cache = new PageCache(10_000, 2);
		cache.set('a', page, 0);
		cache.set('b', page, 0);
		cache.set('c', page, 0);
		expect(cache.get('a', 1)).toBeUndefined();
		expect(cache.get('c', 1)).toBeDefined();
	});

	it('does nothing when switched off', () => {
		const cache = new PageCache(0);
		cache.set('a', page);
		expect(cache.get('a')).toBeUndefined();
	});

	it('serves only plain GETs of public pages to people who are not logged in', () => {
		const url = (s: string) => new URL(`http://x${s}`);
		const base = { method: 'GET', hasSession: false, isDataRequest: false };
		expect(isCacheableRequest({ ...base, url: url('/c/gekleurde-armoede/19') })).toBe(true);
		expect(isCacheableRequest({ ...base, hasSession: true, url: url('/c/gekleurde-armoede/19') })).toBe(false);
		expect(isCacheableRequest({ ...base, method: 'POST', url: url('/c/gekleurde-armoede/19') })).toBe(false);
		expect(isCacheableRequest({ ...base, url: url('/c/gekleurde-armoede/19?lang=ar') })).toBe(false);
		expect(isCacheableRequest({ ...base, url: url('/account') })).toBe(false);
		expect(isCacheableRequest({ ...base, isDataRequest: true, url: url('/c/gekleurde-armoede/19') })).toBe(false);
	});
});
