/*
 * Repairs what a PDF leaves in text exported to Word or plain text: lines broken in the middle of a
 * sentence, words split with a hyphen at a line end ("ar-\nmoede"), page numbers and running headers
 * (a short line repeated on every page). The demo report was cleaned by hand into JSON
 * (src/lib/server/seed/gekleurde-armoede); these are the same repairs as rules, tested in repair.test.ts.
 */

/** A line that is only a page number: "12", "- 12 -", "p. 12", "pagina 12", "12 / 40", "Page 3 of 9". */
const pageNumber =
	/^(?:[-–—]\s*)?(?:(?:p\.|pag\.?|pagina|page|sayfa)\s*)?\d{1,4}(?:\s*(?:\/|of|van|sur)\s*\d{1,4})?(?:\s*[-–—])?$/i;

/** Short lines seen at least this often are running headers or footers. */
const RUNNING_MIN = 3;
const RUNNING_MAX_LENGTH = 80;

/** The lines that repeat as running headers or footers: short, not a sentence, seen on many pages. */
function runningLines(lines: string[]): Set<string> {
	const counts = new Map<string, number>();
	for (const line of lines) {
		const l = line.trim();
		if (l && l.length <= RUNNING_MAX_LENGTH) counts.set(l, (counts.get(l) ?? 0) + 1);
	}
	return new Set(
		[...counts].filter(([l, n]) => n >= RUNNING_MIN && !/^[-*•–]\s/.test(l) && !/^#/.test(l)).map(([l]) => l)
	);
}

/** Whether a line ends a sentence or a heading, so the next line does not continue it. */
const endsSentence = (line: string) => /[.!?:;"”)\]]$/.test(line);
/** Whether a line starts something new: a list item, a numbered point, a heading. */
const startsNew = (line: string) => /^(?:[-*•–]\s|\d+(?:\.\d+)*[.)]?\s|[a-z][.)]\s|#)/.test(line);

/** A line this long was cut by the page's width; a shorter one without a full stop may be a heading. */
const FULL_LINE = 40;

/** Whether `line` goes on with the sentence of the line before it. */
function continues(last: string, line: string): boolean {
	if (endsSentence(last) || startsNew(line) || /^#/.test(last)) return false;
	return /^\p{Ll}/u.test(line) || last.length >= FULL_LINE;
}

/** Joins `a` and the next line `b` of one broken sentence: "ar-" + "moede" is "armoede". */
export function joinBroken(a: string, b: string): string {
	if (/\p{L}-$/u.test(a) && /^\p{Ll}/u.test(b)) return a.slice(0, -1) + b;
	// Before a capital the hyphen is the word's own ("Vlaams-Brusselse"): kept, without a space.
	if (/\p{L}-$/u.test(a) && /^\p{Lu}/u.test(b)) return a + b;
	return `${a} ${b}`;
}

/**
 * Plain text with its PDF damage repaired: page numbers and running headers removed, lines of one
 * paragraph joined. A blank line still separates paragraphs; a line that starts a list item or a
 * numbered point stays on its own line.
 */
export function repairText(text: string): string {
	const lines = text.replace(/\r\n?/g, '\n').split('\n');
	const running = runningLines(lines);
	const kept = lines
		.map((l) => l.replace(/\s+$/, ''))
		.filter((l) => !pageNumber.test(l.trim()) && !running.has(l.trim()));
	const out: string[] = [];
	for (const raw of kept) {
		const line = raw.trim();
		const last = out.length ? out[out.length - 1] : '';
		if (!line) {
			if (last !== '') out.push('');
			continue;
		}
		if (last && continues(last, line)) out[out.length - 1] = joinBroken(last, line);
		else out.push(line);
	}
	return out.join('\n').trim();
}

/**
 * Paragraphs of a Word file made from a PDF: one that stops mid-sentence and is followed by one that
 * starts in lower case is one paragraph.
 */
export function joinParagraphs(paragraphs: string[]): string[] {
	const out: string[] = [];
	for (const p of paragraphs) {
		const last = out.length ? out[out.length - 1] : null;
		if (last !== null && !endsSentence(last) && /^\p{Ll}/u.test(p)) out[out.length - 1] = joinBroken(last, p);
		else out.push(p);
	}
	return out;
}
