import type { TextBlock } from '../../domain';
import { importError } from './errors';
import { noteMarkers, type SourceBlock, type SourceDocument } from './source';

/*
 * The structure the importer proposes, from headings and numbering, for staff to check and fix before
 * anything is saved: themes, and the report's parts in order. Each part is a recommendation (with its
 * theme, the app's integer number and the report's own number), background, or not part of the
 * consultation. A part's text is a list of blocks (paragraphs, lists, tables, notes) of plain text.
 */

export interface ProposedTheme {
	key: string;
	title: string;
}

export const partKinds = ['recommendation', 'background', 'excluded'] as const;
export type PartKind = (typeof partKinds)[number];

export interface ProposedPart {
	key: string;
	kind: PartKind;
	/** The theme of a recommendation (null for the others, and for a recommendation before any theme). */
	themeKey: string | null;
	/** The app's number of a recommendation (1, 2, 3 …); null for the other parts. */
	number: number | null;
	/** The report's own number ("2.3"), or '' when the report gave none. */
	reportNumber: string;
	title: string;
	blocks: TextBlock[];
}

export interface Proposal {
	themes: ProposedTheme[];
	parts: ProposedPart[];
}

const themeWord = /^(?:thema|theme|thème|tema|deel|part|partie|hoofdstuk|chapter|chapitre|bölüm)\b/i;
const roman = /^[IVXLC]+[.):]\s+\S/;
const recommendationWord = /^(?:aanbeveling|recommendation|recommandation|öneri|توصية)\b/i;
/** "2.3 Title", "2.3. Title", "12) Title", "Aanbeveling 2.3: Title", "Aanbeveling 4". */
const numbered =
	/^(?:(?:aanbeveling|recommendation|recommandation|öneri|توصية)\s*)?(\d+(?:\.\d+)*)(?:[.):]|\s*[-–:])?(?:\s+(.*))?$/i;
const background =
	/^(?:achtergrond|background|contexte?|context|inleiding|introduction|introductie|voorwoord|foreword|avant-propos|préface|samenvatting|summary|résumé|methode|methodology?|méthode)\b/i;
const excluded =
	/^(?:bijlagen?|annexes?|appendix|appendices|colofon|colophon|inhoud|inhoudstafel|inhoudsopgave|contents|table of contents|sommaire|table des matières|bibliografie|bibliography|bibliographie|literatuur(?:lijst)?|references|références|bronnen|sources|dankwoord|acknowledgements|remerciements)\b/i;

/** A line of plain text that is a heading: a theme, a recommendation or a numbered chapter, short, no sentence. */
export function isHeadingLine(line: string): boolean {
	if (line.length > 120) return false;
	if (themeWord.test(line) || recommendationWord.test(line) || roman.test(line)) return true;
	if (background.test(line) || excluded.test(line)) return line.length <= 60 && !/[.]$/.test(line);
	return /^\d+(?:\.\d+)*\.?\s+\S/.test(line) && line.length <= 90 && !/[.;:,]$/.test(line);
}

type Role =
	| { role: 'theme'; title: string }
	| { role: 'recommendation'; reportNumber: string; title: string }
	| { role: 'background' | 'excluded'; title: string }
	| { role: 'inner' };

/** The heading level themes are at: the highest level (smallest number) among the ordinary headings. */
function themeLevel(blocks: SourceBlock[]): number {
	const levels = blocks
		.filter((b): b is Extract<SourceBlock, { kind: 'heading' }> => b.kind === 'heading')
		.filter((h) => !background.test(h.text) && !excluded.test(h.text) && !recommendationWord.test(h.text))
		.map((h) => h.level);
	return levels.length ? Math.min(...levels) : 1;
}

function stripThemeNumber(text: string): string {
	return text.replace(/^[IVXLC]+[.):]\s+/, '').trim() || text;
}

/** What each heading starts, given the level themes are at and whether numbered headings mark recommendations. */
function classify(h: { level: number; text: string }, level: number, numberedBelow: boolean): Role {
	if (excluded.test(h.text)) return { role: 'excluded', title: h.text };
	if (background.test(h.text)) return { role: 'background', title: h.text };
	const n = numbered.exec(h.text);
	if (recommendationWord.test(h.text) && n) return { role: 'recommendation', reportNumber: n[1], title: n[2] ?? '' };
	if (h.level <= level) return { role: 'theme', title: themeWord.test(h.text) ? h.text : stripThemeNumber(h.text) };
	if (n && n[2]) return { role: 'recommendation', reportNumber: n[1], title: n[2] };
	if (!numberedBelow && h.level === level + 1) return { role: 'recommendation', reportNumber: '', title: h.text };
	return { role: 'inner' };
}

/** A paragraph that opens a numbered recommendation in a text without recommendation headings. */
const numberedParagraph = /^(?:(?:aanbeveling|recommendation|recommandation)\s+)?(\d+(?:\.\d+)?)[.)]\s+(\S.*)$/i;

const SHORT_TITLE = 80;
function shortTitle(text: string): string {
	const sentence = /^(.+?[.!?])(\s|$)/.exec(text)?.[1] ?? text;
	const t = sentence.length <= SHORT_TITLE ? sentence : `${sentence.slice(0, SHORT_TITLE - 1).replace(/\s+\S*$/, '')}…`;
	return t.replace(/[.:]$/, '');
}

/** A source block as a text block; a heading inside a part stays as a paragraph of its own. */
function toTextBlock(b: SourceBlock): TextBlock {
	switch (b.kind) {
		case 'list':
			return { type: 'list', items: b.ordered ? b.items.map((item, i) => `${i + 1}. ${item}`) : b.items };
		case 'table':
			return { type: 'table', rows: b.rows };
		default:
			return { type: 'paragraph', text: b.text };
	}
}

/** Numbers a part's footnote references [1], [2] … in order, and adds its notes block at its end. */
function withNotes(blocks: TextBlock[], notes: Map<string, string>): TextBlock[] {
	const order: string[] = [];
	const mark = (text: string) =>
		text.replace(noteMarkers, (_, id: string) => {
			if (!notes.has(id)) return '';
			if (!order.includes(id)) order.push(id);
			return `[${order.indexOf(id) + 1}]`;
		});
	const marked = blocks.map((b): TextBlock => {
		switch (b.type) {
			case 'paragraph':
				return { type: 'paragraph', text: mark(b.text) };
			case 'table':
				return { type: 'table', rows: b.rows.map((r) => r.map(mark)) };
			default:
				return { type: b.type, items: b.items.map(mark) };
		}
	});
	return order.length ? [...marked, { type: 'notes', items: order.map((id) => notes.get(id)!) }] : marked;
}

/**
 * The proposed structure of a report. Raises reports:import.error.noStructure when no recommendation
 * can be found.
 */
export function propose(doc: SourceDocument): Proposal {
	const level = themeLevel(doc.blocks);
	const numberedBelow = doc.blocks.some((b) => b.kind === 'heading' && b.level > level && !!numbered.exec(b.text)?.[2]);
	const headingRecommendations = doc.blocks.some(
		(b) => b.kind === 'heading' && classify(b, level, numberedBelow).role === 'recommendation'
	);
	const themes: ProposedTheme[] = [];
	const parts: (Omit<ProposedPart, 'blocks' | 'number'> & { source: SourceBlock[] })[] = [];
	let theme: string | null = null;
	const start = (part: Omit<ProposedPart, 'blocks' | 'number' | 'key'>) =>
		parts.push({ ...part, key: `p${parts.length + 1}`, source: [] });

	for (const b of doc.blocks) {
		if (b.kind === 'heading') {
			const role = classify(b, level, numberedBelow);
			if (role.role === 'theme') {
				theme = `t${themes.length + 1}`;
				themes.push({ key: theme, title: role.title });
				// A theme's own text, before its first recommendation, is background until staff say otherwise.
				start({ kind: 'background', themeKey: theme, reportNumber: '', title: role.title });
				continue;
			}
			if (role.role === 'recommendation') {
				start({ kind: 'recommendation', themeKey: theme, reportNumber: role.reportNumber, title: role.title });
				continue;
			}
			if (role.role === 'background' || role.role === 'excluded') {
				start({ kind: role.role, themeKey: null, reportNumber: '', title: role.title });
				continue;
			}
		}
		const p = b.kind === 'paragraph' && !headingRecommendations ? numberedParagraph.exec(b.text) : null;
		const current = parts[parts.length - 1];
		if (p && theme !== null && current?.kind !== 'excluded') {
			start({ kind: 'recommendation', themeKey: theme, reportNumber: p[1], title: '' });
			parts[parts.length - 1].source.push({ kind: 'paragraph', text: p[2] });
			continue;
		}
		if (!current) start({ kind: 'background', themeKey: null, reportNumber: '', title: '' });
		parts[parts.length - 1].source.push(b);
	}

	let next = 0;
	const proposed: ProposedPart[] = parts
		.filter((p) => p.kind === 'recommendation' || p.source.length > 0)
		.map(({ source, ...p }) => {
			const blocks = withNotes(source.map(toTextBlock), doc.notes);
			const first = blocks.find((b) => b.type === 'paragraph');
			const isRecommendation = p.kind === 'recommendation';
			const number = isRecommendation ? ++next : null;
			const title = p.title || (isRecommendation && first?.type === 'paragraph' ? shortTitle(first.text) : '');
			return {
				...p,
				title,
				number,
				reportNumber: isRecommendation && p.reportNumber !== String(number) ? p.reportNumber : '',
				blocks
			};
		});
	if (next === 0) throw importError('noStructure');
	return { themes, parts: proposed };
}
