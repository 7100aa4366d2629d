import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { TFunction } from 'i18next';
import { commentLanguages } from '../../domain';
import type { DB } from '../db/create';
import { groupKeys, type Results } from '../results/service';
import { SMALL_GROUP } from '../votes/service';
import { addMeetingsSheet } from './meetings';
import { DATE_TIME, DAY, day, moment } from './dates';
import { publishedComments, type CommentRow } from './rows';
import { positionColumns, positionsOf } from './positions';

/** A cell's value; undefined leaves the cell out. A Date is written as a real Excel date. */
type Cell = string | number | Date | null | undefined;

/** A column: its heading (translated), its width, its cell for a row, and its style when it has one. */
type Column<R> = [header: string, width: number, cell: (row: R) => Cell, style?: Partial<ExcelJS.Style>];

/*
 * The spreadsheet for analysts (exceljs, streaming: rows are written out as they come, so a large
 * consultation keeps memory flat). Five sheets: recommendations with tallies and breakdowns, comments,
 * summaries with answers, the associations' positions and group meetings (both apart from the votes).
 * Headings in the chosen language; right to left for Arabic.
 */

/** Writes the workbook into a stream and returns that stream at once; the rows follow as they are read. */
export function spreadsheet(db: DB, results: Results, t: TFunction, rtl: boolean): PassThrough {
	const out = new PassThrough();
	const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
	workbook.creator = 'Samenspraak';
	workbook.created = new Date();
	const views = [{ state: 'frozen' as const, ySplit: 1, rightToLeft: rtl }];

	/** Writes a sheet: its headings in bold, then a row for each of `rows` as the batches come. */
	const sheet = async <R>(name: string, columns: Column<R>[], rows: Iterable<R[]> | AsyncIterable<R[]>) => {
		const ws = workbook.addWorksheet(t(name), { views });
		ws.columns = columns.map(([header, width, , style]) => ({ header, width, ...(style && { style }) }));
		ws.getRow(1).font = { bold: true };
		for await (const batch of rows) for (const row of batch) ws.addRow(columns.map(([, , cell]) => cell(row))).commit();
		ws.commit();
	};
	const yesNo = (yes: boolean) => (yes ? t('results:yes') : t('results:no'));

	const write = async () => {
		const choices = ['agree', 'disagree', 'unsure', 'total'] as const;
		await sheet<Results['recommendations'][number]>(
			'results:xlsx.recommendations',
			[
				[t('results:xlsx.theme'), 8, (r) => r.themeNumeral],
				[t('results:xlsx.number'), 8, (r) => r.number],
				[t('results:xlsx.title'), 40, (r) => r.shortTitle],
				...choices.map((choice): Column<Results['recommendations'][number]> => [
					t(`results:choice.${choice}`),
					10,
					(r) => r.tallies[choice]
				]),
				[
					t('results:xlsx.agreeShare'),
					10,
					(r) => (r.tallies.total ? r.tallies.agree / r.tallies.total : null),
					{ numFmt: '0%' }
				],
				[t('results:xlsx.comments'), 10, (r) => r.comments],
				[t('results:xlsx.reports'), 10, (r) => r.reports],
				[t('results:xlsx.agreement'), 22, (r) => t(`results:agreement.kind.${r.agreement.kind}`)],
				[t('results:xlsx.answerStatus'), 20, (r) => (r.answerStatus ? t(`summary:status.${r.answerStatus}`) : '')],
				// A group's figures only when at least five people in it voted on this recommendation.
				...groupKeys.flatMap((g) =>
					choices.map((choice): Column<Results['recommendations'][number]> => [
						`${t(`results:group.${g}`)}: ${t(`results:choice.${choice}`)}`,
						14,
						(r) => {
							const figures = r.tallies.byGroup.find((b) => b.group === g);
							return figures && figures.total >= SMALL_GROUP ? figures[choice] : undefined;
						}
					])
				),
				...commentLanguages.map((l): Column<Results['recommendations'][number]> => [
					t(`results:xlsx.commentsInLanguage.${l}`),
					12,
					(r) => r.commentsByLanguage[l] ?? 0
				]),
				[t('results:xlsx.revision'), 10, (r) => r.revision]
			],
			[results.recommendations]
		);

		const consultationLanguage = t(`results:language.${results.consultation.language}`, {
			defaultValue: results.consultation.language
		});
		await sheet<CommentRow>(
			'results:xlsx.commentsSheet',
			[
				[t('results:xlsx.comment'), 10, (c) => c.id],
				[t('results:xlsx.number'), 8, (c) => c.recommendationNumber],
				[t('results:xlsx.replyTo'), 10, (c) => c.parentId],
				[
					t('results:xlsx.pseudonym'),
					20,
					(c) => (results.filters.group ? '' : (c.author ?? t('thread:comment.deletedParticipant')))
				],
				[t('results:xlsx.expert'), 10, (c) => yesNo(c.experienceExpert)],
				[t('results:xlsx.language'), 10, (c) => c.language],
				[t('results:xlsx.stance'), 16, (c) => (c.stance ? t(`thread:stance.${c.stance}`) : '')],
				[t('results:xlsx.helpful'), 8, (c) => c.helpful],
				[t('results:xlsx.date'), 18, (c) => moment(c.createdAt), DATE_TIME],
				[t('results:xlsx.text'), 80, (c) => c.body],
				[t('results:xlsx.translated', { language: consultationLanguage }), 80, (c) => c.translation?.text ?? ''],
				[
					t('results:xlsx.translationOrigin'),
					16,
					(c) => (c.translation ? t(`results:xlsx.origin.${c.translation.origin}`) : '')
				],
				[t('results:xlsx.translationChecked'), 10, (c) => (c.translation ? yesNo(c.translation.checked) : '')],
				[t('results:xlsx.revision'), 10, (c) => c.revision],
				[t('results:xlsx.demo'), 10, (c) => yesNo(c.demo)]
			],
			publishedComments(db, results)
		);

		await sheet<Results['recommendations'][number]>(
			'results:xlsx.loopSheet',
			[
				[t('results:xlsx.number'), 8, (r) => r.number],
				[t('results:xlsx.title'), 40, (r) => r.shortTitle],
				[t('summary:section.mainPoints'), 60, (r) => r.summary?.texts.mainPoints ?? ''],
				[t('summary:section.disagreements'), 60, (r) => r.summary?.texts.disagreements ?? ''],
				[t('summary:section.voices'), 60, (r) => r.summary?.texts.voices ?? ''],
				[t('results:xlsx.cited'), 20, (r) => r.summary?.sources.map((s) => s.id).join(' ') ?? ''],
				[t('results:xlsx.summaryPublished'), 18, (r) => moment(r.summary?.publishedAt), DATE_TIME],
				[t('results:xlsx.answerStatus'), 20, (r) => (r.answers[0] ? t(`summary:status.${r.answers[0].status}`) : '')],
				[t('summary:answer.explanation'), 60, (r) => r.answers[0]?.text ?? ''],
				[t('results:xlsx.commitment'), 40, (r) => r.answers[0]?.commitment ?? ''],
				[t('results:xlsx.due'), 12, (r) => day(r.answers[0]?.commitmentDue), DAY],
				[t('results:xlsx.answerPublished'), 18, (r) => moment(r.answers[0]?.publishedAt), DATE_TIME]
			],
			[results.recommendations]
		);
		await sheet('positions:export.sheet', positionColumns(t), [await positionsOf(db, results)]);
		addMeetingsSheet(workbook, results, t, views);
		await workbook.commit();
	};
	write().catch((e) => out.destroy(e));
	return out;
}
