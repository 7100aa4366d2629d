/**
 * A theme's Roman numeral as it is shown: in capitals (III), made with the language-neutral
 * toUpperCase, never toLocaleUpperCase. Numerals are not words: with Turkish rules a small i becomes a
 * dotted İ, and "Konu iii" in capitals would read "KONU İİİ". Capital I stays I in every language, so
 * the numeral survives a page's `text-transform: uppercase` too.
 */
export function romanNumeral(numeral: string): string {
	return numeral.toUpperCase();
}
