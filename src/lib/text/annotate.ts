import type { RichParagraph } from '../domain';

export interface MatchableTerm {
	slug: string;
	kind: 'abbreviation' | 'jargon';
	/** The exact forms to find: "OCMW", "OCMW's", "basiswerkingen" ... */
	forms: string[];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function buildPattern(forms: string[], flags: string): RegExp | null {
	if (forms.length === 0) return null;
	// Longest first, so "Vereniging waar armen het woord nemen" wins over "vereniging".
	const alternatives = [...new Set(forms)].sort((a, b) => b.length - a.length).map(escape);
	// Whole words only: no letter or digit may touch the match on either side.
	return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, flags);
}

export type Annotator = (text: string, seen?: Set<string>) => RichParagraph;

/**
 * Builds a function that splits a text into plain runs and glossary terms. Abbreviations match with
 * their case (so "LOP" is not "lop"), jargon without. With a shared `seen` set, each term is marked
 * only where it first appears on a page, which keeps the text readable.
 */
export function createAnnotator(terms: readonly MatchableTerm[]): Annotator {
	const bySurface = new Map<string, string>();
	const exact: string[] = [];
	const folded: string[] = [];
	for (const term of terms) {
		for (const form of term.forms) {
			if (!form.trim()) continue;
			if (term.kind === 'abbreviation') {
				exact.push(form);
				bySurface.set(form, term.slug);
			} else {
				folded.push(form);
				bySurface.set(form.toLocaleLowerCase('nl'), term.slug);
			}
		}
	}
	const patterns = [buildPattern(exact, 'gu'), buildPattern(folded, 'giu')].filter((p) => p !== null);

	return (text, seen = new Set()) => {
		type Hit = { start: number; end: number; slug: string };
		const hits: Hit[] = [];
		for (const pattern of patterns) {
			for (const m of text.matchAll(pattern)) {
				const slug = bySurface.get(m[0]) ?? bySurface.get(m[0].toLocaleLowerCase('nl'));
				if (slug) hits.push({ start: m.index, end: m.index + m[0].length, slug });
			}
		}
		hits.sort((a, b) => a.start - b.start || b.end - a.end);

		const out: RichParagraph = [];
		let cursor = 0;
		for (const hit of hits) {
			if (hit.start < cursor || seen.has(hit.slug)) continue;
			if (hit.start > cursor) out.push(text.slice(cursor, hit.start));
			out.push({ text: text.slice(hit.start, hit.end), term: hit.slug });
			seen.add(hit.slug);
			cursor = hit.end;
		}
		if (cursor < text.length) out.push(text.slice(cursor));
		return out;
	};
}
