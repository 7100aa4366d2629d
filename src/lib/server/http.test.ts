import { isRedirect } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import type { Actor } from './auth/actor';
import { loginAddress, requireLogin, safeRedirect, samePage } from './http';

const app = 'https://samenspraak.example.org';
const go = (target: string | null | undefined) => safeRedirect(target, app, '/account');

/** What the login page receives as redirectTo when a link or redirect built `built`. */
const received = (built: string) => new URL(built, app).searchParams.get('redirectTo');

describe('safeRedirect', () => {
	it('keeps a path on this site with its query and hash', () => {
		expect(go('/c/gekleurde-armoede/3')).toBe('/c/gekleurde-armoede/3');
		expect(go('/c/gekleurde-armoede/3?sort=new&page=2#comment-12')).toBe(
			'/c/gekleurde-armoede/3?sort=new&page=2#comment-12'
		);
		expect(go(null)).toBe('/account');
		expect(go('')).toBe('/account');
		expect(safeRedirect(undefined, app)).toBe('/');
	});

	it('keeps an absolute address on this very site, as a path', () => {
		expect(go(`${app}/moderate?page=2`)).toBe('/moderate?page=2');
		expect(go('https://samenspraak.example.org:443/account')).toBe('/account');
	});

	// Each of these leads a browser to another site (or runs script) while a string check may pass it.
	const bypasses: [string, string][] = [
		['another site', 'https://evil.example'],
		['protocol-relative', '//evil.example'],
		['protocol-relative with a path', '//evil.example/x'],
		['tab (from /%09/)', '/\t/evil.example'],
		['newline (from /%0a/)', '/\n/evil.example'],
		['carriage return (from /%0d/)', '/\r/evil.example'],
		['newline before the slashes', '\n//evil.example'],
		['slash backslash', '/\\evil.example'],
		['two backslashes', '\\\\evil.example'],
		['slash backslash slash', '/\\/evil.example'],
		['user-info after //', '//user@evil.example'],
		['user-info that looks like this site', 'https://samenspraak.example.org@evil.example'],
		['user-info in an absolute URL', 'https://app@evil.example'],
		['other scheme, same host', 'http://samenspraak.example.org/account'],
		['other port', 'https://samenspraak.example.org:8443/account'],
		['javascript:', 'javascript:alert(1)'],
		['javascript: with spaces and case', '  JavaScript:alert(1)'],
		['data:', 'data:text/html,<script>alert(1)</script>'],
		['dot segment that leaves //', '/.//evil.example'],
		['parent segment that leaves //', '/a/..//evil.example'],
		['dot segment with a backslash', '/./\\evil.example'],
		['leading space', ' //evil.example'],
		['leading control character', '\u0000//evil.example']
	];
	it.each(bypasses)('refuses %s', (_what, target) => {
		expect(go(target)).toBe('/account');
	});

	it('keeps encoded slashes and full-width solidi as harmless paths on this site, still encoded', () => {
		expect(go('/%2F%2Fevil.example')).toBe('/%2F%2Fevil.example');
		expect(go('%2F%2F')).toBe('/%2F%2F');
		expect(go('/%5C%5Cevil.example')).toBe('/%5C%5Cevil.example');
		expect(go('／／evil.example')).toBe('/%EF%BC%8F%EF%BC%8Fevil.example');
	});

	it('returns Unicode and control characters percent-encoded, so the Location header is plain ASCII', () => {
		expect(go('/ünïcode/路径')).toBe('/%C3%BCn%C3%AFcode/%E8%B7%AF%E5%BE%84');
		expect(go('/c/سلام?q=مرحبا متى#تعليق')).toBe(
			'/c/%D8%B3%D9%84%D8%A7%D9%85?q=%D9%85%D8%B1%D8%AD%D8%A8%D8%A7%20%D9%85%D8%AA%D9%89#%D8%AA%D8%B9%D9%84%D9%8A%D9%82'
		);
		expect(go('/a\u0000b')).toBe('/a%00b');
		for (const target of ['/ünïcode/路径', '/x?\u0007=\u{1F600}', '/%0a/x', '/😀#😀']) {
			expect(go(target)).toMatch(/^\/[\x21-\x7e]*$/);
		}
	});

	it('falls back for very long or unparsable input, and never throws', () => {
		expect(go('/' + 'a'.repeat(5000))).toBe('/account');
		expect(go('/' + '路'.repeat(100000))).toBe('/account');
		expect(go('https://[not-an-address')).toBe('/account');
		expect(go('http://a b')).toBe('/account');
		expect(safeRedirect('/account', 'not an origin', '/')).toBe('/');
		for (let c = 0; c < 0x3000; c++) {
			const ch = String.fromCharCode(c);
			expect(() => safeRedirect(`/${ch}/${ch}evil.example`, app)).not.toThrow();
			expect(safeRedirect(`/${ch}/evil.example`, app)).not.toMatch(/^\/\//);
		}
	});

	it('is stable: what it returns passes through it unchanged (the login form posts it back)', () => {
		for (const target of ['/ünïcode/路径', '／／evil.example', '/c/x/3?sort=new#comment-12', '/a b?c d#e f']) {
			const once = go(target);
			expect(go(once)).toBe(once);
		}
	});

	// The pages that send people to log in build /login?redirectTo= in these ways (src/routes); what they
	// build must survive, anchors and queries included.
	it('brings people back to where the login links and redirects of the app point', () => {
		const pathname = new URL(`${app}/c/gekleurde-armoede/3`).pathname;
		const slug = 'éénzaam-سلام';
		const dashboard = new URL(`${app}/c/gekleurde-armoede/dashboard?theme=2&status=open`);
		const built: [string, string][] = [
			// url.pathname (admin, account, notifications, moderate, summary, answer pages)
			[`/login?redirectTo=${encodeURIComponent(pathname)}`, '/c/gekleurde-armoede/3'],
			// the thread's loginFirst(): a decoded slug and an anchor
			[
				`/login?redirectTo=${encodeURIComponent(`/c/${slug}/3#comment-12`)}`,
				`${new URL(`${app}/c/${slug}/3`).pathname}#comment-12`
			],
			// the dashboard and report: pathname + search
			[
				`/login?redirectTo=${encodeURIComponent(dashboard.pathname + dashboard.search)}`,
				'/c/gekleurde-armoede/dashboard?theme=2&status=open'
			],
			// the thread page's login link: page.url.pathname of a slug with non-Latin letters
			[
				`/login?redirectTo=${encodeURIComponent(new URL(`${app}/c/${slug}/3`).pathname)}`,
				new URL(`${app}/c/${slug}/3`).pathname
			]
		];
		for (const [login, expected] of built) expect(go(received(login))).toBe(expected);
	});
});

describe('requireLogin', () => {
	const someone: Actor = {
		id: 7,
		displayName: 'Samira',
		siteRole: 'participant',
		experienceExpert: false,
		locale: 'nl',
		isDemo: false,
		suspendedUntil: null,
		memberships: [],
		translates: []
	};
	const locals = (user: Actor | null) => ({ user }) as App.Locals;
	/** What requireLogin throws for a logged-out person at `address`: status and Location. */
	function refusal(address: string, anchor?: string) {
		try {
			requireLogin(locals(null), new URL(address, app), { anchor });
		} catch (e) {
			if (isRedirect(e)) return { status: e.status, location: e.location };
			throw e;
		}
		throw new Error('requireLogin let a logged-out person through');
	}
	/** Where the login page sends the person back to, after logging in, from that Location. */
	const backTo = (address: string, anchor?: string) => go(received(refusal(address, anchor).location));

	it('returns the person logged in, and throws nothing', () => {
		expect(requireLogin(locals(someone), new URL('/account', app))).toBe(someone);
	});

	it('sends a logged-out person to log in with a 303, and back to the page afterwards', () => {
		expect(refusal('/account')).toEqual({ status: 303, location: '/login?redirectTo=%2Faccount' });
		expect(backTo('/moderate/log')).toBe('/moderate/log');
	});

	it('keeps the query, so a filtered page comes back filtered', () => {
		expect(refusal('/c/gekleurde-armoede/dashboard?theme=2&group=resident')).toEqual({
			status: 303,
			location: `/login?redirectTo=${encodeURIComponent('/c/gekleurde-armoede/dashboard?theme=2&group=resident')}`
		});
		expect(backTo('/admin/users?q=sam&page=2')).toBe('/admin/users?q=sam&page=2');
	});

	it("drops a form action's name (only a POST can use it) and ends at the form's anchor", () => {
		expect(refusal('/c/gekleurde-armoede/3?/vote', 'vote')).toEqual({
			status: 303,
			location: `/login?redirectTo=${encodeURIComponent('/c/gekleurde-armoede/3#vote')}`
		});
		expect(backTo('/c/gekleurde-armoede/3?/comment', 'comment-form')).toBe('/c/gekleurde-armoede/3#comment-form');
		expect(backTo('/c/gekleurde-armoede/3?sort=helpful&/report', 'comments')).toBe(
			'/c/gekleurde-armoede/3?sort=helpful#comments'
		);
	});

	// The thread's actions used to build the way back from the decoded slug; the address's own path is
	// percent-encoded. Both must bring the person to the same page.
	it('brings people back to a thread whose slug has non-Latin letters, as the hand-built link did', () => {
		const slug = 'éénzaam-سلام';
		const before = go(received(`/login?redirectTo=${encodeURIComponent(`/c/${slug}/3#follow`)}`));
		expect(backTo(`/c/${slug}/3?/follow`, 'follow')).toBe(before);
		expect(before).toBe(`${new URL(`${app}/c/${slug}/3`).pathname}#follow`);
	});

	it("is what loginAddress builds, which the download of one's data uses too", () => {
		expect(loginAddress(new URL('/account/data.json', app))).toBe('/login?redirectTo=%2Faccount%2Fdata.json');
		expect(refusal('/notifications?x=1', 'top').location).toBe(loginAddress(new URL('/notifications?x=1', app), 'top'));
	});
});

describe('samePage', () => {
	const at = (path: string) => new URL(path, app);

	it('leaves out the form action name, keeps the rest of the query and sets what it is given', () => {
		// What a POST to `action="?/save"` arrives at; kept as it was, the address would read `?%2Fsave=&saved=…`.
		expect(samePage(at('/c/x/3/summary?/save'), { saved: 'published' })).toBe('/c/x/3/summary?saved=published');
		expect(samePage(at('/admin/users?q=an&/role='), { saved: 'role' })).toBe('/admin/users?q=an&saved=role');
		expect(samePage(at('/c/x/3/summary?saved=draft&/save'), { saved: 'published' })).toBe(
			'/c/x/3/summary?saved=published'
		);
	});

	it('gives the bare path when no query is left', () => {
		expect(samePage(at('/c/x/3/summary?/save'))).toBe('/c/x/3/summary');
		expect(samePage(at('/notifications'))).toBe('/notifications');
	});
});
