import { error, fail, redirect, type Cookies, type RequestEvent } from '@sveltejs/kit';
import Negotiator from 'negotiator';
import type { Actor } from './auth/actor';
import type { Issue } from './errors';
import { DomainError, ValidationError } from './errors';

/*
 * Helpers for the route layer only: they translate between HTTP and services. Services never import
 * @sveltejs/kit; routes never touch the database.
 */

/**
 * Runs a service call for a page load and turns an expected DomainError into an HTTP error page whose
 * message is the error's i18n key. Anything else is unexpected and reaches handleError.
 */
export async function orErrorPage<T>(work: Promise<T>): Promise<T> {
	try {
		return await work;
	} catch (e) {
		if (e instanceof DomainError)
			error(e.status, Object.keys(e.params).length ? { message: e.code, params: e.params } : { message: e.code });
		throw e;
	}
}

/**
 * Whether a request is a browser opening an address (a link, a download), which asks for HTML before
 * JSON; fetch() and scripts do not. SvelteKit makes the same choice when it answers an endpoint's error
 * with JSON or with its bare fallback page, in which an error's i18n key would show untranslated.
 */
export function wantsPage(request: Request): boolean {
	const accept = request.headers.get('accept') ?? 'text/html';
	return new Negotiator({ headers: { accept } }).mediaType(['application/json', 'text/html']) === 'text/html';
}

/** What a failed form action returns: which form, what was typed (never a password), and what is wrong. */
export interface FormFailure {
	form: string;
	values: Record<string, string>;
	issues: Record<string, Issue>;
	/** A problem with the whole form rather than one field, such as too many attempts. */
	problem?: Issue;
}

/** Text fields from a form, trimmed of nothing: what the person typed comes back exactly. */
export function formValues<const K extends string>(data: FormData, names: readonly K[]): Record<K, string> {
	return Object.fromEntries(
		names.map((n) => [n, typeof data.get(n) === 'string' ? (data.get(n) as string) : ''])
	) as Record<K, string>;
}

/**
 * What a "Check my text" button returns (issue 15): the form as typed, saved nowhere, marked `advised`
 * so the page says it is not saved; the page shows the writing check's advice on the values.
 */
export function advised(form: string, values: Record<string, string>) {
	return { form, values, issues: {} as Record<string, Issue>, advised: true as const };
}

/** A form action that only checks the writing of the fields `names` (see advised): it calls no service. */
export function adviseOnly(form: string, names: readonly string[]) {
	return async ({ request }: RequestEvent) => advised(form, formValues(await request.formData(), names));
}

/** A failed form with no field issues, for a request that makes no sense (a tampered button value). */
export function badForm(form: string, status: 400 | 401 = 400) {
	return fail(status, {
		form,
		values: {} as Record<string, string>,
		issues: {} as Record<string, Issue>
	} satisfies FormFailure);
}

/** Turns an expected failure of a form's service call into fail(); rethrows the unexpected. */
export function formFailure(form: string, values: Record<string, string>, e: unknown) {
	if (e instanceof ValidationError) return fail(400, { form, values, issues: e.issues } satisfies FormFailure);
	if (e instanceof DomainError) {
		return fail(e.status, {
			form,
			values,
			issues: {},
			problem: { code: e.code, params: e.params }
		} satisfies FormFailure);
	}
	throw e;
}

/**
 * A form action that keeps no fields: it runs `work` with the posted form, shows an expected error on
 * the form named `form`, and otherwise sends the person on to `to` with a 303, so a reload never posts
 * twice.
 */
export function postThenGo<E extends RequestEvent>(
	form: string,
	work: (data: FormData, event: E) => Promise<unknown>,
	to: (event: E) => string
) {
	return async (event: E) => {
		const data = await event.request.formData();
		try {
			await work(data, event);
		} catch (e) {
			return formFailure(form, {}, e);
		}
		redirect(303, to(event));
	};
}

export const SESSION_COOKIE = 'session';

/**
 * The session cookie, spelled out: httpOnly, sameSite=lax, path=/, expiring with the session. SvelteKit
 * makes it `secure` everywhere except on http://localhost.
 */
export function setSessionCookie(cookies: Cookies, token: string, expiresAt: Date): void {
	cookies.set(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', path: '/', expires: expiresAt });
}

export function deleteSessionCookie(cookies: Cookies): void {
	cookies.delete(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', path: '/' });
}

/** Longer targets are not ours: no page of the app has an address anywhere near this long. */
const REDIRECT_MAX = 2000;

/**
 * A place on this site to return to after logging in, as path + query + hash, percent-encoded the way
 * the URL standard serialises them (so it is plain ASCII, safe in a Location header); `fallback` for
 * anything else. The target is parsed the way a browser would resolve it against `appOrigin`, so the
 * tricks that fool string checks (a tab or newline the parser drops, `/\`, `\\`, user-info, `/.//`)
 * are judged by where they would really lead. Never throws.
 */
export function safeRedirect(target: string | null | undefined, appOrigin: string, fallback = '/'): string {
	if (!target || target.length > REDIRECT_MAX) return fallback;
	let url: URL;
	let origin: string;
	try {
		url = new URL(target, appOrigin);
		origin = new URL(appOrigin).origin;
	} catch {
		return fallback;
	}
	if (url.origin !== origin) return fallback;
	const local = url.pathname + url.search + url.hash;
	// A path that starts with two slashes would be read as another host (`/.//evil.example` resolves to
	// the path `//evil.example`).
	if (!local.startsWith('/') || local.startsWith('//')) return fallback;
	return local;
}

/**
 * The login page's address that brings the person back to `url` afterwards: its path and query (a
 * filtered list stays filtered), without a form action's name (`?/vote`, which only a POST can use),
 * and at `anchor` on that page when one is given. The login page checks it with safeRedirect.
 */
export function loginAddress(url: URL, anchor?: string): string {
	const back = `${samePage(url)}${anchor ? `#${anchor}` : ''}`;
	return `/login?redirectTo=${encodeURIComponent(back)}`;
}

/**
 * This page's path and query, without a form action's name (`?/save`: SvelteKit's form actions put it in
 * the query, and only a POST can use it, so an address that kept it would read `?%2Fsave=`), with `set`
 * added or replaced: where a form sends the person back to after a 303, e.g. `?saved=published`.
 */
export function samePage(url: URL, set: Record<string, string> = {}): string {
	const query = new URLSearchParams([...url.searchParams].filter(([name]) => !name.startsWith('/')));
	for (const [name, value] of Object.entries(set)) query.set(name, value);
	return `${url.pathname}${query.size ? `?${query}` : ''}`;
}

/**
 * The person logged in; a logged-out person is sent to log in (303) and brought back here, at `anchor`
 * when given (see loginAddress). Whether they may then do what they asked is for the service to say.
 */
export function requireLogin(locals: App.Locals, url: URL, options: { anchor?: string } = {}): Actor {
	if (!locals.user) redirect(303, loginAddress(url, options.anchor));
	return locals.user;
}

/** The context auth services need about the request: the database, rate limits and the client address. */
export function requestContext(event: RequestEvent) {
	return { db: event.locals.db, limits: event.locals.limits, address: event.getClientAddress() };
}

/**
 * A form that starts a session (join, login, reset): the service gets the request's context, the form's
 * text fields and the password; on success the session cookie is set and the person goes on to `next`,
 * otherwise the form comes back with what was typed (never the password).
 */
export async function sessionFormAction<
	const K extends string,
	R extends { token: string; session: { expiresAt: Date } }
>(
	event: RequestEvent,
	form: { name: string; fields: readonly K[] },
	start: (context: ReturnType<typeof requestContext>, values: Record<K, string>, password: string) => Promise<R>,
	next: (result: R, values: Record<K, string>) => string
) {
	const data = await event.request.formData();
	const values = formValues(data, form.fields);
	let result: R;
	try {
		result = await start(requestContext(event), values, String(data.get('password') ?? ''));
	} catch (e) {
		return formFailure(form.name, values, e);
	}
	setSessionCookie(event.cookies, result.token, result.session.expiresAt);
	redirect(303, next(result, values));
}
