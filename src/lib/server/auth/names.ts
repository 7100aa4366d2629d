/*
 * Display names (pseudonyms). People may write them in any script, but not in ways that deceive:
 * no markup, no invisible or direction-changing characters, and nothing that looks like staff.
 */

import { removeInvisible } from '../../text/clean';

export const NAME_MIN = 2;
export const NAME_MAX = 40;
/** The numbers the name messages quote (auth:name.tooLong says "at most {{max}}"). */
export const nameLimits = { min: NAME_MIN, max: NAME_MAX };

export type NameProblem = 'empty' | 'tooShort' | 'tooLong' | 'characters' | 'imitatesStaff';

/** The name as we store and show it: Unicode NFKC, single spaces, trimmed. */
export function normaliseDisplayName(raw: string): string {
	return raw.normalize('NFKC').replace(/\s+/gu, ' ').trim();
}

// Letters and marks of any script, digits, spaces and a few harmless signs. Everything else (markup,
// control characters, bidi overrides, zero-width characters, emoji) is refused.
const allowed = /^[\p{L}\p{M}\p{Nd} .'’_-]+$/u;

const lookAlikes: Record<string, string> = {
	'0': 'o',
	'1': 'l',
	'3': 'e',
	'4': 'a',
	'5': 's',
	'7': 't',
	'8': 'b',
	'9': 'g'
};

/**
 * The name folded for comparison: no accents, lower case, look-alike digits mapped to letters, only
 * letters and digits kept. "Fátima B." and "fatima b" share a key, and so do "Adm1n" and "admin".
 */
export function displayNameKey(name: string): string {
	return normaliseDisplayName(name)
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLocaleLowerCase('en')
		.replace(/[0-9]/g, (d) => lookAlikes[d] ?? d)
		.replace(/[^\p{L}\p{Nd}]/gu, '');
}

// Words that make a name look like the platform's own staff, in our five languages.
const staffWords = [
	'admin',
	'administrator',
	'administrateur',
	'beheer',
	'moderator',
	'moderateur',
	'moderatie',
	'moderation',
	'moderatör',
	'moderator',
	'samenspraak',
	'staff',
	'support',
	'helpdesk',
	'official',
	'officieel',
	'officiel',
	'overheid',
	'policy',
	'beleid',
	'system',
	'systeem',
	'yonetici',
	'yetkili',
	'مشرف',
	'مدير',
	'الإدارة',
	'ادارة'
].map((word) => staffFold(displayNameKey(word)));

// "1", "l" and "i" look alike in many fonts, so the staff check treats them as one letter.
function staffFold(key: string): string {
	return key.replace(/[l1]/g, 'i');
}

export function imitatesStaff(name: string): boolean {
	const key = staffFold(displayNameKey(name));
	return staffWords.some((word) => word.length > 0 && key.includes(word));
}

/** What is wrong with a name (already normalised), or null. */
export function displayNameProblem(name: string): NameProblem | null {
	if (name.length === 0) return 'empty';
	// Invisible letters (a Hangul filler), combining joiners and variation selectors pass `allowed` as
	// letters and marks, and would let a name look empty or like someone else's.
	if (!allowed.test(name) || removeInvisible(name) !== name) return 'characters';
	const letters = displayNameKey(name);
	if ([...name].length > NAME_MAX) return 'tooLong';
	if ([...letters].length < NAME_MIN) return 'tooShort';
	if (imitatesStaff(name)) return 'imitatesStaff';
	return null;
}
