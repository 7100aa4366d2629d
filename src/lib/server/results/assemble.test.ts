import { describe, expect, it } from 'vitest';
import type { ConsultationRow } from '../db/types';
import { agreementOf, assembleResults, emptyCounts, showsGroupVotes, type ResultCounts } from './assemble';
import { groupKeys, noFilters } from './filters';
import type { RecommendationRow } from './repository';

/* The pure assembly of results from query counts: each rule on its own, without a database. */

const consultation = { id: 1, slug: 'c' } as ConsultationRow;
const rec = (id: number, numeral = 'i'): RecommendationRow => ({
	id,
	number: id,
	short_title: `R${id}`,
	official_text: '',
	plain_text: '',
	tag: null,
	language: 'nl',
	text_version: 1,
	numeral
});
const themes = [
	{ numeral: 'i', title: 'Eén', short_title: 'I' },
	{ numeral: 'ii', title: 'Twee', short_title: 'II' }
];
const build = (counts: Partial<ResultCounts>, recommendations = [rec(1), rec(2)]) =>
	assembleResults({
		consultation,
		filters: noFilters,
		themes,
		recommendations,
		counts: { ...emptyCounts(), ...counts }
	});

describe('the privacy rule for small groups', () => {
	it('shows a group’s votes only when five different people of it voted', () => {
		expect(showsGroupVotes(4)).toBe(false);
		expect(showsGroupVotes(5)).toBe(true);
	});

	it('does not count people who only commented: one voter among seven participants stays hidden', () => {
		const r = build({
			votes: [{ recommendation_id: 1, choice: 'agree', participant_group: 'experience_expert', n: 1 }],
			people: [{ grp: 'experience_expert', participants: 7, voters: 1 }]
		});
		const group = r.totals.byGroup.find((g) => g.group === 'experience_expert')!;
		expect(group.participants).toBe(7);
		expect(group.votes).toBeNull();
	});

	it('shows the votes of a group with five voters, and counts PostgreSQL’s text numbers as numbers', () => {
		const r = build({
			votes: [
				{ recommendation_id: 1, choice: 'agree', participant_group: null, n: '3' },
				{ recommendation_id: 2, choice: 'disagree', participant_group: null, n: '2' }
			],
			people: [{ grp: null, participants: '5', voters: '5' }]
		});
		expect(r.totals.byGroup.find((g) => g.group === 'none')!.votes).toEqual({
			agree: 3,
			disagree: 2,
			unsure: 0,
			total: 5
		});
	});
});

describe('assembleResults', () => {
	it('adds up votes per recommendation, per group and in total', () => {
		const r = build({
			votes: [
				{ recommendation_id: 1, choice: 'agree', participant_group: 'resident', n: 4 },
				{ recommendation_id: 1, choice: 'unsure', participant_group: null, n: 1 },
				{ recommendation_id: 2, choice: 'disagree', participant_group: 'resident', n: 2 }
			]
		});
		expect(r.recommendations[0].tallies).toMatchObject({ agree: 4, unsure: 1, total: 5 });
		expect(r.recommendations[0].tallies.byGroup.find((g) => g.group === 'resident')).toMatchObject({ agree: 4 });
		expect(r.recommendations[0].tallies.byGroup.map((g) => g.group)).toEqual([...groupKeys]);
		expect(r.totals.votes).toEqual({ agree: 4, disagree: 2, unsure: 1, total: 7 });
	});

	it('counts comments per language, most used first, and reports per recommendation', () => {
		const r = build({
			comments: [
				{ recommendation_id: 1, language: 'nl', n: 2 },
				{ recommendation_id: 2, language: 'ar', n: 3 },
				{ recommendation_id: 2, language: 'nl', n: 2 }
			],
			reports: [{ recommendation_id: 2, n: 4 }]
		});
		expect(r.recommendations[1]).toMatchObject({ comments: 5, commentsByLanguage: { ar: 3, nl: 2 }, reports: 4 });
		expect(r.totals).toMatchObject({ comments: 7, reports: 4 });
		expect(r.totals.byLanguage).toEqual([
			{ language: 'nl', comments: 4 },
			{ language: 'ar', comments: 3 }
		]);
	});

	it('merges votes and comments per day, oldest first', () => {
		const r = build({
			voteDays: [
				{ day: '2026-11-02', n: 5 },
				{ day: '2026-11-01', n: 1 }
			],
			commentDays: [
				{ day: '2026-11-02', n: 2 },
				{ day: '2026-11-03', n: 1 }
			]
		});
		expect(r.overTime).toEqual([
			{ day: '2026-11-01', votes: 1, comments: 0 },
			{ day: '2026-11-02', votes: 5, comments: 2 },
			{ day: '2026-11-03', votes: 0, comments: 1 }
		]);
	});

	it('lists only the filtered theme, and all themes for the filter’s list', () => {
		const r = assembleResults({
			consultation,
			filters: { ...noFilters, theme: 'ii' },
			themes,
			recommendations: [rec(2, 'ii')],
			counts: emptyCounts()
		});
		expect(r.themes.map((t) => t.numeral)).toEqual(['ii']);
		expect(r.allThemes.map((t) => t.numeral)).toEqual(['i', 'ii']);
	});

	it('gives every recommendation zero counts and no answer when nothing happened', () => {
		const r = build({});
		expect(r.recommendations.map((x) => [x.comments, x.reports, x.tallies.total, x.answerStatus])).toEqual([
			[0, 0, 0, null],
			[0, 0, 0, null]
		]);
		expect(r.totals.participants).toBe(0);
	});
});

describe('agreementOf', () => {
	const tallies = (groups: [string, number, number][]) => ({
		agree: 0,
		disagree: 0,
		unsure: 0,
		total: 0,
		byGroup: groups.map(([group, agree, total]) => ({
			group: group as 'resident',
			agree,
			disagree: total - agree,
			unsure: 0,
			total
		}))
	});

	it('is unknown with fewer than two groups of five voters', () => {
		expect(agreementOf(tallies([['resident', 5, 5]])).kind).toBe('unknown');
		expect(
			agreementOf(
				tallies([
					['resident', 5, 5],
					['professional', 1, 4]
				])
			).kind
		).toBe('unknown');
	});

	it('is broad when every group agrees for 60% or more, divided at a gap of 30 points or more', () => {
		expect(
			agreementOf(
				tallies([
					['resident', 6, 10],
					['professional', 8, 10]
				])
			).kind
		).toBe('broad');
		const divided = agreementOf(
			tallies([
				['resident', 9, 10],
				['professional', 5, 10]
			])
		);
		expect(divided.kind).toBe('divided');
		expect(divided.gap).toBeCloseTo(0.4);
		expect(
			agreementOf(
				tallies([
					['resident', 5, 10],
					['professional', 4, 10]
				])
			).kind
		).toBe('mixed');
	});
});
