import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { TFunction } from 'i18next';
import { commentLanguages } from '../../domain';
import type { DB } from '../db/create';
import { groupKeys, type Results } from '../results/service';
import { SMALL_GROUP } from '../votes/service';
import { addMeetingsSheet } from './meetings';
import { publishedComments } from './rows';

/*
 * The spreadsheet for analysts (exceljs, streaming: rows are written out as they come, so a large
 * consultation keeps memory flat). Three sheets: recommendations with tallies and breakdowns, comments,
 * and summaries with answers. Headings in the chosen language; right to left for Arabic.
 */

/** Writes the workbook into a stream and returns that stream at once; the rows follow as they are read. */
export function spreadsheet(db: DB, results: Results, t: TFunction, rtl: boolean): PassThrough {
	const out = new PassThrough();
	const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
	workbook.creator = 'Samenspraak';
	workbook.created = new Date();
	const views = [{ state: 'frozen' as const, ySplit: 1, rightToLeft: rtl }];

	const write = async () => {
		const recs = workbook.addWorksheet(t('results:xlsx.recommendations'), { views });
		const groupColumns = groupKeys.flatMap((g) =>
			(['agree', 'disagree', 'unsure', 'total'] as const).map((choice) => ({
				header: `${t(`results:group.${g}`)}: ${t(`results:choice.${choice}`)}`,
				key: `${g}_${choice}`,
				width: 14
			}))
		);
		recs.columns = [
			{ header: t('results:xlsx.theme'), key: 'theme', width: 8 },
			{ header: t('results:xlsx.number'), key: 'number', width: 8 },
			{ header: t('results:xlsx.title'), key: 'title', width: 40 },
			{ header: t('results:choice.agree'), key: 'agree', width: 10 },
			{ header: t('results:choice.disagree'), key: 'disagree', width: 10 },
			{ header: t('results:choice.unsure'), key: 'unsure', width: 10 },
			{ header: t('results:choice.total'), key: 'total', width: 10 },
			{ header: t('results:xlsx.agreeShare'), key: 'share', width: 10, style: { numFmt: '0%' } },
			{ header: t('results:xlsx.comments'), key: 'comments', width: 10 },
			{ header: t('results:xlsx.reports'), key: 'reports', width: 10 },
			{ header: t('results:xlsx.agreement'), key: 'agreement', width: 22 },
			{ header: t('results:xlsx.answerStatus'), key: 'answer', width: 20 },
			...groupColumns,
			...commentLanguages.map((l) => ({
				header: `${t('results:xlsx.commentsIn')} ${t(`results:language.${l}`)}`,
				key: `lang_${l}`,
				width: 12
			}))
		];
		recs.getRow(1).font = { bold: true };
		for (const r of results.recommendations) {
			const row: Record<string, string | number | null> = {
				theme: r.themeNumeral,
				number: r.number,
				title: r.shortTitle,
				agree: r.tallies.agree,
				disagree: r.tallies.disagree,
				unsure: r.tallies.unsure,
				total: r.tallies.total,
				share: r.tallies.total ? r.tallies.agree / r.tallies.total : null,
				comments: r.comments,
				reports: r.reports,
				agreement: t(`results:agreement.kind.${r.agreement.kind}`),
				answer: r.answerStatus ? t(`summary:status.${r.answerStatus}`) : ''
			};
			// A group's figures only when at least five people in it voted on this recommendation.
			for (const g of r.tallies.byGroup) {
				if (g.total < SMALL_GROUP) continue;
				for (const choice of ['agree', 'disagree', 'unsure', 'total'] as const) row[`${g.group}_${choice}`] = g[choice];
			}
			for (const l of commentLanguages) row[`lang_${l}`] = r.commentsByLanguage[l] ?? 0;
			recs.addRow(row).commit();
		}
		recs.commit();

		const comments = workbook.addWorksheet(t('results:xlsx.commentsSheet'), { views });
		comments.columns = [
			{ header: t('results:xlsx.comment'), key: 'id', width: 10 },
			{ header: t('results:xlsx.number'), key: 'rec', width: 8 },
			{ header: t('results:xlsx.replyTo'), key: 'parent', width: 10 },
			{ header: t('results:xlsx.pseudonym'), key: 'author', width: 20 },
			{ header: t('results:xlsx.expert'), key: 'expert', width: 10 },
			{ header: t('results:xlsx.language'), key: 'language', width: 10 },
			{ header: t('results:xlsx.stance'), key: 'stance', width: 16 },
			{ header: t('results:xlsx.helpful'), key: 'helpful', width: 8 },
			{ header: t('results:xlsx.date'), key: 'date', width: 20 },
			{ header: t('results:xlsx.text'), key: 'text', width: 80 },
			{
				header: t('results:xlsx.translated', {
					language: t(`results:language.${results.consultation.language}`, {
						defaultValue: results.consultation.language
					})
				}),
				key: 'translated',
				width: 80
			},
			{ header: t('results:xlsx.translationOrigin'), key: 'origin', width: 16 },
			{ header: t('results:xlsx.translationChecked'), key: 'checked', width: 10 }
		];
		comments.getRow(1).font = { bold: true };
		for await (const batch of publishedComments(db, results)) {
			for (const c of batch) {
				comments
					.addRow({
						id: c.id,
						rec: c.recommendationNumber,
						parent: c.parentId,
						author: results.filters.group ? '' : (c.author ?? t('thread:comment.deletedParticipant')),
						expert: c.experienceExpert ? t('results:yes') : t('results:no'),
						language: c.language,
						stance: c.stance ? t(`thread:stance.${c.stance}`) : '',
						helpful: c.helpful,
						date: c.createdAt,
						text: c.body,
						translated: c.translation?.text ?? '',
						origin: c.translation ? t(`results:xlsx.origin.${c.translation.origin}`) : '',
						checked: c.translation ? (c.translation.checked ? t('results:yes') : t('results:no')) : ''
					})
					.commit();
			}
		}
		comments.commit();

		const loop = workbook.addWorksheet(t('results:xlsx.loopSheet'), { views });
		loop.columns = [
			{ header: t('results:xlsx.number'), key: 'number', width: 8 },
			{ header: t('results:xlsx.title'), key: 'title', width: 40 },
			{ header: t('summary:section.mainPoints'), key: 'main', width: 60 },
			{ header: t('summary:section.disagreements'), key: 'disagreements', width: 60 },
			{ header: t('summary:section.voices'), key: 'voices', width: 60 },
			{ header: t('results:xlsx.cited'), key: 'cited', width: 20 },
			{ header: t('results:xlsx.summaryPublished'), key: 'summaryAt', width: 20 },
			{ header: t('results:xlsx.answerStatus'), key: 'status', width: 20 },
			{ header: t('summary:answer.explanation'), key: 'explanation', width: 60 },
			{ header: t('results:xlsx.commitment'), key: 'commitment', width: 40 },
			{ header: t('results:xlsx.due'), key: 'due', width: 12 },
			{ header: t('results:xlsx.answerPublished'), key: 'answerAt', width: 20 }
		];
		loop.getRow(1).font = { bold: true };
		for (const r of results.recommendations) {
			const a = r.answers[0];
			loop
				.addRow({
					number: r.number,
					title: r.shortTitle,
					main: r.summary?.texts.mainPoints ?? '',
					disagreements: r.summary?.texts.disagreements ?? '',
					voices: r.summary?.texts.voices ?? '',
					cited: r.summary?.sources.map((s) => s.id).join(' ') ?? '',
					summaryAt: r.summary?.publishedAt ?? '',
					status: a ? t(`summary:status.${a.status}`) : '',
					explanation: a?.text ?? '',
					commitment: a?.commitment ?? '',
					due: a?.commitmentDue ?? '',
					answerAt: a?.publishedAt ?? ''
				})
				.commit();
		}
		loop.commit();
		addMeetingsSheet(workbook, results, t, views);
		await workbook.commit();
	};
	write().catch((e) => out.destroy(e));
	return out;
}
