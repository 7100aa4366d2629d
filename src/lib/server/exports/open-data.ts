import { stringify } from 'csv-stringify/sync';
import type { DB } from '../db/create';
import type { Results } from '../results/service';
import { withoutSmallGroups } from '../votes/service';
import { publishedComments, type CommentRow } from './rows';
import { positionCsvValues, positionsOf } from './positions';

/*
 * Open data: CSV files and one JSON document. Column and field names are stable English words, the same
 * in every language, and documented in docs/open-data.md; every value is named in words (agree, not
 * "+1"). Pseudonyms at most: never an email or an address, never one person's vote.
 */

/** Excel reads a CSV file as UTF-8 (Arabic and Turkish intact) when it starts with a byte order mark. */
export const BOM = '\uFEFF';

const yesNo = (b: boolean) => (b ? 'yes' : 'no');
const share = (n: number, total: number) => (total ? (n / total).toFixed(3) : '');

/**
 * How each column is written. `number` and `date` values go out as they are, so a count, an id, a share
 * or a time stays a number or a date in a spreadsheet, a negative number too. Every `text` value goes
 * through csvText. A new column needs a kind here before it can be written.
 */
type CsvKind = 'text' | 'number' | 'date';

export const csvColumns = {
	'recommendations.csv': {
		consultation: 'text',
		theme: 'text',
		recommendation: 'number',
		title: 'text',
		tag: 'text',
		agree: 'number',
		disagree: 'number',
		not_sure: 'number',
		votes: 'number',
		agree_share: 'number',
		comments: 'number',
		reports: 'number',
		agreement_across_groups: 'text',
		agreement_gap: 'number',
		summary_published_at: 'date',
		answer_status: 'text',
		answer_published_at: 'date',
		revision: 'number'
	},
	'votes.csv': {
		recommendation: 'number',
		participant_group: 'text',
		agree: 'number',
		disagree: 'number',
		not_sure: 'number',
		votes: 'number'
	},
	'comments.csv': {
		comment: 'number',
		recommendation: 'number',
		revision: 'number',
		reply_to: 'number',
		author_pseudonym: 'text',
		experience_expert: 'text',
		language: 'text',
		stance: 'text',
		helpful: 'number',
		created_at: 'date',
		edited: 'text',
		edited_by_moderator: 'text',
		text: 'text',
		text_translated: 'text',
		translation_language: 'text',
		translation_origin: 'text',
		translation_checked: 'text',
		demo: 'text'
	},
	'summaries.csv': {
		recommendation: 'number',
		section: 'text',
		text: 'text',
		cited_comments: 'text',
		published_at: 'date'
	},
	'answers.csv': {
		recommendation: 'number',
		version: 'number',
		current: 'text',
		status: 'text',
		explanation: 'text',
		commitment: 'text',
		commitment_due: 'date',
		published_at: 'date'
	},
	'positions.csv': {
		position: 'number',
		recommendation: 'number',
		organisation: 'text',
		organisation_slug: 'text',
		organisation_kind: 'text',
		organisation_deactivated: 'text',
		status: 'text',
		withdrawn_at: 'date',
		version: 'number',
		stance: 'text',
		explanation: 'text',
		language: 'text',
		mandate: 'text',
		mandate_other: 'text',
		decided_on: 'date',
		members_taking_part: 'number',
		split_agree: 'number',
		split_disagree: 'number',
		split_abstain: 'number',
		sign_off: 'text',
		published_at: 'date',
		demo: 'text'
	},
	'meetings.csv': {
		meeting: 'number',
		recommendation: 'number',
		organisation: 'text',
		demo: 'text',
		held_on: 'date',
		place: 'text',
		languages: 'text',
		participants: 'number',
		agree: 'number',
		disagree: 'number',
		not_sure: 'number',
		quotes: 'text',
		quote_languages: 'text',
		published_at: 'date'
	}
} as const satisfies Record<string, Record<string, CsvKind>>;
export type CsvName = keyof typeof csvColumns;

/**
 * A spreadsheet reads a cell that starts with =, +, - or @ as a formula, and a leading tab or carriage
 * return can hide one (CSV or formula injection). Such a text cell gets one apostrophe in front, as
 * OWASP advises; Excel and LibreOffice then show it as text. The check looks past leading spaces and line
 * breaks (an import tool or a person may trim it away) and past apostrophes, so the rule can be undone exactly:
 * remove the first character of a text cell that matches `^'(?=[ \t\n\r']*[=+\-@\t\r])` (docs/open-data.md).
 */
const formulaStart = /^[ \t\n\r']*[=+\-@\t\r]/;

export function csvText(value: string): string {
	return formulaStart.test(value) ? `'${value}` : value;
}

/** Rows of one CSV file as text, each value written as its column's kind says (see csvColumns). */
export function csvRows(name: CsvName, rows: unknown[][]): string {
	const kinds: CsvKind[] = Object.values(csvColumns[name]);
	const cells = rows.map((row) => {
		if (row.length !== kinds.length) throw new Error(`${name}: ${row.length} values for ${kinds.length} columns`);
		return row.map((value, i) => (kinds[i] === 'text' ? csvText(String(value ?? '')) : value));
	});
	return stringify(cells, { record_delimiter: 'windows' });
}

/** A comment as open data. With a group filter, pseudonyms are left out: a filtered list would say who is in which group. */
function commentValues(c: CommentRow, results: Results): unknown[] {
	return [
		c.id,
		c.recommendationNumber,
		c.revision,
		c.parentId ?? '',
		results.filters.group ? '' : (c.author ?? ''),
		yesNo(c.experienceExpert),
		c.language,
		c.stance ?? '',
		c.helpful,
		c.createdAt,
		yesNo(c.edited),
		yesNo(c.redacted),
		c.body,
		c.translation?.text ?? '',
		c.translation?.language ?? '',
		c.translation?.origin ?? '',
		c.translation ? yesNo(c.translation.checked) : '',
		yesNo(c.demo)
	];
}

/** The votes of each recommendation per self-declared group, small groups folded as on the thread page. */
export function voteRows(results: Results) {
	const rows: {
		recommendation: number;
		group: string;
		agree: number;
		disagree: number;
		unsure: number;
		total: number;
	}[] = [];
	for (const r of results.recommendations) {
		const shown = withoutSmallGroups(r.tallies);
		rows.push({ recommendation: r.number, group: 'all', ...pick(r.tallies) });
		for (const g of shown.byGroup) if (g.total > 0) rows.push({ recommendation: r.number, group: g.group, ...pick(g) });
		if (shown.smallGroups) rows.push({ recommendation: r.number, group: 'smaller_groups', ...pick(shown.smallGroups) });
	}
	return rows;
}
const pick = (t: { agree: number; disagree: number; unsure: number; total: number }) => ({
	agree: t.agree,
	disagree: t.disagree,
	unsure: t.unsure,
	total: t.total
});

/**
 * Group meetings' records as open data: one row per meeting × recommendation, the raised hands the
 * facilitator counted (never votes), and the quotes heard, one per line. The rows add up to what the
 * thread and the dashboard show.
 */
export function meetingRows(results: Results): unknown[][] {
	return results.meetings.rows.map((r) => [
		r.meeting_id,
		r.number,
		r.organisation_name,
		yesNo(r.is_demo === 1),
		r.held_on ?? '',
		r.place,
		r.languages.split(',').join(' '),
		r.participants ?? '',
		Number(r.agree),
		Number(r.disagree),
		Number(r.not_sure),
		r.quotes.map((q) => q.body).join('\n'),
		r.quotes.map((q) => q.language).join(' '),
		r.published_at ?? ''
	]);
}

/** One CSV file, as text chunks: a byte order mark and the header first, then the rows in batches. */
export async function* csvFile(db: DB, results: Results, name: CsvName): AsyncGenerator<string> {
	yield BOM + stringify([Object.keys(csvColumns[name])], { record_delimiter: 'windows' });
	const line = (values: unknown[]) => csvRows(name, [values]);
	const slug = results.consultation.slug;
	if (name === 'recommendations.csv') {
		for (const r of results.recommendations) {
			yield line([
				slug,
				r.themeNumeral,
				r.number,
				r.shortTitle,
				r.tag ?? '',
				r.tallies.agree,
				r.tallies.disagree,
				r.tallies.unsure,
				r.tallies.total,
				share(r.tallies.agree, r.tallies.total),
				r.comments,
				r.reports,
				r.agreement.kind,
				r.agreement.gap === null ? '' : r.agreement.gap.toFixed(3),
				r.summary?.publishedAt ?? '',
				r.answerStatus ?? '',
				r.answers[0]?.publishedAt ?? '',
				r.revision
			]);
		}
	} else if (name === 'votes.csv') {
		for (const v of voteRows(results)) yield line([v.recommendation, v.group, v.agree, v.disagree, v.unsure, v.total]);
	} else if (name === 'comments.csv') {
		for await (const batch of publishedComments(db, results))
			yield csvRows(
				name,
				batch.map((c) => commentValues(c, results))
			);
	} else if (name === 'summaries.csv') {
		for (const r of results.recommendations) {
			if (!r.summary) continue;
			const cited = r.summary.sources.map((s) => s.id).join(' ');
			for (const [section, text] of Object.entries(r.summary.texts)) {
				if (text) yield line([r.number, section, text, cited, r.summary.publishedAt]);
			}
		}
	} else if (name === 'positions.csv') {
		for (const p of await positionsOf(db, results)) yield line(positionCsvValues(p));
	} else if (name === 'meetings.csv') {
		for (const m of meetingRows(results)) yield line(m);
	} else {
		for (const r of results.recommendations) {
			// The list is newest first: version numbers count up from the first answer.
			const versions = [...r.answers].reverse();
			for (const [i, a] of versions.entries()) {
				yield line([
					r.number,
					i + 1,
					yesNo(i === versions.length - 1),
					a.status,
					a.text,
					a.commitment,
					a.commitmentDue ?? '',
					a.publishedAt
				]);
			}
		}
	}
}

/** The JSON document: everything above in one file, its comments streamed at the end. Schema: docs/open-data.md. */
export async function* jsonFile(
	db: DB,
	results: Results,
	meta: { locale: string; generatedAt: string; method: string[] }
): AsyncGenerator<string> {
	const c = results.consultation;
	const head = {
		format: 'samenspraak-export',
		version: 1,
		generated_at: meta.generatedAt,
		language: meta.locale,
		filters: results.filters,
		consultation: {
			slug: c.slug,
			title: c.title,
			subtitle: c.subtitle,
			phase: c.phase,
			language: c.language,
			source: { title: c.source_title, publisher: c.source_publisher, date: c.source_date, place: c.source_place },
			organiser: { name: c.organiser_name, line: c.organiser_line, contact: c.organiser_contact }
		},
		method: meta.method,
		totals: {
			participants: results.totals.participants,
			demo_participants: results.totals.demoParticipants,
			votes: rename(results.totals.votes),
			comments: results.totals.comments,
			reports: results.totals.reports,
			by_group: results.totals.byGroup.map((g) => ({
				group: g.group,
				participants: g.participants,
				votes: g.votes ? rename(g.votes) : null,
				comments: g.comments
			})),
			by_language: results.totals.byLanguage
		},
		participation_by_day: results.overTime,
		themes: results.themes,
		recommendations: results.recommendations.map((r) => {
			const shown = withoutSmallGroups(r.tallies);
			return {
				number: r.number,
				theme: r.themeNumeral,
				title: r.shortTitle,
				official_text: r.officialText,
				plain_text: r.plainText,
				tag: r.tag,
				revision: r.revision,
				votes: rename(r.tallies),
				votes_by_group: [
					...shown.byGroup.filter((g) => g.total > 0).map((g) => ({ group: g.group, ...rename(g) })),
					...(shown.smallGroups ? [{ group: 'smaller_groups', ...rename(shown.smallGroups) }] : [])
				],
				comments: r.comments,
				comments_by_language: r.commentsByLanguage,
				reports: r.reports,
				agreement_across_groups: {
					kind: r.agreement.kind,
					gap: r.agreement.gap,
					groups: r.agreement.shares.map((s) => ({ group: s.group, voters: s.voters, agree_share: s.agreeShare }))
				},
				summary: r.summary
					? {
							published_at: r.summary.publishedAt,
							main_points: r.summary.texts.mainPoints,
							disagreements: r.summary.texts.disagreements,
							voices: r.summary.texts.voices,
							cited_comments: r.summary.sources.map((s) => s.id)
						}
					: null,
				answers: r.answers.map((a) => ({
					status: a.status,
					explanation: a.text,
					commitment: a.commitment,
					commitment_due: a.commitmentDue,
					published_at: a.publishedAt
				}))
			};
		})
	};
	// The associations' positions, apart from the votes (issue 13).
	const positions = (await positionsOf(db, results)).map((p) => ({
		id: p.id,
		recommendation: p.recommendation,
		organisation: {
			name: p.organisation,
			slug: p.organisationSlug,
			kind: p.organisationKind,
			deactivated: p.organisationDeactivated
		},
		status: p.status,
		withdrawn_at: p.withdrawnAt,
		version: p.version,
		stance: p.stance,
		explanation: p.explanation,
		language: p.language,
		mandate: {
			kind: p.mandate,
			other: p.mandateOther || null,
			decided_on: p.decidedOn,
			members_taking_part: p.membersTakingPart,
			split: p.split
		},
		sign_off: p.signOff,
		published_at: p.publishedAt,
		demo: p.demo
	}));
	// Group meetings apart from the votes: what facilitators recorded, one entry per meeting × recommendation.
	const group_meetings = results.meetings.rows.map((r) => ({
		meeting: r.meeting_id,
		recommendation: r.number,
		organisation: r.organisation_name,
		demo: r.is_demo === 1,
		held_on: r.held_on,
		place: r.place,
		languages: r.languages ? r.languages.split(',') : [],
		participants: r.participants,
		hands: { agree: Number(r.agree), disagree: Number(r.disagree), not_sure: Number(r.not_sure) },
		quotes: r.quotes.map((q) => ({ text: q.body, language: q.language })),
		published_at: r.published_at
	}));
	const text = JSON.stringify({ ...head, positions, group_meetings }, null, 1);
	// Everything but the closing brace, then the comments, then the brace.
	yield `${text.slice(0, -2)},\n "comments": [`;
	let first = true;
	for await (const batch of publishedComments(db, results)) {
		const parts = batch.map((row) =>
			JSON.stringify({
				id: row.id,
				recommendation: row.recommendationNumber,
				reply_to: row.parentId,
				author_pseudonym: results.filters.group ? null : row.author,
				experience_expert: row.experienceExpert,
				language: row.language,
				stance: row.stance,
				helpful: row.helpful,
				created_at: row.createdAt,
				edited: row.edited,
				edited_by_moderator: row.redacted,
				text: row.body,
				revision: row.revision,
				translation: row.translation,
				demo: row.demo
			})
		);
		yield (first ? '\n  ' : ',\n  ') + parts.join(',\n  ');
		first = false;
	}
	yield '\n ]\n}\n';
}

const rename = (t: { agree: number; disagree: number; unsure: number; total: number }) => ({
	agree: t.agree,
	disagree: t.disagree,
	not_sure: t.unsure,
	total: t.total
});
