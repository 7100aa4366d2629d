import type { Transaction } from 'kysely';
import { config, type TranslateConfig } from '../config';
import type { DB } from '../db/create';
import type { Database } from '../db/types';
import { queueMachineTranslation } from './machine/service';
import { consultationLanguage, loadSources } from './repository';

/**
 * Staff read every comment in the consultation's language. When a comment is published (posted where
 * everyone sees it, approved, restored or edited by a moderator), its machine translation into that
 * language is queued if it is written in another one. Nothing when machine translation is off, when
 * the comment is not published, or when a person's or a current translation exists. Run it in the
 * publishing transaction (or right after); kick `locals.translator` afterwards. Returns the jobs queued.
 */
export async function queueForStaff(
	db: DB | Transaction<Database>,
	commentId: number,
	now: string,
	settings: TranslateConfig | null = config().translate
): Promise<number> {
	if (!settings) return 0;
	const [source] = await loadSources(db, [{ itemType: 'comment', itemId: commentId, field: 'body' }]);
	const language = source && (await consultationLanguage(db, source.consultationId));
	if (!source || !language || language === source.language) return 0;
	return queueMachineTranslation(db, { source, languages: [language], now }, settings);
}
