import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { textDirection } from '$lib/i18n/locales';
import { chooseEncoding, compressResponse } from '$lib/server/compress';
import { config } from '$lib/server/config';
import { createAuthLimits } from '$lib/server/auth/limits';
import { validateSessionToken } from '$lib/server/auth/session';
import { closeDb, getDb } from '$lib/server/db';
import { deleteSessionCookie, SESSION_COOKIE, setSessionCookie } from '$lib/server/http';
import { createMailer } from '$lib/server/mail';
import { startOutbox } from '$lib/server/outbox/scheduler';
import { isCacheableRequest, PageCache } from '$lib/server/page-cache';
import { negotiateLocale } from '$lib/server/i18n/negotiate';
import { log, logError } from '$lib/server/log';
import { handleRequestLog } from '$lib/server/request-log';
import { prepareDatabase } from '$lib/server/seed/startup';
import { libreTranslate } from '$lib/server/translations/machine/engine';
import { startTranslator } from '$lib/server/translations/machine/scheduler';

const LANG_COOKIE = 'lang';

/** At start: validate the environment, migrate, and load the demo into an empty database. */
export const init: ServerInit = async () => {
	const settings = config();
	const { migrations, seeded, demoAccounts } = await prepareDatabase(getDb(), {
		demoData: settings.demoData,
		demoAccounts: settings.mode !== 'production'
	});
	for (const line of migrations) log('info', 'migration', { result: line });
	if (seeded) log('info', 'demo consultation loaded', { ...seeded });
	if (demoAccounts) log('info', 'demo accounts created (see the README; never in production mode)', { demoAccounts });
	const proxy = settings.clientAddress;
	if (proxy) {
		const depth = proxy.xffDepth ? `, XFF_DEPTH ${proxy.xffDepth}` : '';
		log('info', `rate limits count the client address in ${proxy.header}${depth} (only safe behind a proxy)`);
	}
};

let services: (Pick<App.Locals, 'limits' | 'mailer' | 'outbox' | 'translator'> & { pages: PageCache }) | undefined;

/**
 * A graceful stop. On SIGTERM or SIGINT adapter-node stops taking requests and lets those under way
 * finish (at most SHUTDOWN_TIMEOUT seconds); then it emits `sveltekit:shutdown`. Here the background
 * passes stop, a pass that is running (sending mail, translating) finishes, and the database closes,
 * so the process ends by itself. A job a killed process had taken goes back to the queue when its
 * lease ends (see work-queue.ts).
 */
async function stopServices(reason: string): Promise<void> {
	const running = services;
	services = undefined;
	running?.outbox.stop();
	running?.translator?.stop();
	await Promise.all([running?.outbox.idle(), running?.translator?.idle()]);
	await closeDb();
	log('info', 'stopped', { reason });
}
process.once('sveltekit:shutdown', (reason: unknown) => {
	stopServices(String(reason)).catch((e) => logError(e, { what: 'graceful stop' }));
});

const handleServices: Handle = ({ event, resolve }) => {
	const settings = config();
	if (!services) {
		const mailer = createMailer(settings);
		services = {
			limits: createAuthLimits({ db: getDb(), secret: settings.rateLimitSecret }, settings.limits),
			mailer,
			// Links in mails start with ORIGIN, or else with the address this first request came to.
			outbox: startOutbox(getDb(), mailer, {
				origin: settings.origin ?? event.url.origin,
				intervalMs: settings.outboxSeconds * 1000
			}),
			// Machine translation only with a LibreTranslate server (TRANSLATE_URL); off by default.
			translator: settings.translate
				? startTranslator(getDb(), libreTranslate(settings.translate), {
						dailyCharacters: settings.translate.dailyCharacters
					})
				: null,
			pages: new PageCache(settings.pageCacheSeconds * 1000)
		};
		// Mail and translations queued before a restart go out now.
		services.outbox.kick();
		services.translator?.kick();
	}
	event.locals.db = getDb();
	event.locals.limits = services.limits;
	event.locals.mailer = services.mailer;
	event.locals.outbox = services.outbox;
	event.locals.translator = services.translator;
	return resolve(event);
};

/** Who is logged in: the session cookie's token, checked against the hash in the database. */
const handleSession: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.session = null;
	const token = event.cookies.get(SESSION_COOKIE);
	if (!token) return resolve(event);
	const { session, actor } = await validateSessionToken(event.locals.db, token);
	if (session) {
		setSessionCookie(event.cookies, token, session.expiresAt);
		event.locals.user = actor;
		event.locals.session = session;
	} else {
		// Expired, forged or ended elsewhere: forget it and carry on logged out.
		deleteSessionCookie(event.cookies);
	}
	return resolve(event);
};

/** Chooses the interface language and writes `<html lang dir>` into the page. */
const handleLocale: Handle = async ({ event, resolve }) => {
	const query = event.url.searchParams.get('lang');
	const cookie = event.cookies.get(LANG_COOKIE);
	const locale = negotiateLocale({
		query,
		cookie,
		profile: event.locals.user?.locale,
		acceptLanguage: event.request.headers.get('accept-language')
	});
	event.locals.locale = locale;

	// A language chosen by link (?lang=) is remembered, so the next page stays in it.
	if (query && query.trim().toLowerCase() === locale && cookie !== locale) {
		event.cookies.set(LANG_COOKIE, locale, {
			path: '/',
			maxAge: 60 * 60 * 24 * 365,
			sameSite: 'lax',
			httpOnly: true
		});
	}

	const response = await resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', locale).replace('%dir%', textDirection(locale))
	});
	response.headers.append('vary', 'Accept-Language, Cookie');
	return response;
};

const handleSecurityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('x-content-type-options', 'nosniff');
	response.headers.set('referrer-policy', 'same-origin');
	response.headers.set('permissions-policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
	return response;
};

/** Logged-out readers of public pages share one rendering for a few seconds (see PageCache). */
const handlePageCache: Handle = async ({ event, resolve }) => {
	const pages = services!.pages;
	const cacheable =
		pages.enabled &&
		isCacheableRequest({
			method: event.request.method,
			url: event.url,
			hasSession: event.locals.session !== null || event.cookies.get(SESSION_COOKIE) !== undefined,
			isDataRequest: event.isDataRequest
		});
	if (!cacheable) return resolve(event);
	// Kept as sent: compressed once per encoding, so a hit costs no compression (handleCompression leaves
	// an encoded answer alone).
	const encoding = chooseEncoding(event.request.headers.get('accept-encoding')) ?? 'identity';
	const key = `${event.locals.locale}|${encoding}|${event.url.pathname}`;
	const hit = pages.get(key);
	if (hit)
		return new Response(hit.body.slice(), { status: hit.status, headers: [...hit.headers, ['x-page-cache', 'hit']] });
	const response = compressResponse(event.request, await resolve(event));
	if (
		response.status !== 200 ||
		!response.headers.get('content-type')?.startsWith('text/html') ||
		response.headers.has('set-cookie')
	) {
		return response;
	}
	const body = new Uint8Array(await response.arrayBuffer());
	const headers = [...response.headers.entries()];
	pages.set(key, { status: response.status, headers, body });
	return new Response(body.slice(), { status: response.status, headers });
};

/**
 * Pages and JSON go out compressed (brotli or gzip) to clients that accept it: the thread page is about
 * 51 KB of HTML, a lot on a slow phone connection (see docs/benchmark.md). Just inside the request log,
 * so it compresses what every other handle produced, page-cache hits included.
 */
const handleCompression: Handle = async ({ event, resolve }) => compressResponse(event.request, await resolve(event));

export const handle = sequence(
	handleRequestLog,
	handleCompression,
	handleSecurityHeaders,
	handleServices,
	handleSession,
	handleLocale,
	handlePageCache
);

/** Unexpected errors: logged with an id; the person sees only the id and a plain message. */
export const handleError: HandleServerError = ({ error, event, status, message }) => {
	if (status === 404) return { message: 'common:error.notFound.page' };
	// A form sent with more than BODY_SIZE_LIMIT (adapter-node): nothing of it could be read. It is the
	// sender's text that is too long, not our fault, so no error id; one line tells the operator it happened.
	if (status === 413) {
		log('warn', 'form too large', { status, route: event.route.id });
		return { message: 'common:error.tooLarge' };
	}
	const id = logError(error, { route: event.route.id, method: event.request.method, status, message });
	return { message: 'common:error.unexpected', id };
};
