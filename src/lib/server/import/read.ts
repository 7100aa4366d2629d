import { readDocx } from './docx';
import { importError, MAX_BYTES } from './errors';
import { readMarkdown } from './markdown';
import { propose, type Proposal } from './structure';
import type { SourceDocument } from './source';
import { readText } from './text';

export type ReportKind = 'docx' | 'markdown' | 'text';

export interface ReadReport {
	kind: ReportKind;
	sourceName: string;
	proposal: Proposal;
	imagesLeftOut: number;
}

/** What kind of report a file is, by its name: .docx (and .docm, refused for its macros), .md, .txt. */
function kindOfFile(name: string): ReportKind | null {
	if (/\.doc[xm]$/i.test(name)) return 'docx';
	if (/\.(md|markdown)$/i.test(name)) return 'markdown';
	if (/\.txt$/i.test(name)) return 'text';
	return null;
}

/** Pasted text is Markdown when it has a Markdown heading or a footnote; otherwise plain text. */
const looksLikeMarkdown = (text: string) => /^#{1,6}\s+\S/m.test(text) || /^\[\^[^\]]+\]:/m.test(text);

function decodeUtf8(bytes: Uint8Array): string {
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
	} catch {
		throw importError('unreadable');
	}
}

/**
 * Reads a report from an uploaded file or from pasted text and proposes its structure. Pure: nothing is
 * saved. Raises reports:import.error.* (tooLarge, empty, fileType, notZip, protected, macros, unreadable,
 * noStructure).
 */
export async function readReport(input: {
	file?: { name: string; bytes: Uint8Array } | null;
	text?: string;
}): Promise<ReadReport> {
	let doc: SourceDocument;
	let kind: ReportKind;
	let sourceName: string;
	if (input.file && input.file.bytes.byteLength > 0) {
		const { name, bytes } = input.file;
		if (bytes.byteLength > MAX_BYTES) throw importError('tooLarge', { max: 10 });
		const fileKind = kindOfFile(name);
		if (!fileKind) throw importError('fileType');
		kind = fileKind;
		sourceName = name.slice(0, 200);
		if (kind === 'docx') doc = await readDocx(bytes, name);
		else if (kind === 'markdown') doc = readMarkdown(decodeUtf8(bytes));
		else doc = readText(decodeUtf8(bytes));
	} else {
		const text = (input.text ?? '').trim();
		if (!text) throw importError('empty');
		kind = looksLikeMarkdown(text) ? 'markdown' : 'text';
		sourceName = '';
		doc = kind === 'markdown' ? readMarkdown(text) : readText(text);
	}
	return { kind, sourceName, proposal: propose(doc), imagesLeftOut: doc.imagesLeftOut };
}
