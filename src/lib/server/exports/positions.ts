import type { TFunction } from 'i18next';
import type { DB } from '../db/create';
import { positionRowsFor, type PositionRow } from '../positions/service';
import type { Results } from '../results/service';
import { DATE_TIME, DAY, day, moment } from './dates';

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

/** The columns of the spreadsheet's positions sheet: heading, width and cell of each. */
export function positionColumns(
	t: TFunction
): [string, number, (p: PositionRow) => string | number | Date | null, { numFmt: string }?][] {
	return [
		[t('results:xlsx.number'), 8, (p) => p.recommendation],
		[t('positions:export.organisation'), 30, (p) => p.organisation],
		[
			t('positions:export.status'),
			14,
			(p) => (p.status === 'withdrawn' ? t('positions:status.withdrawn') : t('positions:status.published'))
		],
		[t('positions:export.stance'), 22, (p) => t(`positions:stance.${p.stance}`)],
		[t('positions:export.explanation'), 60, (p) => p.explanation],
		[
			t('positions:export.mandate'),
			22,
			(p) => (p.mandate === 'other' ? p.mandateOther : t(`positions:mandate.kind.${p.mandate}`))
		],
		[t('positions:export.decidedOn'), 12, (p) => day(p.decidedOn), DAY],
		[t('positions:export.members'), 10, (p) => p.membersTakingPart],
		[t('positions:export.splitAgree'), 10, (p) => p.split?.agree ?? null],
		[t('positions:export.splitDisagree'), 10, (p) => p.split?.disagree ?? null],
		[t('positions:export.splitAbstain'), 10, (p) => p.split?.abstain ?? null],
		[t('positions:export.publishedAt'), 18, (p) => moment(p.publishedAt), DATE_TIME]
	];
}
