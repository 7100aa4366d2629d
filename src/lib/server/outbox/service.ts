import { isLocale } from '../../i18n/locales';
import { loadTranslator } from '../../i18n/translator';
import { isolate } from '../../text/bidi';
import type { DB } from '../db/create';
import type { MailKind } from '../db/types';
import { logError } from '../log';
import type { Mailer } from '../mail';
import { MAX_ATTEMPTS, retryDelay } from '../work-queue';
import * as repository from './repository';

// The retry schedule is shared with the other background queues; named here too for the outbox's callers.
export { MAX_ATTEMPTS, retryDelay };

/*
 * Mail goes through an outbox. The services that notify people (a reply, a published summary, a
 * policy answer) also queue a mail (./queue), in the same transaction, for those who gave an address
 * and asked for mail. A background pass (./scheduler) sends what is due, each in the person's own
 * language, and retries with back-off. So a crash or a slow mail server never loses a mail nor slows
 * down the page.
 */

/** How long a pass holds the mails it took, so another server's pass leaves them alone. */
const LEASE_MS = 5 * 60_000;
/** Sent and skipped mails are removed after this long: we keep no more than we need. */
const KEEP_MS = 30 * 24 * 3600_000;

export interface DeliveryReport {
	/** Mails this pass took. */
	taken: number;
	sent: number;
	/** Not sent on purpose: no address any more, mail turned off, account deleted, or no mail server. */
	skipped: number;
	/** Failed this time, to be tried again later. */
	retrying: number;
	/** Failed for the last time. */
	failed: number;
}

function mailText(
	t: Awaited<ReturnType<typeof loadTranslator>>,
	row: {
		kind: MailKind;
		slug: string;
		number: number;
		comment_id: number | null;
		author_name: string | null;
		author_is_demo: 0 | 1 | null;
	},
	origin: string
) {
	const thread = `${origin}/c/${row.slug}/${row.number}`;
	switch (row.kind) {
		case 'reply': {
			const link = `${thread}#comment-${row.comment_id}`;
			// The replier's name, isolated (FSI/PDI) as on the pages, and marked when it is a demo account.
			const name = row.author_name === null ? null : isolate(row.author_name);
			return {
				subject: t('thread:mail.replySubject'),
				text:
					name === null
						? t('thread:mail.replyBody', { link })
						: t('thread:mail.replyBodyFrom', {
								link,
								name: row.author_is_demo === 1 ? t('thread:mail.demoName', { name }) : name
							})
			};
		}
		case 'summary':
			return {
				subject: t('summary:mail.summarySubject'),
				text: t('summary:mail.summaryBody', { link: `${thread}#summary` })
			};
		case 'response':
			return {
				subject: t('summary:mail.answerSubject'),
				text: t('summary:mail.answerBody', { link: `${thread}#answer` })
			};
		case 'revision':
			return {
				subject: t('revisions:mail.subject'),
				text: t('revisions:mail.body', { link: `${thread}#text-changed` })
			};
	}
}

/**
 * Sends the mails that are due, at most `batch`, in three queries (plus one per failure). Safe to run
 * on several servers at once: a pass first takes its mails with one update, so no mail is taken twice.
 * Links start with `origin`.
 */
export async function deliverMail(
	db: DB,
	mailer: Mailer,
	options: { origin: string; now?: Date; batch?: number }
): Promise<DeliveryReport> {
	const now = options.now ?? new Date();
	const iso = now.toISOString();
	const report: DeliveryReport = { taken: 0, sent: 0, skipped: 0, retrying: 0, failed: 0 };
	const taken = await repository.takeDue(db, {
		now: iso,
		leaseUntil: new Date(now.getTime() + LEASE_MS).toISOString(),
		batch: options.batch ?? 50
	});
	if (taken.length === 0) {
		await repository.prune(db, new Date(now.getTime() - KEEP_MS).toISOString());
		return report;
	}
	report.taken = taken.length;

	const rows = await repository.listTaken(db, taken);

	const sent: number[] = [];
	const skipped: number[] = [];
	const failures: { id: number; attempts: number; error: string }[] = [];
	for (const row of rows) {
		// Read now, not when queued: someone who turned mail off or left in between gets nothing.
		if (!mailer.available || !row.email || row.email_notifications !== 1 || row.deleted_at) {
			skipped.push(row.id);
			continue;
		}
		const t = await loadTranslator(isLocale(row.locale) ? row.locale : 'nl');
		try {
			await mailer.send({ to: row.email, ...mailText(t, row, options.origin) });
			sent.push(row.id);
		} catch (e) {
			// Kept short and without the address: the mail server's first line is enough to act on.
			const error = (e instanceof Error ? e.message : String(e))
				.split('\n')[0]
				.replace(new RegExp(row.email.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), '…')
				.slice(0, 200);
			failures.push({ id: row.id, attempts: row.attempts, error });
		}
	}
	if (sent.length) await repository.markSent(db, sent, iso);
	if (skipped.length) await repository.markSkipped(db, skipped);
	for (const f of failures) {
		const last = f.attempts >= MAX_ATTEMPTS;
		await repository.markFailure(db, f.id, {
			final: last,
			nextAttemptAt: new Date(now.getTime() + retryDelay(f.attempts)).toISOString(),
			error: f.error
		});
		if (last) {
			// Given up: someone should look at the mail server. The log names the mail, not the person.
			logError(new Error(`mail given up after ${f.attempts} tries: ${f.error}`), { what: 'mail outbox', mail: f.id });
			report.failed++;
		} else report.retrying++;
	}
	report.sent = sent.length;
	report.skipped = skipped.length;
	return report;
}
