import type { TFunction } from 'i18next';
import type { Locale } from '$lib/i18n/locales';
import type { Actor } from '$lib/server/auth/actor';
import type { AuthLimits } from '$lib/server/auth/limits';
import type { Session } from '$lib/server/auth/session';
import type { DB } from '$lib/server/db';
import type { Mailer } from '$lib/server/mail';
import type { Outbox } from '$lib/server/outbox/scheduler';
import type { Translator } from '$lib/server/translations/machine/scheduler';

declare global {
	namespace App {
		interface Error {
			/** An i18n key (see +error.svelte); params fill its placeholders. */
			message: string;
			params?: Record<string, string | number>;
			/** Shown to the person so support can find the log line; set for unexpected errors only. */
			id?: string;
		}
		interface Locals {
			locale: Locale;
			db: DB;
			/** The person logged in, or null. Always set, so pages never read an undefined user. */
			user: Actor | null;
			session: Session | null;
			limits: AuthLimits;
			mailer: Mailer;
			/** Mail queued by a service goes out in the background; kick it after queueing. */
			outbox: Outbox;
			/**
			 * Machine translations queued by a service are made in the background: kick it after queueing.
			 * Null when machine translation is off (no TRANSLATE_URL).
			 */
			translator: Translator | null;
		}
		interface PageData {
			locale?: Locale;
			dir?: 'ltr' | 'rtl';
			t?: TFunction;
		}
	}
}

export {};
