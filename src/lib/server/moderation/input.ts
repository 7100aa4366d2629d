import { reportReasons, type ModerationReason } from '../../domain';
import { cleanText } from '../../text/clean';
import type { IssueCollector } from '../errors';

/*
 * What a moderator types with a decision, read the same way for comments and group meeting records.
 */

/** The longest note a moderator can add to a decision (it is kept in the audit log). */
export const NOTE_MAX = 500;

/** The moderator's reason when it is one of the plain reasons; otherwise an issue on `reason`, and null. */
export function readReason(issues: IssueCollector, reason: string | null | undefined): ModerationReason | null {
	return issues.oneOf('reason', reason, reportReasons, 'moderation:error.reason');
}

/** The moderator's note, cleaned; an issue on `note` when it is longer than NOTE_MAX. */
export function readNote(issues: IssueCollector, note: string | null | undefined): string {
	const clean = cleanText(note ?? '');
	issues.atMost('note', clean, NOTE_MAX, 'moderation:error.noteTooLong');
	return clean;
}
