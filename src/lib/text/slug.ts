/**
 * A readable address part from a name or title: accents dropped, lower case, ASCII letters and digits
 * joined by hyphens, at most `max` characters; `fallback` when nothing is left (a title in Arabic script).
 */
export function slugify(text: string, fallback: string, max = 40): string {
	const base = text
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, max)
		.replace(/-+$/, '');
	return base || fallback;
}

/** The first of `base`, `base-2` … `base-9` not in `taken`, else `base` with a time-based and a random ending. */
export async function freeSlug(base: string, taken: (candidates: string[]) => Promise<Set<string>>): Promise<string> {
	const candidates = [base, ...Array.from({ length: 8 }, (_, i) => `${base}-${i + 2}`)];
	const used = await taken(candidates);
	return (
		candidates.find((c) => !used.has(c)) ??
		`${base}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
	);
}
