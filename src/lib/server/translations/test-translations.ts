import type { DB } from '../db/create';
import { loadSources, save, type SourceText, type TextRef, type TranslationWrite } from './repository';

/**
 * For tests: saves a translation of a text into a language, through the repository as the services do.
 * Only what a test names is set; the rest is a machine's translation, unchecked, made now. A source
 * given as a TextRef is looked up first.
 */
export async function saveTranslation(
	db: DB,
	translation: { source: SourceText | TextRef; language: string; text: string } & Partial<
		Omit<TranslationWrite, 'source' | 'language' | 'text'>
	>
): Promise<number> {
	const given = translation.source;
	const source = 'text' in given ? given : (await loadSources(db, [given]))[0];
	return save(db, {
		origin: 'machine',
		translatedBy: null,
		checkedBy: null,
		now: new Date().toISOString(),
		...translation,
		source
	});
}
