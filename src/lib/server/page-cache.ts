/**
 * A micro-cache for pages as logged-out readers see them: the same bytes for everyone, kept for a few
 * seconds. When a flyer sends hundreds of people to one recommendation at once, the server renders it
 * once every few seconds instead of once per reader. Logged-in people are never served from it, so
 * what they do shows at once for them, and within seconds for everyone else.
 */
export interface CachedPage {
	status: number;
	headers: [string, string][];
	body: Uint8Array;
	expires: number;
}

export class PageCache {
	private entries = new Map<string, CachedPage>();

	constructor(
		private readonly ttlMs: number,
		private readonly maxEntries = 500
	) {}

	get enabled(): boolean {
		return this.ttlMs > 0;
	}

	get(key: string, now = Date.now()): CachedPage | undefined {
		const hit = this.entries.get(key);
		if (!hit) return undefined;
		if (hit.expires <= now) {
			this.entries.delete(key);
			return undefined;
		}
		return hit;
	}

	set(key: string, page: Omit<CachedPage, 'expires'>, now = Date.now()): void {
		if (!this.enabled) return;
		// Oldest first out: a Map keeps insertion order.
		if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
		this.entries.set(key, { ...page, expires: now + this.ttlMs });
	}

	clear(): void {
		this.entries.clear();
	}
}

/** Whether a request may be answered from the cache: a plain GET of a page by someone not logged in. */
export function isCacheableRequest(request: {
	method: string;
	url: URL;
	hasSession: boolean;
	isDataRequest: boolean;
}): boolean {
	return (
		request.method === 'GET' &&
		!request.hasSession &&
		!request.isDataRequest &&
		request.url.search === '' &&
		(request.url.pathname === '/' || request.url.pathname.startsWith('/c/') || request.url.pathname === '/glossary')
	);
}
