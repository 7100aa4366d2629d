/** Texts are stored as plain text with a blank line between paragraphs. */
export function toParagraphs(text: string): string[] {
	return text
		.split(/\n\s*\n/)
		.map((p) => p.replace(/\s+/g, ' ').trim())
		.filter((p) => p.length > 0);
}

export function fromParagraphs(paragraphs: readonly string[]): string {
	return paragraphs
		.map((p) => p.trim())
		.filter(Boolean)
		.join('\n\n');
}
