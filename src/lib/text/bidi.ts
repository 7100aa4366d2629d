/**
 * A name or title put into a sentence of another language, isolated (U+2068 FIRST STRONG ISOLATE …
 * U+2069 POP DIRECTIONAL ISOLATE): the text version of <bdi>. Without it "Buurtwerk De Brug (demo)."
 * in an Arabic sentence is drawn ".Buurtwerk De Brug (demo" or the like. For values interpolated into
 * translated sentences, where an element cannot go.
 */
export function isolate(text: string): string {
	return `\u2068${text}\u2069`;
}
