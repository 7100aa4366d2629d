import { createHash } from 'node:crypto';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

/** A session token as the Lucia guide makes it: 20 random bytes, base32. Only its hash is stored. */
export function generateSessionToken(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

/**
 * sha256 of a token, hex: what the database stores instead of the token. Node's own sha256 (OpenSSL),
 * since every logged-in request hashes its session token: the JavaScript one cost about 1 % of a page.
 */
export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

// No 0/O, 1/I/L: codes are read aloud, typed on phones and printed on cards.
const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A code people can read and type: `length` characters from a 31-letter alphabet, without bias. */
export function generateHumanCode(length: number): string {
	let out = '';
	while (out.length < length) {
		const bytes = new Uint8Array(length * 2);
		crypto.getRandomValues(bytes);
		for (const b of bytes) {
			// 248 = 8 × 31: values above it would favour the first letters.
			if (b < 248 && out.length < length) out += alphabet[b % alphabet.length];
		}
	}
	return out;
}

/** What someone typed, as we store codes: upper case, without spaces or dashes. */
export function normaliseCode(typed: string): string {
	return typed
		.normalize('NFKC')
		.toUpperCase()
		.replace(/[^A-Z0-9]/g, '');
}

/** ABCD-EFGH: easier to read aloud and copy. */
export function formatCode(code: string): string {
	return code.replace(/(.{4})(?=.)/g, '$1-');
}
