/*
 * What the report's server code and its print components share (issue 14): the shape of the key findings
 * in words (computed in lib/server/exports/findings.ts) and numbers written short.
 */

/** The key findings in words: each a whole sentence of the report's language, computed from the facts. */
export interface FindingTexts {
	participation: string;
	/** How many of the people counted are demo accounts; null when none are. */
	demoParticipants: string | null;
	groupsNote: string;
	/** People, votes and comments per group that has people; votes only where the small-group rule allows. */
	groups: { caption: string; header: string[]; rows: string[][] };
	broadestDefinition: string;
	broadest: string[];
	broadestNone: string | null;
	deepestDefinition: string;
	deepest: string[];
	deepestNone: string | null;
	positions: string;
	meetings: string;
	summaries: string;
	answers: string;
	unanswered: string | null;
	silent: string;
	/** Per recommendation number: sentences on its associations' positions and its group meetings. */
	alsoOn: Record<number, string[]>;
}

/** "2–10, 12, 14–60": numbers in order, runs of three or more written as a range. */
export function numberRanges(numbers: number[], n: (x: number) => string = String): string {
	const sorted = [...new Set(numbers)].sort((a, b) => a - b);
	const parts: string[] = [];
	for (let i = 0; i < sorted.length;) {
		let j = i;
		while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
		if (j - i >= 2) parts.push(`${n(sorted[i])}–${n(sorted[j])}`);
		else for (let k = i; k <= j; k++) parts.push(n(sorted[k]));
		i = j + 1;
	}
	return parts.join(', ');
}
