import { cleanLine } from '../../text/clean';
import { IssueCollector } from '../errors';
import { partKinds, type PartKind, type Proposal, type ProposedPart } from './structure';

/*
 * The fixes staff make to a proposed structure before it is published, as pure functions: each returns
 * a new proposal, or raises a ValidationError on the field that is wrong (reports:import.error.*).
 */

export const TITLE_MAX = 200;
export const REPORT_NUMBER_MAX = 20;

export type Edit =
	| { action: 'theme'; theme: string; title: string }
	| { action: 'part'; part: string; kind: string; theme: string; number: string; reportNumber: string; title: string }
	| { action: 'merge'; part: string }
	| { action: 'split'; part: string; at: string };

function partAt(p: Proposal, key: string): number {
	const at = p.parts.findIndex((x) => x.key === key);
	if (at < 0) {
		const issues = new IssueCollector();
		issues.add('part', 'reports:import.error.part');
		issues.throwIfAny();
	}
	return at;
}

/** The next free part key ("p12"). */
const nextKey = (p: Proposal) => `p${Math.max(0, ...p.parts.map((x) => Number(x.key.slice(1)) || 0)) + 1}`;

export function applyEdit(proposal: Proposal, edit: Edit): Proposal {
	const p: Proposal = structuredClone(proposal);
	const issues = new IssueCollector();
	switch (edit.action) {
		case 'theme': {
			const theme = p.themes.find((t) => t.key === edit.theme);
			const title = cleanLine(edit.title);
			if (!theme) issues.add('theme', 'reports:import.error.theme');
			if (!title) issues.add('title', 'reports:import.error.title');
			issues.atMost('title', title, TITLE_MAX, 'reports:create.error.tooLong');
			issues.throwIfAny();
			theme!.title = title;
			return p;
		}
		case 'part': {
			const part = p.parts[partAt(p, edit.part)];
			const kind = issues.oneOf('kind', edit.kind, partKinds, 'reports:import.error.kind') as PartKind | null;
			const title = cleanLine(edit.title);
			const reportNumber = cleanLine(edit.reportNumber);
			issues.atMost('title', title, TITLE_MAX, 'reports:create.error.tooLong');
			issues.atMost('reportNumber', reportNumber, REPORT_NUMBER_MAX, 'reports:create.error.tooLong');
			let number: number | null = null;
			let themeKey: string | null = null;
			if (kind === 'recommendation') {
				number = Number(edit.number.trim());
				if (!/^\d{1,4}$/.test(edit.number.trim()) || number < 1) issues.add('number', 'reports:import.error.number');
				else if (p.parts.some((x) => x.key !== part.key && x.kind === 'recommendation' && x.number === number))
					issues.add('number', 'reports:import.error.numberTaken', { number });
				themeKey = p.themes.some((t) => t.key === edit.theme) ? edit.theme : null;
				if (!themeKey) issues.add('theme', 'reports:import.error.theme');
				if (!title) issues.add('title', 'reports:import.error.title');
			}
			issues.throwIfAny();
			Object.assign(part, {
				kind: kind!,
				themeKey,
				number,
				reportNumber: kind === 'recommendation' && reportNumber !== String(number) ? reportNumber : '',
				title
			} satisfies Partial<ProposedPart>);
			return p;
		}
		case 'merge': {
			// The part takes in the text of the part after it, which goes.
			const at = partAt(p, edit.part);
			const next = p.parts[at + 1];
			if (!next) issues.add('part', 'reports:import.error.mergeLast');
			issues.throwIfAny();
			const notes = [...p.parts[at].blocks, ...next.blocks].filter((b) => b.type === 'notes');
			p.parts[at].blocks = [...p.parts[at].blocks, ...next.blocks].filter((b) => b.type !== 'notes');
			if (notes.length) p.parts[at].blocks.push({ type: 'notes', items: notes.flatMap((n) => n.items) });
			p.parts.splice(at + 1, 1);
			return p;
		}
		case 'split': {
			// A new part starts at block `at` (counted from 1): same kind and theme, a number still to give.
			const at = partAt(p, edit.part);
			const part = p.parts[at];
			const index = Number(edit.at) - 1;
			if (!Number.isInteger(index) || index < 1 || index >= part.blocks.length)
				issues.add('at', 'reports:import.error.split');
			issues.throwIfAny();
			const rest = part.blocks.slice(index);
			part.blocks = part.blocks.slice(0, index);
			const numbers = p.parts.filter((x) => x.kind === 'recommendation').map((x) => x.number ?? 0);
			const first = rest.find((b) => b.type === 'paragraph');
			p.parts.splice(at + 1, 0, {
				key: nextKey(p),
				kind: part.kind,
				themeKey: part.themeKey,
				number: part.kind === 'recommendation' ? Math.max(0, ...numbers) + 1 : null,
				reportNumber: '',
				title: first?.type === 'paragraph' ? first.text.slice(0, 80) : part.title,
				blocks: rest
			});
			return p;
		}
	}
}

/**
 * Whether a proposal can be published: at least one recommendation, each with a theme, a title and a
 * number of its own. Raises a ValidationError with the first problem of each kind.
 */
export function checkPublishable(p: Proposal): ProposedPart[] {
	const issues = new IssueCollector();
	const recommendations = p.parts.filter((x) => x.kind === 'recommendation');
	if (recommendations.length === 0) issues.add('publish', 'reports:import.error.noRecommendations');
	const seen = new Set<number>();
	for (const r of recommendations) {
		if (!r.themeKey || !p.themes.some((t) => t.key === r.themeKey))
			issues.add('publish', 'reports:import.error.needsTheme', { title: r.title });
		else if (!r.number || seen.has(r.number))
			issues.add('publish', 'reports:import.error.numberTaken', { number: r.number ?? 0 });
		else if (!r.title) issues.add('publish', 'reports:import.error.title');
		seen.add(r.number ?? 0);
	}
	issues.throwIfAny();
	return recommendations;
}
