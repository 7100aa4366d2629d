import type { TFunction } from 'i18next';

/** What facilitators counted for one recommendation (or all): meetings, people and raised hands. */
export interface MeetingTally {
	meetings: number;
	people: number;
	agree: number;
	disagree: number;
	notSure: number;
}

/**
 * A meeting tally as one sentence ("2 groepsgesprekken met 20 mensen: …"), the same on the thread, the
 * dashboard, the print view and the Word report. `n` writes a number in the reader's language.
 */
export function meetingLine(t: TFunction, tally: MeetingTally, n: (x: number) => string): string {
	return t('meetings:thread.line', {
		count: tally.meetings,
		people: t('meetings:thread.people', { count: tally.people }),
		agree: n(tally.agree),
		disagree: n(tally.disagree),
		notSure: n(tally.notSure)
	});
}
