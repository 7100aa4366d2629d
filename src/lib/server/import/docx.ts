import mammoth from 'mammoth';
import { importError, MAX_BYTES } from './errors';
import { joinParagraphs } from './repair';
import { noteMarker, oneLine, type SourceBlock, type SourceDocument } from './source';

/*
 * A Word file (.docx) read with mammoth, server-side only. Mammoth turns the document into simple HTML
 * (headings, paragraphs, lists, tables, footnotes); that HTML is never shown: it is read here, element
 * by element, into our own blocks of plain text. Images are left out and counted.
 */

const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** An encrypted (password-protected) Office file, or an old .doc, is an OLE compound file, not a zip. */
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/** Whether the zip holds a macro project: its file name stands uncompressed in the zip's headers. */
function hasMacros(bytes: Uint8Array): boolean {
	return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes('vbaProject.bin', 0, 'latin1');
}

/** Refuses what cannot or must not be read, each with its own message, before mammoth sees it. */
export function checkDocx(bytes: Uint8Array, fileName: string): void {
	if (bytes.byteLength > MAX_BYTES) throw importError('tooLarge', { max: 10 });
	if (bytes.byteLength === 0) throw importError('empty');
	if (/\.docm$/i.test(fileName)) throw importError('macros');
	if (startsWith(bytes, OLE)) throw importError('protected');
	if (!startsWith(bytes, ZIP)) throw importError('notZip');
	if (hasMacros(bytes)) throw importError('macros');
}

interface Node {
	tag: string;
	attrs: string;
	children: (Node | string)[];
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
function decode(text: string): string {
	return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) => {
		if (name[0] === '#')
			return String.fromCodePoint(
				name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1))
			);
		return entities[name.toLowerCase()] ?? whole;
	});
}

const voidTags = new Set(['br', 'img', 'hr']);

/** Mammoth's HTML as a tree. It writes well-formed HTML with a small set of tags, so a small reader does. */
function parse(html: string): Node {
	const root: Node = { tag: 'root', attrs: '', children: [] };
	const stack = [root];
	const token = /<(\/?)([a-z0-9]+)([^>]*?)(\/?)>|([^<]+)/gi;
	for (const m of html.matchAll(token)) {
		const top = stack[stack.length - 1];
		if (m[5] !== undefined) top.children.push(decode(m[5]));
		else if (m[1]) {
			const at = stack.map((n) => n.tag).lastIndexOf(m[2].toLowerCase());
			if (at > 0) stack.length = at;
		} else {
			const node: Node = { tag: m[2].toLowerCase(), attrs: m[3], children: [] };
			top.children.push(node);
			if (!m[4] && !voidTags.has(node.tag)) stack.push(node);
		}
	}
	return root;
}

const attr = (node: Node, name: string) => new RegExp(`${name}="([^"]*)"`).exec(node.attrs)?.[1] ?? '';
const isNode = (n: Node | string): n is Node => typeof n !== 'string';

/** A node's text, a footnote reference as its marker, the "↑" back link of a footnote left out. */
function textOf(node: Node | string): string {
	if (typeof node === 'string') return node;
	if (node.tag === 'a') {
		const href = attr(node, 'href');
		if (/^#(footnote|endnote)-\d+$/.test(href)) return noteMarker(href.slice(1));
		if (/^#(footnote|endnote)-ref-\d+$/.test(href)) return '';
	}
	if (node.tag === 'br') return ' ';
	if (node.tag === 'ol' || node.tag === 'ul') return '';
	return node.children.map(textOf).join('');
}

/** A list's items, nested lists' items after their parent's, marked with a dash. */
function listItems(list: Node, depth = 0): string[] {
	return list.children.filter(isNode).flatMap((li) => {
		const own = oneLine(textOf(li));
		const nested = li.children.filter(isNode).filter((c) => c.tag === 'ol' || c.tag === 'ul');
		return [...(own ? [`${depth > 0 ? '– ' : ''}${own}`] : []), ...nested.flatMap((n) => listItems(n, depth + 1))];
	});
}

function tableRows(table: Node): string[][] {
	const rows: string[][] = [];
	const walk = (node: Node) => {
		for (const child of node.children.filter(isNode)) {
			if (child.tag === 'tr')
				rows.push(
					child.children
						.filter(isNode)
						.filter((c) => c.tag === 'td' || c.tag === 'th')
						.map((c) => oneLine(c.children.filter(isNode).map(textOf).join(' ') || textOf(c)))
				);
			else walk(child);
		}
	};
	walk(table);
	return rows.filter((r) => r.some(Boolean));
}

/** The blocks and footnotes of mammoth's HTML. */
export function blocksOfHtml(html: string): { blocks: SourceBlock[]; notes: Map<string, string> } {
	const blocks: SourceBlock[] = [];
	const notes = new Map<string, string>();
	let paragraphs: string[] = [];
	const flush = () => {
		for (const text of joinParagraphs(paragraphs)) blocks.push({ kind: 'paragraph', text });
		paragraphs = [];
	};
	for (const node of parse(html).children.filter(isNode)) {
		const heading = /^h([1-6])$/.exec(node.tag);
		if (node.tag === 'p') {
			const text = oneLine(textOf(node));
			if (text) paragraphs.push(text);
			continue;
		}
		flush();
		if (heading) {
			const text = oneLine(textOf(node));
			if (text) blocks.push({ kind: 'heading', level: Number(heading[1]), text });
		} else if (node.tag === 'ol' || node.tag === 'ul') {
			const items = node.children.filter(isNode);
			const noteIds = items.map((li) => attr(li, 'id'));
			if (items.length > 0 && noteIds.every((id) => /^(footnote|endnote)-\d+$/.test(id))) {
				items.forEach((li, i) => notes.set(noteIds[i], oneLine(textOf(li).replace(/↑\s*$/, ''))));
			} else {
				const list = listItems(node);
				if (list.length) blocks.push({ kind: 'list', ordered: node.tag === 'ol', items: list });
			}
		} else if (node.tag === 'table') {
			const rows = tableRows(node);
			if (rows.length) blocks.push({ kind: 'table', rows });
		}
	}
	flush();
	return { blocks, notes };
}

/** Reads a .docx: refused with a clear message when it is not one, protected, has macros or is too large. */
export async function readDocx(bytes: Uint8Array, fileName: string): Promise<SourceDocument> {
	checkDocx(bytes, fileName);
	let imagesLeftOut = 0;
	let html: string;
	try {
		const result = await mammoth.convertToHtml(
			{ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
			{
				convertImage: mammoth.images.imgElement(async () => {
					imagesLeftOut++;
					return { src: '' };
				}),
				externalFileAccess: false
			}
		);
		html = result.value;
	} catch {
		throw importError('unreadable');
	}
	return { ...blocksOfHtml(html), imagesLeftOut };
}
