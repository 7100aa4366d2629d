import {
	Document,
	HeadingLevel,
	Packer,
	Paragraph,
	Table,
	TableCell,
	TableRow,
	TextRun,
	WidthType,
	type ParagraphChild
} from 'docx';
import type { TFunction } from 'i18next';
import type { MarkedBlock, MarkedPart } from '../../text/marked';
import type { Shown } from '../../views';
import type { RecommendationResult, Results } from '../results/service';
import { SMALL_GROUP, withoutSmallGroups } from '../votes/service';
import { BROAD_AGREEMENT, DIVIDING_GAP } from '../results/service';
import type { PositionRow } from '../positions/service';
import { romanNumeral } from '../../text/numeral';
import { mandateText } from './positions';
import { meetingsReportSection } from './meetings';
import { findingTexts, numberRanges, type ReportFacts } from './findings';

/*
 * The consultation report as an editable Word document (docx: a well-kept library that writes
 * Office Open XML, opened by Word and LibreOffice alike). Headings and labels in the chosen language,
 * the report's own text in its language; right to left for Arabic.
 */

export interface ReportMeta {
	locale: string;
	rtl: boolean;
	generatedAt: string;
	/** The method section: how people took part, what is counted, what the report leaves out. */
	method: string[];
	/** The filters in words, or an empty list. */
	filters: string[];
	formatDate: (iso: string) => string;
	formatNumber: (n: number) => string;
	percent: (share: number) => string;
	/** A cited comment in the report's language where a current translation exists, else as written. */
	quote: (source: { id: number; body: string; language: string }) => Shown;
	/** The associations' positions (issue 13), in a section of their own, apart from the votes. */
	positions?: PositionRow[];
	/** What the key findings state, computed from the data (findings.ts). */
	facts: ReportFacts;
}

/** The recommendations by agreement across groups, as the annex and the dashboard list them. */
export function byAgreement(results: Results) {
	const kinds = ['broad', 'divided', 'mixed', 'unknown'] as const;
	return kinds.map((kind) => ({ kind, items: results.recommendations.filter((r) => r.agreement.kind === kind) }));
}

export async function reportDocument(results: Results, t: TFunction, meta: ReportMeta): Promise<Buffer> {
	const { rtl } = meta;
	const run = (text: string, options: { bold?: boolean; italics?: boolean } = {}) =>
		new TextRun({ text, rightToLeft: rtl, ...options });
	/** After a quote shown in translation: where it was translated from, and by whom. */
	const translatedFrom = (shown: Shown) =>
		shown.translated
			? [
					run(
						` ${t(
							shown.translated.originalLang ? 'results:report.translatedFrom' : 'results:report.translatedFromOther',
							{
								language: t(`results:language.${shown.translated.originalLang}`, {
									defaultValue: shown.translated.originalLang
								}),
								by: t(
									`results:report.by.${shown.translated.origin}${shown.translated.checked && shown.translated.origin !== 'official' ? 'Checked' : ''}`
								)
							}
						)}`
					)
				]
			: [];
	const p = (text: string, options: { bold?: boolean; italics?: boolean } = {}) =>
		new Paragraph({ bidirectional: rtl, children: [run(text, options)] });
	const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) =>
		new Paragraph({ heading: level, bidirectional: rtl, children: [run(text)] });
	const cell = (text: string, width: number, bold = false) =>
		new TableCell({
			width: { size: width, type: WidthType.PERCENTAGE },
			children: [new Paragraph({ bidirectional: rtl, children: [run(text, { bold })] })]
		});
	/**
	 * A table across the page: its heading row repeats on each page and no row splits over two. Widths in
	 * per cent; by default the first column (the row's name) gets what the others, sharing evenly, leave.
	 */
	const table = (header: string[], rows: string[][], widths?: number[]) => {
		const share = Math.floor(100 / (header.length + 1));
		const width = (i: number) => widths?.[i] ?? (i === 0 ? 100 - share * (header.length - 1) : share);
		return new Table({
			width: { size: 100, type: WidthType.PERCENTAGE },
			visuallyRightToLeft: rtl,
			rows: [
				new TableRow({ tableHeader: true, cantSplit: true, children: header.map((h, i) => cell(h, width(i), true)) }),
				...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((v, i) => cell(v, width(i))) }))
			]
		});
	};
	const n = meta.formatNumber;
	const c = results.consultation;

	/** Marked text (paragraphs, lists, [#id] citations) with citations as [1], [2] … of the sources. */
	const marked = (blocks: MarkedBlock[], numberOf: (id: number) => number | null) => {
		const parts = (list: MarkedPart[]): ParagraphChild[] =>
			list.flatMap((part) => {
				if ('text' in part) return [run(part.text)];
				if ('position' in part) return [];
				// A group meeting's record: its counts are in the report's section on group meetings.
				if ('meeting' in part) return [run(`[${t('meetings:thread.citeShort')}]`)];
				const number = numberOf(part.cite);
				return number ? [run(`[${number}]`)] : [];
			});
		return blocks.flatMap((b) =>
			b.type === 'paragraph'
				? [new Paragraph({ bidirectional: rtl, children: parts(b.parts) })]
				: b.items.map((item) => new Paragraph({ bidirectional: rtl, bullet: { level: 0 }, children: parts(item) }))
		);
	};

	const tallyTable = (r: RecommendationResult) => {
		const shown = withoutSmallGroups(r.tallies);
		const row = (label: string, x: { agree: number; disagree: number; unsure: number; total: number }) => [
			label,
			`${n(x.agree)} (${meta.percent(x.total ? x.agree / x.total : 0)})`,
			`${n(x.disagree)} (${meta.percent(x.total ? x.disagree / x.total : 0)})`,
			`${n(x.unsure)} (${meta.percent(x.total ? x.unsure / x.total : 0)})`,
			n(x.total)
		];
		return table(
			[
				t('results:report.group'),
				t('results:choice.agree'),
				t('results:choice.disagree'),
				t('results:choice.unsure'),
				t('results:choice.total')
			],
			[
				row(t('results:report.everyone'), r.tallies),
				...shown.byGroup.filter((g) => g.total > 0).map((g) => row(t(`results:group.${g.group}`), g)),
				...(shown.smallGroups ? [row(t('thread:tally.smallGroups'), shown.smallGroups)] : [])
			]
		);
	};

	const recommendation = (r: RecommendationResult) => {
		const out: (Paragraph | Table)[] = [
			heading(`${t('thread:number', { number: r.number })}: ${r.shortTitle}`, HeadingLevel.HEADING_2),
			p(r.officialText.replace(/\s*\n\s*/g, ' '), { italics: true }),
			heading(t('results:report.votes'), HeadingLevel.HEADING_3),
			r.tallies.total > 0 ? tallyTable(r) : p(t('results:report.noVotes')),
			p(
				t('results:report.commentsAndReports', {
					comments: t('results:findings.comments', { count: r.comments, n: n(r.comments) }),
					reports: t('results:findings.reports', { count: r.reports, n: n(r.reports) })
				})
			)
		];
		out.push(...(f.alsoOn[r.number] ?? []).map((line) => p(line)));
		if (r.summary) {
			const numberOf = new Map(r.summary.sources.map((s) => [s.id, s.number]));
			out.push(heading(t('summary:heard.heading'), HeadingLevel.HEADING_3));
			for (const section of r.summary.sections) {
				out.push(p(t(`summary:section.${section.key}`), { bold: true }));
				out.push(...marked(section.blocks, (id) => numberOf.get(id) ?? null));
			}
			if (r.summary.sources.length) {
				out.push(p(t('summary:sources.heading'), { bold: true }));
				for (const s of r.summary.sources) {
					out.push(
						new Paragraph({
							bidirectional: rtl,
							indent: { start: 567 },
							children: [
								run(`[${s.number}] `, { bold: true }),
								run(s.body === null ? t('summary:sources.removed') : `“${meta.quote({ ...s, body: s.body }).text}”`, {
									italics: true
								}),
								...(s.body === null ? [] : translatedFrom(meta.quote({ ...s, body: s.body }))),
								...(s.body === null
									? []
									: [
											run(
												` — ${s.authorName ?? t('thread:comment.deletedParticipant')}${s.isDemo ? ` (${t('account:demo')})` : ''}, ${meta.formatDate(s.createdAt)}`
											)
										])
							]
						})
					);
				}
			}
		}
		const answer = r.answers[0];
		if (answer) {
			out.push(heading(t('results:report.answerHeading'), HeadingLevel.HEADING_3));
			out.push(p(t(`summary:status.${answer.status}`), { bold: true }));
			out.push(...marked(answer.explanation, () => null));
			if (answer.commitment) {
				out.push(
					p(
						`${t('results:report.commitment')} ${answer.commitment}${
							answer.commitmentDue
								? ` (${t('results:report.due', { date: meta.formatDate(`${answer.commitmentDue}T12:00:00Z`) })})`
								: ''
						}`
					)
				);
			}
			out.push(p(t('summary:answer.publishedOn', { date: meta.formatDate(answer.publishedAt) })));
		}
		return out;
	};

	const facts = meta.facts;
	const f = findingTexts(facts, t, { n, percent: meta.percent });
	const bullets = (items: string[]) =>
		items.map((text) => new Paragraph({ bidirectional: rtl, bullet: { level: 0 }, children: [run(text)] }));
	const organiser = c.organiser_name
		? [
				p(`${t('results:report.organisedBy')} ${c.organiser_name}`, { bold: true }),
				...(c.organiser_line ? [p(c.organiser_line)] : []),
				...(c.organiser_contact ? [p(`${t('consultation:organiser.contact')} ${c.organiser_contact}`)] : [])
			]
		: [p(t('consultation:organiser.none'))];
	const children: (Paragraph | Table)[] = [
		p(t('results:report.title')),
		new Paragraph({ heading: HeadingLevel.TITLE, bidirectional: rtl, children: [run(c.title)] }),
		...organiser,
		p(t('results:report.generated', { date: meta.formatDate(meta.generatedAt) })),
		...(meta.filters.length ? [p(`${t('results:report.filtered')} ${meta.filters.join(' · ')}`, { bold: true })] : []),

		// Key findings first (issue 14): every sentence computed from the data (findings.ts).
		heading(t('results:findings.heading'), HeadingLevel.HEADING_1),
		heading(t('results:findings.participationHeading'), HeadingLevel.HEADING_2),
		p(f.participation),
		...(f.demoParticipants ? [p(f.demoParticipants)] : []),
		...(facts.participants
			? [p(f.groupsNote), p(f.groups.caption, { bold: true }), table(f.groups.header, f.groups.rows)]
			: []),
		heading(t('results:findings.broadestHeading'), HeadingLevel.HEADING_2),
		p(f.broadestDefinition, { italics: true }),
		...(f.broadestNone ? [p(f.broadestNone)] : bullets(f.broadest)),
		heading(t('results:findings.deepestHeading'), HeadingLevel.HEADING_2),
		p(f.deepestDefinition, { italics: true }),
		...(f.deepestNone ? [p(f.deepestNone)] : bullets(f.deepest)),
		heading(t('results:findings.othersHeading'), HeadingLevel.HEADING_2),
		p(f.positions),
		p(f.meetings),
		heading(t('results:findings.answersHeading'), HeadingLevel.HEADING_2),
		p(f.summaries),
		p(f.answers),
		...(f.unanswered ? [p(f.unanswered)] : []),

		heading(t('results:report.aboutHeading'), HeadingLevel.HEADING_1),
		...(c.source_title
			? [
					p(
						t('results:report.source', {
							title: c.source_title,
							publisher: c.source_publisher ?? '',
							date: c.source_date ? meta.formatDate(`${c.source_date}T12:00:00Z`) : ''
						})
					)
				]
			: []),
		p(
			`${t('consultation:counts.recommendations', { count: facts.recommendations })} · ${t('consultation:counts.themes', { count: results.themes.length })}`
		),
		p(`${t('results:report.phase')}: ${t(`phase.${c.phase}.name`)}`),
		heading(t('results:report.methodHeading'), HeadingLevel.HEADING_1),
		...meta.method.map((m) => p(m))
	];
	// Each recommendation someone responded to, by theme; the others together in one table below.
	const silent = new Set(facts.silent.map((s) => s.number));
	for (const theme of results.themes) {
		const recs = results.recommendations.filter((r) => r.themeNumeral === theme.numeral && !silent.has(r.number));
		if (!recs.length) continue;
		children.push(
			heading(
				`${t('consultation:overview.themeLabel', { numeral: romanNumeral(theme.numeral) })}: ${theme.title}`,
				HeadingLevel.HEADING_1
			)
		);
		for (const r of recs) children.push(...recommendation(r));
	}
	children.push(heading(t('results:silent.heading'), HeadingLevel.HEADING_1), p(f.silent));
	if (facts.silent.length)
		children.push(
			table(
				[t('results:xlsx.number'), t('results:xlsx.theme'), t('results:xlsx.title'), t('results:xlsx.answerStatus')],
				facts.silent.map((s) => [
					n(s.number),
					s.themeNumeral,
					s.shortTitle,
					s.answered ? t('results:silent.answered') : t('results:silent.notAnswered')
				]),
				[15, 13, 47, 25]
			)
		);
	// What associations say: each position under its association's name, with its mandate; never added to the votes.
	const positions = meta.positions ?? [];
	if (positions.length) {
		children.push(heading(t('positions:heading'), HeadingLevel.HEADING_1), p(t('positions:apartFromVotes')));
		const day = (d: string) => meta.formatDate(`${d}T12:00:00Z`);
		for (const position of positions) {
			children.push(
				heading(
					`${t('thread:number', { number: position.recommendation })}: ${position.organisation}`,
					HeadingLevel.HEADING_2
				),
				p(t(`positions:stance.${position.stance}`), { bold: true }),
				p(position.explanation),
				p(mandateText(position, t, day), { italics: true })
			);
			if (position.status === 'withdrawn' && position.withdrawnAt)
				children.push(p(t('positions:withdrawnOn', { date: meta.formatDate(position.withdrawnAt) })));
			if (position.demo) children.push(p(t('positions:demo')));
		}
	}
	// Group meetings apart from the votes (issue 13).
	children.push(...meetingsReportSection(results, t, { heading, p, table, n, formatDate: meta.formatDate }));
	children.push(
		heading(t('results:annex.heading'), HeadingLevel.HEADING_1),
		p(t('results:agreement.measure', { broad: BROAD_AGREEMENT * 100, gap: DIVIDING_GAP * 100, min: SMALL_GROUP }))
	);
	for (const group of byAgreement(results)) {
		children.push(heading(t(`results:agreement.kind.${group.kind}`), HeadingLevel.HEADING_2));
		if (!group.items.length) children.push(p(t('results:annex.none')));
		else if (group.kind === 'unknown')
			// Too few voters to compare: only their numbers, not a line each.
			children.push(
				p(
					t('results:annex.numbers', {
						numbers: numberRanges(
							group.items.map((r) => r.number),
							n
						)
					})
				)
			);
		else
			children.push(
				...group.items.map((r) => {
					const shares = r.agreement.shares
						.filter((s) => s.agreeShare !== null)
						.map((s) => `${t(`results:group.${s.group}`)} ${meta.percent(s.agreeShare!)}`)
						.join(', ');
					return new Paragraph({
						bidirectional: rtl,
						bullet: { level: 0 },
						children: [run(`${r.number}. ${r.shortTitle}`, { bold: true }), ...(shares ? [run(` — ${shares}`)] : [])]
					});
				})
			);
	}

	const document = new Document({
		creator: 'Samenspraak',
		title: c.title,
		description: t('results:report.title'),
		styles: { default: { document: { run: { font: 'Arial', size: 22 } } } },
		sections: [{ properties: {}, children }]
	});
	return Packer.toBuffer(document);
}
