import { diffWordsWithSpace } from 'diff';
import type { TextChange } from '../../views';

/** A word, as readers count words: a run of letters or digits (punctuation and spaces are not words). */
const WORD = /[\p{L}\p{N}]+/gu;
const words = (text: string) => text.match(WORD)?.length ?? 0;

/**
 * What changed from one text to another, word by word (jsdiff's diffWordsWithSpace, which also keeps
 * changed spaces and line breaks), as parts to show marked and as counts to say in words. The parts are
 * plain text: the page renders them as text, never as HTML.
 */
export function textChange(before: string, after: string): TextChange {
	const parts: TextChange['parts'] = [];
	let removed = 0;
	let added = 0;
	for (const part of diffWordsWithSpace(before, after)) {
		const kind = part.added ? 'added' : part.removed ? 'removed' : 'same';
		if (kind === 'removed') removed += words(part.value);
		if (kind === 'added') added += words(part.value);
		const last = parts[parts.length - 1];
		if (last?.kind === kind) last.text += part.value;
		else parts.push({ kind, text: part.value });
	}
	return { parts, removed, added };
}
