import type { DB } from '../db/create';
import * as repository from './repository';
import type { ModerationReason } from '../db/types';
import { reportReasons } from '../../domain';

/** The actions the public moderation page counts, and the column each is counted in. */
const counted = {
	'comment.hold': 'held',
	'comment.hide': 'hidden',
	// An association's position hidden by a moderator counts as hidden too (issue 13).
	'position.hide': 'hidden',
	'comment.redact': 'redacted',
	'comment.restore': 'restored',
	'comment.approve': 'approved',
	'report.dismiss': 'dismissed',
	'user.suspend': 'suspended',
	// Group meetings' records and quotes (issue 13), counted with the comments.
	'meeting.hold': 'held',
	'meeting.hide': 'hidden',
	'meeting_quote.hide': 'hidden',
	'meeting.approve': 'approved'
} as const;
type Column = (typeof counted)[keyof typeof counted] | 'reports';
export const monthColumns: readonly Column[] = [
	'reports',
	'held',
	'hidden',
	'redacted',
	'restored',
	'approved',
	'dismissed',
	'suspended'
];

export interface ModerationStats {
	/** Reports received and comments hidden, per reason. */
	byReason: { reason: ModerationReason; reports: number; hidden: number }[];
	/** Per month (YYYY-MM), newest first, how often each thing happened. */
	byMonth: ({ month: string } & Record<Column, number>)[];
}

/**
 * The public moderation figures: counts per reason and per month, never content, never names. Two
 * grouped queries over the reports and the audit log, for the last two years.
 */
export async function moderationStats(db: DB, now = new Date()): Promise<ModerationStats> {
	const since = new Date(Date.UTC(now.getUTCFullYear() - 2, now.getUTCMonth(), 1)).toISOString();
	const [reports, actions] = await Promise.all([
		repository.reportsPerMonth(db, since),
		repository.actionsPerMonth(db, since, Object.keys(counted))
	]);
	const byReason = new Map(reportReasons.map((reason) => [reason, { reason, reports: 0, hidden: 0 }]));
	const months = new Map<string, { month: string } & Record<Column, number>>();
	const row = (m: string) => {
		let r = months.get(m);
		if (!r) {
			r = { month: m, ...(Object.fromEntries(monthColumns.map((c) => [c, 0])) as Record<Column, number>) };
			months.set(m, r);
		}
		return r;
	};
	for (const r of reports) {
		row(r.month).reports += Number(r.n);
		const reason = byReason.get(r.reason);
		if (reason) reason.reports += Number(r.n);
	}
	for (const a of actions) {
		const column = counted[a.action as keyof typeof counted];
		row(a.month)[column] += Number(a.n);
		// Every hiding (a comment, a position, a meeting or a quote) counts for its reason.
		if (column === 'hidden') {
			const reason = byReason.get(a.reason as ModerationReason);
			if (reason) reason.hidden += Number(a.n);
		}
	}
	return {
		byReason: [...byReason.values()],
		byMonth: [...months.values()].sort((a, b) => b.month.localeCompare(a.month))
	};
}
