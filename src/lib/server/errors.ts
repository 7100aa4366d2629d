import type { Issue } from '../forms';
/**
 * An expected failure. The code is an i18n key (namespace:key), so the person sees it in their language;
 * params fill its placeholders.
 */
export class DomainError extends Error {
	constructor(
		public readonly code: string,
		public readonly status: 400 | 401 | 403 | 404 | 409 | 429 = 400,
		public readonly params: Record<string, string | number> = {}
	) {
		super(code);
		this.name = 'DomainError';
	}
}

/** One problem with one field of a form: an i18n key and its placeholders (shared with the pages). */
export type { Issue };
export type FieldIssues = Record<string, Issue>;

/** Bad input in one or more fields. Routes show each issue next to its field and in the error summary. */
export class ValidationError extends DomainError {
	constructor(public readonly issues: FieldIssues) {
		super('common:error.validation', 400);
		this.name = 'ValidationError';
	}
}

export const notFound = (what: string) => new DomainError(`common:error.notFound.${what}`, 404);
export const forbidden = () => new DomainError('common:error.forbidden', 403);
export const loginRequired = () => new DomainError('common:error.loginRequired', 401);

/** Collects field issues and throws them together, so a form shows every problem at once. */
export class IssueCollector {
	readonly issues: FieldIssues = {};
	add(field: string, code: string, params?: Issue['params']): void {
		this.issues[field] ??= { code, params };
	}
	/** `value` when it is one of `allowed`; otherwise an issue on `field` with `code`, and null. */
	oneOf<T extends string>(
		field: string,
		value: string | null | undefined,
		allowed: readonly T[],
		code: string
	): T | null {
		if (allowed.includes(value as T)) return value as T;
		this.add(field, code);
		return null;
	}
	/**
	 * Whether `text` has at most `max` characters, counted as people count them (not UTF-16 units);
	 * otherwise an issue on `field` with `code` and { max }.
	 */
	atMost(field: string, text: string, max: number, code: string): boolean {
		if ([...text].length <= max) return true;
		this.add(field, code, { max });
		return false;
	}
	has(field?: string): boolean {
		return field ? field in this.issues : Object.keys(this.issues).length > 0;
	}
	throwIfAny(): void {
		if (this.has()) throw new ValidationError(this.issues);
	}
}
