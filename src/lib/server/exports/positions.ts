import type ExcelJS from 'exceljs';
import type { TFunction } from 'i18next';
import type { DB } from '../db/create';
import { positionRowsFor, type PositionRow } from '../positions/service';
import type { Results } from '../results/service';

/*
 * Collective positions in the exports (issue 13): a CSV file, a sheet of the spreadsheet and a section
 * of the Word report. Always apart from the votes: a position is an association's, never added to them.
 */

/** The positions on the results' recommendations (the theme filter applies): one query. */
export function positionsOf(db: DB, results: Results): Promise<PositionRow[]> {
	return positionRowsFor(
		db,
		results.recommendations.map((r) => r.id)
	);
}

const yesNo = (b: boolean) => (b ? 'yes' : 'no');

/** A position as a row of positions.csv (columns in open-data.ts, documented in docs/open-data.md). */
export function positionCsvValues(p: PositionRow): unknown[] {
	return [
		p.id,
		p.recommendation,
		p.organisation,
		p.organisationSlug,
		p.organisationKind,
		yesNo(p.organisationDeactivated),
		p.status,
		p.withdrawnAt ?? '',
		p.version,
		p.stance,
		p.explanation,
		p.language,
		p.mandate,
		p.mandateOther,
		p.decidedOn,
		p.membersTakingPart,
		p.split?.agree ?? '',
		p.split?.disagree ?? '',
		p.split?.abstain ?? '',
		p.signOff,
		p.publishedAt,
		yesNo(p.demo)
	];
}

/** The mandate in plain words: "decided at a members' meeting of 14 people on 3 March 2026". */
export function mandateText(p: PositionRow, t: TFunction, formatDay: (day: string) => string): string {
	return t(`positions:mandate.sentence.${p.mandate}`, {
		count: p.membersTakingPart,
		date: formatDay(p.decidedOn),
		other: p.mandateOther
	});
}

/** The positions sheet of the spreadsheet. */
export async function addPositionsSheet(
	workbook: ExcelJS.stream.xlsx.WorkbookWriter,
	rows: PositionRow[],
	t: TFunction,
	views: Partial<ExcelJS.WorksheetView>[]
): Promise<void> {
	const sheet = workbook.addWorksheet(t('positions:export.sheet'), { views });
	sheet.columns = [
		{ header: t('results:xlsx.number'), key: 'number', width: 8 },
		{ header: t('positions:export.organisation'), key: 'organisation', width: 30 },
		{ header: t('positions:export.status'), key: 'status', width: 14 },
		{ header: t('positions:export.stance'), key: 'stance', width: 22 },
		{ header: t('positions:export.explanation'), key: 'explanation', width: 60 },
		{ header: t('positions:export.mandate'), key: 'mandate', width: 22 },
		{ header: t('positions:export.decidedOn'), key: 'decidedOn', width: 12 },
		{ header: t('positions:export.members'), key: 'members', width: 10 },
		{ header: t('positions:export.splitAgree'), key: 'agree', width: 10 },
		{ header: t('positions:export.splitDisagree'), key: 'disagree', width: 10 },
		{ header: t('positions:export.splitAbstain'), key: 'abstain', width: 10 },
		{ header: t('positions:export.publishedAt'), key: 'publishedAt', width: 20 }
	];
	sheet.getRow(1).font = { bold: true };
	for (const p of rows) {
		sheet
			.addRow({
				number: p.recommendation,
				organisation: p.organisation,
				status: p.status === 'withdrawn' ? t('positions:status.withdrawn') : t('positions:status.published'),
				stance: t(`positions:stance.${p.stance}`),
				explanation: p.explanation,
				mandate: p.mandate === 'other' ? p.mandateOther : t(`positions:mandate.kind.${p.mandate}`),
				decidedOn: p.decidedOn,
				members: p.membersTakingPart,
				agree: p.split?.agree ?? null,
				disagree: p.split?.disagree ?? null,
				abstain: p.split?.abstain ?? null,
				publishedAt: p.publishedAt
			})
			.commit();
	}
	sheet.commit();
}
