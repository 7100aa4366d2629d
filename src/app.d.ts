import type { TFunction } from 'i18next';
import type { Locale } from '$lib/i18n/locales';
import type { DB } from '$lib/server/db';

declare global {
	namespace App {
		interface Error {
			message: string;
			/** Shown to the person so support can find the log line; set for unexpected errors only. */
			id?: string;
		}
		interface Locals {
			locale: Locale;
			db: DB;
		}
		interface PageData {
			locale?: Locale;
			dir?: 'ltr' | 'rtl';
			t?: TFunction;
		}
	}
}

export {};
