import type { Transaction } from 'kysely';
import type { Database, MailKind } from '../db/types';
import * as notifications from '../notifications/repository';
import type { UserIds } from '../users/repository';
import * as repository from './repository';

/*
 * The outbox's front door, for the services that notify people: they queue a mail here, in their own
 * transaction, and the background pass (./service, ./scheduler) sends it later in the person's language.
 * Kept apart from the sending, which needs the translations: what queues mail imports no i18n files, so
 * the services also run outside Vite (scripts under tsx, such as the benchmark's CSV export).
 */

/**
 * Queues one mail of this kind for each recipient who has an address, wants mail and still has an
 * account: one INSERT … SELECT, in the caller's transaction. Recipients are user ids, or a query that
 * selects them.
 */
export async function queueMail(
	trx: Transaction<Database>,
	mail: {
		kind: MailKind;
		recommendationId: number;
		commentId?: number | null;
		recipients: UserIds;
		now: string;
	}
): Promise<number> {
	if (Array.isArray(mail.recipients) && mail.recipients.length === 0) return 0;
	return repository.insertForEach(trx, { ...mail, commentId: mail.commentId ?? null });
}

/**
 * Tells everyone concerned that a thread has news (a published summary or answer): a notice in the app
 * for each, and a mail for those who want one. Returns how many of each, in the caller's transaction.
 */
export async function notifyAndMail(
	trx: Transaction<Database>,
	news: {
		kind: Extract<MailKind, 'summary' | 'response'>;
		recommendationId: number;
		detail?: string | null;
		recipients: UserIds;
		now: string;
	}
): Promise<{ notified: number; mailed: number }> {
	const notified = await notifications.notifyEach(trx, news);
	const { detail: _, ...mail } = news;
	return { notified, mailed: await queueMail(trx, mail) };
}
