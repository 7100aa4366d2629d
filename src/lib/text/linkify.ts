/** A run of comment text: plain, or a web address to show as a link. */
export type TextPart = { text: string } | { text: string; href: string };

// http(s) addresses and www. addresses; trailing punctuation stays outside the link.
const url = /\b(?:https?:\/\/|www\.)[^\s<>"'`]+/giu;

/**
 * Splits plain text into runs and links, for rendering as text nodes and <a> elements: never as HTML.
 * Only http and https links are made; "javascript:" and the like stay text.
 */
export function linkify(text: string): TextPart[] {
	const parts: TextPart[] = [];
	let last = 0;
	for (const m of text.matchAll(url)) {
		let raw = m[0];
		while (/[.,;:!?)\]}’”]$/u.test(raw)) raw = raw.slice(0, -1);
		if (raw.length < 5) continue;
		const start = m.index;
		if (start > last) parts.push({ text: text.slice(last, start) });
		const href = raw.toLowerCase().startsWith('www.') ? `https://${raw}` : raw;
		parts.push({ text: raw, href });
		last = start + raw.length;
	}
	if (last < text.length) parts.push({ text: text.slice(last) });
	return parts;
}
