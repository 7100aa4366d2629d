/**
 * An expected failure. The code is an i18n key (namespace:key), so the person sees it in their language.
 */
export class DomainError extends Error {
	constructor(
		public readonly code: string,
		public readonly status: 400 | 403 | 404 | 409 | 429 = 400
	) {
		super(code);
		this.name = 'DomainError';
	}
}

export const notFound = (what: string) => new DomainError(`common:error.notFound.${what}`, 404);
