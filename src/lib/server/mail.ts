import nodemailer from 'nodemailer';
import type { Config } from './config';
import { log } from './log';

export interface Mailer {
	/** Whether mail can reach people at all (SMTP configured, or development logging). */
	readonly available: boolean;
	send(message: { to: string; subject: string; text: string }): Promise<void>;
}

/**
 * Mail over SMTP when SMTP_URL is set. Without it, in development only, messages go to the server log
 * so a developer can follow a reset link; in production nothing is sent and the pages say so.
 */
export function createMailer(settings: Pick<Config, 'smtp' | 'mode'>): Mailer {
	if (settings.smtp) {
		const transport = nodemailer.createTransport(settings.smtp.url);
		const from = settings.smtp.from;
		return { available: true, send: async (m) => void (await transport.sendMail({ from, ...m })) };
	}
	if (settings.mode === 'development') {
		return {
			available: true,
			send: async (m) =>
				log('info', 'mail not sent (development, no SMTP)', { to: m.to, subject: m.subject, text: m.text })
		};
	}
	return { available: false, send: async () => undefined };
}
