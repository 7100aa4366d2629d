import { describe, expect, it } from 'vitest';
import { withoutSmallGroups, type Tallies } from './service';

const group = (g: string, agree: number, disagree: number, unsure: number) => ({
	group: g as never,
	agree,
	disagree,
	unsure,
	total: agree + disagree + unsure
});

describe('withoutSmallGroups: no vote can be read off a small group', () => {
	const t: Tallies = {
		agree: 14,
		disagree: 4,
		unsure: 2,
		total: 20,
		byGroup: [
			group('resident', 8, 2, 0),
			group('experience_expert', 1, 0, 0),
			group('professional', 2, 1, 0),
			group('unsaid', 3, 1, 2),
			group('none', 0, 0, 0)
		]
	};

	it('shows groups of five or more, folds smaller ones together, and keeps the totals', () => {
		const shown = withoutSmallGroups(t);
		expect(shown.byGroup.filter((g) => g.total > 0).map((g) => g.group)).toEqual(['resident', 'unsaid']);
		expect(shown.smallGroups).toBeNull(); // 1 + 3 people: still too few to show even together
		expect(shown.total).toBe(20);
	});

	it('shows the folded smaller groups once they reach five people together', () => {
		const more = { ...t, byGroup: [...t.byGroup.slice(0, 2), group('professional', 2, 1, 1)] };
		expect(withoutSmallGroups(more).smallGroups).toEqual({ agree: 3, disagree: 1, unsure: 1, total: 5 });
	});

	it('never shows a single small group on its own, folded or not', () => {
		const one = { ...t, byGroup: [group('resident', 8, 2, 0), group('experience_expert', 4, 1, 0)] };
		const shown = withoutSmallGroups(one);
		expect(shown.byGroup.map((g) => g.group)).toEqual(['resident', 'experience_expert']);
		const tiny = { ...t, byGroup: [group('resident', 8, 2, 0), group('experience_expert', 1, 0, 0)] };
		expect(withoutSmallGroups(tiny).byGroup.map((g) => g.group)).toEqual(['resident']);
		expect(withoutSmallGroups(tiny).smallGroups).toBeNull();
	});
});
