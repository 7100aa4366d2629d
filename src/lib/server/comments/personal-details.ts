import { electronicFormatIBAN, isValidIBAN } from 'ibantools';
import { findPhoneNumbersInText } from 'libphonenumber-js';

/**
 * Obvious personal details in a participant's comment (e-mail addresses, phone numbers, street addresses,
 * bank account numbers (IBAN) and Belgian national register numbers), so that the writer can be warned
 * before publishing and the comment waits for a moderator if they post it anyway.
 * Pure and synchronous; meant for texts of up to a few thousand characters.
 */

export type PersonalDetailKind = 'email' | 'phone' | 'address' | 'iban' | 'national_number';

export interface PersonalDetail {
	kind: PersonalDetailKind;
	/** Offset of the first character in the original text (UTF-16 code units, as `String.prototype.slice`). */
	start: number;
	/** Offset just past the last character, so `text.slice(start, end)` gives the match. */
	end: number;
	/** The matched text as written in the original (Arabic-Indic digits stay as they were). */
	text: string;
}

export const personalDetailKindOrder: readonly PersonalDetailKind[] = [
	'email',
	'phone',
	'address',
	'iban',
	'national_number'
];

/** When two candidates overlap, the one whose kind comes first here is kept. */
const PRIORITY: readonly PersonalDetailKind[] = ['email', 'iban', 'national_number', 'address', 'phone'];

// Pragmatic: a local part, an @, and a domain of one or more labels ending in a top-level domain of letters.
// A handle such as "@jan" has no local part and no dot in its domain, so it is never matched.
const EMAIL =
	/(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?)*\.\p{L}{2,}/gu;

// 11 digits grouped as YY MM DD SSS CC, with at most one separator (dot, dash, slash or a space) between groups.
// Not preceded by a digit or '+', not followed by a digit: it must be a number of its own.
const SEP = '[.\\-/ \\u00A0\\u202F]?';
const NATIONAL_NUMBER = new RegExp(
	`(?<![\\d+])(\\d{2})${SEP}(\\d{2})${SEP}(\\d{2})${SEP}(\\d{3})${SEP}(\\d{2})(?![\\d])`,
	'g'
);

// A phone number as written in Belgium starts with its trunk prefix 0 (or 00 for abroad) or with '+'.
// This rules out amounts ("€ 12 500 000") and year ranges ("2021 - 2027") that libphonenumber-js accepts.
const PHONE_START = /^[(\s]*[+0]/;
// A date with a four-digit year ("12-03-2025", "01.02.2003") is never (part of) a phone number.
const DATE = /(?<![\d./-])\d{1,2}([./-])\d{1,2}\1(?:19|20)\d\d(?!\d)/;
// libphonenumber-js reads ", 0471" or "; 12" after a number as an extension, so in a list the first number
// swallows the start of the second. Commas and semicolons become a neutral separator for the phone scan,
// and so do the e-mail addresses and national numbers already found.
const LIST_SEPARATOR = /[,;]/g;
const NEUTRAL = '|';
// libphonenumber-js drops a whole candidate when more digits follow after a space ("0470 12 34 56 9u-17u",
// "0470 12 34 56 9000 Gent"). Runs of digits and phone punctuation are retried group by group. A run starts
// like a phone number, and not right after a letter, a digit or a digit and a separator: never mid-number.
const RUN = /(?<![\p{L}\p{N}+]|\p{N}[\s./()-])[+(0][\d \u00A0./()-]*\d/gu;
// The longest way to write one phone number ("+32 (0)470 12 34 56" is 19 characters and 6 groups).
const MAX_PHONE_LENGTH = 25;
const MAX_PHONE_GROUPS = 7;
// A bound on the retries in one text, so that a text of nothing but digits stays fast.
const MAX_RETRIES = 64;

/** Arabic-Indic (U+0660–U+0669) and Extended Arabic-Indic (U+06F0–U+06F9) digits to ASCII, one char for one. */
function toAsciiDigits(text: string): string {
	return text.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (d) => {
		const code = d.charCodeAt(0);
		return String.fromCharCode(48 + (code >= 0x06f0 ? code - 0x06f0 : code - 0x0660));
	});
}

/**
 * Whether 11 digits form a valid Belgian national register number: the last two digits are
 * 97 − (the first nine as a number mod 97), computed on "2" followed by the nine digits for people born in
 * 2000 or later. The month may be 0–12, or raised by 20 or 40 in a BIS number; the day 0–31.
 */
function isValidNationalNumber(digits: string): boolean {
	if (!/^\d{11}$/.test(digits)) return false;
	const month = Number(digits.slice(2, 4));
	const day = Number(digits.slice(4, 6));
	if (month % 20 > 12 || month > 52 || day > 31) return false;
	const base = Number(digits.slice(0, 9));
	const check = Number(digits.slice(9));
	return check === 97 - (base % 97) || check === 97 - ((2_000_000_000 + base) % 97);
}

// An IBAN: a country code, two check digits and 11 to 30 letters or digits, written in one piece or in groups
// of four. The candidate is shortened group by group until the checksum holds, so a word after it is not
// taken along ("BE68 5390 0754 7034 DANK").
const IBAN = /(?<![\p{L}\p{N}])[A-Za-z]{2}\d{2}(?:[ \u00A0]?[A-Za-z0-9]{1,4}){3,8}(?![\p{L}\p{N}])/gu;

function ibans(text: string): PersonalDetail[] {
	const found: PersonalDetail[] = [];
	for (const m of text.matchAll(IBAN)) {
		const groups = [...m[0].matchAll(/[A-Za-z0-9]+/g)];
		for (let n = groups.length; n >= 1; n--) {
			const last = groups[n - 1];
			const end = last.index + last[0].length;
			const candidate = electronicFormatIBAN(m[0].slice(0, end)) ?? '';
			if (candidate.length >= 15 && isValidIBAN(candidate)) {
				found.push(detail('iban', text, m.index, m.index + end));
				break;
			}
		}
	}
	return found;
}

// A street address: a street and a house number, as written in Belgium (Dutch and French), in English,
// Turkish and Arabic. A town or a postcode alone is not an address: the house number is what leads to
// someone's door. Street names start with a capital, which keeps "onderweg 3 uur" or "de la place pour 3"
// out. House numbers may carry a letter and a box ("12A", "12 bus 3", "12/3").
const HOUSE = String.raw`\d{1,4}(?:\s?[a-zA-Z](?!\p{L}))?(?:\s*(?:bus|bte|boîte|/)\s*\d{1,4})?(?!\d)`;
/** A word in either case of its first letter: "rue" gives "[Rr]ue". */
const either = (...words: string[]) =>
	`(?:${words.map((w) => `[${w[0].toUpperCase()}${w[0]}]${w.slice(1).replace(/\./g, '\\.')}`).join('|')})`;
const NAME = String.raw`\p{Lu}[\p{L}'’.-]*`;
const NL_SUFFIX = '(?:straat|steenweg|laan|weg|plein|dreef|lei|kaai|kade|singel|dijk|gracht|vest)';
const FR_STREET = either(
	'rue',
	'avenue',
	'av.',
	'chaussée',
	'boulevard',
	'bd',
	'place',
	'quai',
	'chemin',
	'allée',
	'impasse',
	'drève',
	'square'
);
const EN_STREET = either('street', 'st.', 'road', 'rd.', 'avenue', 'lane', 'drive');
const ADDRESSES = [
	// Dutch: "Sint-Pietersnieuwstraat 41", "Kerkstraat 12 bus 3", "Brusselsesteenweg 5A"
	new RegExp(String.raw`(?<!\p{L})${NAME}${NL_SUFFIX}\s+${HOUSE}`, 'gu'),
	// French: "rue de la Loi 16", "avenue Louise 54", and number first: "16, rue de la Loi"
	new RegExp(String.raw`(?<!\p{L})${FR_STREET}\s+(?:[\p{L}'’.-]+\s+){0,4}?${NAME}\s+${HOUSE}`, 'gu'),
	new RegExp(String.raw`(?<![\p{L}\d])\d{1,4}\s*,?\s+${FR_STREET}\s+(?:[\p{Ll}'’]+\s+){0,3}?${NAME}`, 'gu'),
	// English: "12 Main Street"
	new RegExp(String.raw`(?<![\p{L}\d])\d{1,4}\s+(?:${NAME}\s+){1,3}${EN_STREET}(?!\p{L})`, 'gu'),
	// Turkish: "Atatürk Caddesi No: 12", "Gül Sokak No 5", "Çiçek Sok. 7"
	new RegExp(
		String.raw`(?<!\p{L})(?:sokak|sokağı|sok\.|sk\.|caddesi|cadde|cad\.|bulvarı|bulvar)\s*(?:no\s*[:.]?\s*)?${HOUSE}`,
		'giu'
	),
	// Arabic: "شارع الجمهورية رقم 12" (digits already read as ASCII)
	new RegExp(String.raw`شارع\s+(?:\S+\s+){1,4}?(?:رقم\s*)?\d{1,4}(?!\d)`, 'gu')
];

function addresses(normalised: string, text: string): PersonalDetail[] {
	return ADDRESSES.flatMap((re) =>
		[...normalised.matchAll(re)].map((m) => detail('address', text, m.index, m.index + m[0].length))
	);
}

function emails(text: string): PersonalDetail[] {
	return [...text.matchAll(EMAIL)].map((m) => detail('email', text, m.index, m.index + m[0].length));
}

function nationalNumbers(normalised: string, text: string): PersonalDetail[] {
	const found: PersonalDetail[] = [];
	for (const m of normalised.matchAll(NATIONAL_NUMBER)) {
		if (isValidNationalNumber(m.slice(1).join(''))) {
			found.push(detail('national_number', text, m.index, m.index + m[0].length));
		}
	}
	return found;
}

function phones(normalised: string, text: string, taken: PersonalDetail[]): PersonalDetail[] {
	let scan = normalised.replace(LIST_SEPARATOR, NEUTRAL);
	for (const t of taken) scan = scan.slice(0, t.start) + NEUTRAL.repeat(t.end - t.start) + scan.slice(t.end);
	const found = findPhoneNumbersInText(scan, { defaultCountry: 'BE' })
		.filter((m) => isPhone(scan.slice(m.startsAt, m.endsAt)))
		.map((m) => detail('phone', text, m.startsAt, m.endsAt));
	const retries = { left: MAX_RETRIES };
	for (const run of scan.matchAll(RUN)) {
		const groups = [...run[0].matchAll(/\S*\d\S*/g)].map((g) => ({
			start: run.index + g.index,
			end: run.index + g.index + g[0].length
		}));
		// From the start of the run, and on after each phone number found in it; never from the middle.
		let i = 0;
		while (i < groups.length && retries.left > 0) {
			const at = groups[i].start;
			const known = found.find((f) => f.start <= at && at < f.end);
			const end = known ? known.end : longestPhoneFrom(scan, groups.slice(i, i + MAX_PHONE_GROUPS), found, retries);
			if (end === undefined) break;
			if (!known) found.push(detail('phone', text, at, end));
			i = groups.findIndex((g) => g.start >= end);
			if (i < 0) break;
		}
	}
	return found;
}

/** The end of the longest phone number made of the first group and those after it, if there is one. */
function longestPhoneFrom(
	scan: string,
	groups: { start: number; end: number }[],
	found: PersonalDetail[],
	retries: { left: number }
): number | undefined {
	const start = groups[0].start;
	for (const { end } of [...groups].reverse()) {
		const candidate = scan.slice(start, end);
		const digits = candidate.replace(/\D/g, '').length;
		if (end - start > MAX_PHONE_LENGTH || digits < 8 || digits > 17 || !isPhone(candidate)) continue;
		if (found.some((f) => start < f.end && f.start < end)) continue;
		if (retries.left-- <= 0) return undefined;
		if (isWholePhone(candidate)) return end;
	}
	return undefined;
}

/** Whether libphonenumber-js reads the candidate, on its own, as exactly one valid phone number. */
function isWholePhone(candidate: string): boolean {
	const [match] = findPhoneNumbersInText(candidate, { defaultCountry: 'BE' });
	return match?.startsAt === 0 && match.endsAt === candidate.length;
}

function isPhone(written: string): boolean {
	return PHONE_START.test(written) && !DATE.test(written);
}

function detail(kind: PersonalDetailKind, text: string, start: number, end: number): PersonalDetail {
	return { kind, start, end, text: text.slice(start, end) };
}

/** Obvious personal details in a text, in order of appearance, without overlaps. */
export function findPersonalDetails(text: string): PersonalDetail[] {
	// One char for one, so every offset found in the normalised text is an offset in the original.
	const normalised = toAsciiDigits(text);
	const taken = [...emails(text), ...ibans(normalised), ...nationalNumbers(normalised, text)];
	const candidates = [...taken, ...addresses(normalised, text), ...phones(normalised, text, taken)];
	candidates.sort((a, b) => PRIORITY.indexOf(a.kind) - PRIORITY.indexOf(b.kind) || a.start - b.start);
	const kept: PersonalDetail[] = [];
	for (const c of candidates) {
		if (!kept.some((k) => c.start < k.end && k.start < c.end)) kept.push(c);
	}
	return kept.sort((a, b) => a.start - b.start);
}

/** The distinct kinds found, in a fixed order (email, phone, address, iban, national_number). */
export function personalDetailKinds(text: string): PersonalDetailKind[] {
	const found = new Set(findPersonalDetails(text).map((d) => d.kind));
	return personalDetailKindOrder.filter((k) => found.has(k));
}
