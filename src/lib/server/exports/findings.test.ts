import { describe, expect, it } from 'vitest';
import { agreementOf, type Results } from '../results/service';
import type { Tallies } from '../../views';
import { broadestAgreement, deepestDivision, numberRanges } from './findings';

/*
 * The definitions of broadest agreement and deepest division (findings.ts), on results made by hand:
 * which recommendations qualify, in which order, and how ties are broken.
 */

/** A recommendation whose groups voted `agree` of `total` each. */
function rec(number: number, groups: [agree: number, total: number][]): Results['recommendations'][number] {
	const names = ['resident', 'experience_expert', 'professional'] as const;
	const byGroup = groups.map(([agree, total], i) => ({
		group: names[i],
		agree,
		disagree: total - agree,
		unsure: 0,
		total
	}));
	const sum = (k: 'agree' | 'disagree' | 'total') => byGroup.reduce((s, g) => s + g[k], 0);
	const tallies: Tallies = { agree: sum('agree'), disagree: sum('disagree'), unsure: 0, total: sum('total'), byGroup };
	return { number, shortTitle: `R${number}`, language: 'nl', tallies, agreement: agreementOf(tallies) } as never;
}
const results = (recs: Results['recommendations']) => ({ recommendations: recs }) as Results;

describe('broadest agreement and deepest division', () => {
	it('ranks broad agreement by the least agreeing group, then by voters, then by number', () => {
		const r = results([
			rec(1, [
				[5, 5],
				[3, 5]
			]), // weakest 60%
			rec(2, [
				[5, 5],
				[4, 5]
			]), // weakest 80%
			rec(3, [
				[8, 10],
				[8, 10]
			]), // weakest 80%, more voters than 2
			rec(4, [
				[5, 5],
				[2, 5]
			]), // 40%: not broad
			rec(5, [
				[4, 4],
				[4, 4]
			]), // fewer than five voters per group: cannot compare
			rec(6, [
				[5, 5],
				[5, 5]
			]) // weakest 100%
		]);
		expect(broadestAgreement(r).map((x) => x.number)).toEqual([6, 3, 2]);
		expect(broadestAgreement(r, 10).map((x) => x.number)).toEqual([6, 3, 2, 1]);
	});

	it('ranks division by the gap between the most and least agreeing group, largest first, a tie to more voters', () => {
		const r = results([
			rec(1, [
				[5, 5],
				[0, 5]
			]), // 100 points
			rec(2, [
				[10, 10],
				[4, 10]
			]), // 60, more voters than 4
			rec(3, [
				[5, 5],
				[4, 5]
			]), // broad, not divided
			rec(4, [
				[4, 5],
				[3, 5],
				[1, 5]
			]), // 60, three groups
			rec(5, [
				[3, 5],
				[2, 5]
			]) // 20: mixed
		]);
		expect(deepestDivision(r, 10).map((x) => [x.number, Math.round(x.gap * 100)])).toEqual([
			[1, 100],
			[2, 60],
			[4, 60]
		]);
	});
});

describe('numberRanges', () => {
	it('writes runs of three or more as a range, and the rest one by one, in order', () => {
		expect(numberRanges([5, 1, 2, 3, 7, 8, 10, 11, 12, 13])).toBe('1–3, 5, 7, 8, 10–13');
		expect(numberRanges([])).toBe('');
	});
});
