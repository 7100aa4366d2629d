import type ExcelJS from 'exceljs';
import { HeadingLevel, type Paragraph, type Table } from 'docx';
import type { TFunction } from 'i18next';
import type { Results } from '../results/service';
import { meetingLine } from '../../i18n/meeting-line';
import { DAY, day } from './dates';

/*
 * Group meetings in the spreadsheet and the Word report (issue 13): their own sheet and section, apart
 * from the votes, labelled as what facilitators recorded. The same rows as meetings.csv.
 */

/** The spreadsheet's sheet of meeting records: one row per meeting × recommendation. */
export function addMeetingsSheet(
	workbook: ExcelJS.stream.xlsx.WorkbookWriter,
	results: Results,
	t: TFunction,
	views: Partial<ExcelJS.WorksheetView>[]
): void {
	const sheet = workbook.addWorksheet(t('meetings:export.sheet'), { views });
	sheet.columns = [
		{ header: t('meetings:export.meeting'), key: 'meeting', width: 10 },
		{ header: t('results:xlsx.number'), key: 'number', width: 8 },
		{ header: t('meetings:export.organisation'), key: 'organisation', width: 30 },
		{ header: t('meetings:export.heldOn'), key: 'heldOn', width: 12, style: DAY },
		{ header: t('meetings:form.place'), key: 'place', width: 24 },
		{ header: t('meetings:form.languages'), key: 'languages', width: 12 },
		{ header: t('meetings:form.participants'), key: 'participants', width: 12 },
		{ header: t('meetings:hands.agree'), key: 'agree', width: 10 },
		{ header: t('meetings:hands.disagree'), key: 'disagree', width: 10 },
		{ header: t('meetings:hands.notSure'), key: 'notSure', width: 10 },
		{ header: t('meetings:export.quotes'), key: 'quotes', width: 80 },
		{ header: t('meetings:demo'), key: 'demo', width: 8 }
	];
	sheet.getRow(1).font = { bold: true };
	for (const r of results.meetings.rows) {
		sheet
			.addRow({
				meeting: r.meeting_id,
				number: r.number,
				organisation: r.organisation_name,
				heldOn: day(r.held_on),
				place: r.place,
				languages: r.languages.split(',').join(' '),
				participants: r.participants,
				agree: Number(r.agree),
				disagree: Number(r.disagree),
				notSure: Number(r.not_sure),
				quotes: r.quotes.map((q) => q.body).join('\n'),
				demo: r.is_demo === 1 ? t('results:yes') : t('results:no')
			})
			.commit();
	}
	sheet.commit();
}

/** The Word report's section on group meetings: per recommendation, the counts, then each record. */
export function meetingsReportSection(
	results: Results,
	t: TFunction,
	h: {
		heading: (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) => Paragraph;
		p: (text: string, options?: { bold?: boolean; italics?: boolean }) => Paragraph;
		table: (header: string[], rows: string[][]) => Table;
		n: (n: number) => string;
		formatDate: (iso: string) => string;
	}
): (Paragraph | Table)[] {
	const out: (Paragraph | Table)[] = [h.heading(t('meetings:report.heading'), HeadingLevel.HEADING_1)];
	out.push(h.p(t('meetings:honesty')));
	if (results.meetings.rows.length === 0) {
		out.push(h.p(t('meetings:report.none')));
		return out;
	}
	for (const r of results.recommendations) {
		const total = results.meetings.byRecommendation.get(r.number);
		if (!total) continue;
		out.push(h.heading(`${t('thread:number', { number: r.number })}: ${r.shortTitle}`, HeadingLevel.HEADING_2));
		out.push(h.p(meetingLine(t, total, h.n), { bold: true }));
		const rows = results.meetings.rows.filter((m) => m.number === r.number);
		out.push(
			h.table(
				[
					t('meetings:export.organisation'),
					t('meetings:export.heldOn'),
					t('meetings:form.participants'),
					t('meetings:hands.agree'),
					t('meetings:hands.disagree'),
					t('meetings:hands.notSure')
				],
				rows.map((m) => [
					m.organisation_name,
					m.held_on ? h.formatDate(`${m.held_on}T12:00:00Z`) : '',
					h.n(m.participants ?? 0),
					h.n(Number(m.agree)),
					h.n(Number(m.disagree)),
					h.n(Number(m.not_sure))
				])
			)
		);
		const quotes = rows.flatMap((m) => m.quotes);
		if (quotes.length) {
			out.push(h.p(t('meetings:thread.heard'), { bold: true }));
			for (const q of quotes) out.push(h.p(`“${q.body}”`, { italics: true }));
		}
	}
	return out;
}
