import type { ParamMatcher } from '@sveltejs/kit';

/** A short positive whole number, as in /c/gekleurde-armoede/3. */
export const match: ParamMatcher = (param) => /^[1-9]\d{0,5}$/.test(param);
