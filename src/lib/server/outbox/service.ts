import { sql } from 'kysely';
import { isLocale } from '../../i18n/locales';
import { loadTranslator } from '../../i18n/translator';
import { isPostgres, type DB } from '../db/create';
import type { MailKind } from '../db/types';
import { logError } from '../log';
import type { Mailer } from '../mail';

/*
 * Mail goes through an outbox. The services that notify people (a reply, a published summary, a
 * policy answer) also queue a mail (./queue), in the same transaction, for those who gave an address
 * and asked for mail. A background pass (./scheduler) sends what is due, each in the person's own
 * language, and retries with back-off. So a crash or a slow mail server never loses a mail nor slows
 * down the page.
 */

/** After this many failed tries a mail is given up as "failed". */
export const MAX_ATTEMPTS = 6;
/** How long a pass holds the mails it took, so another server's pass leaves them alone. */
const LEASE_MS = 5 * 60_000;
/** Sent and skipped mails are removed after this long: we keep no more than we need. */
const KEEP_MS = 30 * 24 * 3600_000;

/** Waits 1, 4, 16 and 64 minutes, then 4 hours and more, capped at 6 hours. */
export function retryDelay(attempts: number): number {
	return Math.min(60_000 * 4 ** Math.max(0, attempts - 1), 6 * 3600_000);
}

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
	row: { kind: MailKind; slug: string; number: number; comment_id: number | null },
	origin: string
) {
	const thread = `${origin}/c/${row.slug}/${row.number}`;
	switch (row.kind) {
		case 'reply':
			return {
				subject: t('thread:mail.replySubject'),
				text: t('thread:mail.replyBody', { link: `${thread}#comment-${row.comment_id}` })
			};
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
	// Take what is due in one statement, so no mail is taken twice. On PostgreSQL, SKIP LOCKED lets a pass
	// on another server take the next mails instead of waiting for these; SQLite writes one at a time.
	const due = db
		.selectFrom('mail_outbox')
		.select('id')
		// A literal, so the partial index mail_outbox_due_idx can serve it.
		.where('status', '=', sql.lit('pending'))
		.where('next_attempt_at', '<=', iso)
		.orderBy('next_attempt_at')
		.orderBy('id')
		.limit(options.batch ?? 50);
	const taken = await db
		.updateTable('mail_outbox')
		.set((eb) => ({
			attempts: eb('attempts', '+', 1),
			next_attempt_at: new Date(now.getTime() + LEASE_MS).toISOString()
		}))
		.where('id', 'in', isPostgres(db) ? due.forUpdate().skipLocked() : due)
		.where('status', '=', sql.lit('pending'))
		.where('next_attempt_at', '<=', iso)
		.returning('id')
		.execute();
	if (taken.length === 0) {
		await prune(db, now);
		return report;
	}
	report.taken = taken.length;

	const rows = await db
		.selectFrom('mail_outbox as o')
		.innerJoin('users as u', 'u.id', 'o.user_id')
		.innerJoin('recommendations as r', 'r.id', 'o.recommendation_id')
		.innerJoin('consultations as k', 'k.id', 'r.consultation_id')
		.select([
			'o.id',
			'o.kind',
			'o.comment_id',
			'o.attempts',
			'u.email',
			'u.email_notifications',
			'u.deleted_at',
			'u.locale',
			'r.number',
			'k.slug'
		])
		.where(
			'o.id',
			'in',
			taken.map((r) => r.id)
		)
		.orderBy('o.id')
		.execute();

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
	if (sent.length) {
		await db.updateTable('mail_outbox').set({ status: 'sent', sent_at: iso }).where('id', 'in', sent).execute();
	}
	if (skipped.length) {
		await db.updateTable('mail_outbox').set({ status: 'skipped' }).where('id', 'in', skipped).execute();
	}
	for (const f of failures) {
		const last = f.attempts >= MAX_ATTEMPTS;
		await db
			.updateTable('mail_outbox')
			.set({
				status: last ? 'failed' : 'pending',
				next_attempt_at: new Date(now.getTime() + retryDelay(f.attempts)).toISOString(),
				last_error: f.error
			})
			.where('id', '=', f.id)
			.execute();
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

/** Removes sent, skipped and failed mails older than 30 days. */
async function prune(db: DB, now: Date) {
	await db
		.deleteFrom('mail_outbox')
		.where('created_at', '<', new Date(now.getTime() - KEEP_MS).toISOString())
		.where('status', '!=', 'pending')
		.execute();
}
