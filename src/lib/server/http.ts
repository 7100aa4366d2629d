import { error } from '@sveltejs/kit';
import { DomainError } from './errors';

/**
 * For routes: runs a service call and turns an expected DomainError into an HTTP error page whose message
 * is the error's i18n key. Anything else is unexpected and reaches handleError.
 */
export async function orErrorPage<T>(work: Promise<T>): Promise<T> {
	try {
		return await work;
	} catch (e) {
		if (e instanceof DomainError) error(e.status, e.code);
		throw e;
	}
}
