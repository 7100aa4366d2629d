import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// Static files are compressed once at build time (.br and .gz beside each file) and served as such; pages
		// and JSON are compressed per response in hooks.server.ts (handleCompression).
		adapter: adapter({ precompress: true }),
		// SvelteKit's CSRF origin check stays on (the default); it is named here so nobody turns it off by accident.
		csrf: { trustedOrigins: [] },
		// Nothing on a page may come from a third party: scripts, styles, images and forms stay on our origin.
		csp: {
			// Hashes rather than nonces: a page served from the micro-cache stays valid for everyone.
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none'],
				'base-uri': ['self'],
				'object-src': ['none']
			}
		},
		// Links are root-absolute ("/c/gekleurde-armoede/3") in the HTML too, not relative to the page.
		paths: { relative: false },
		alias: {
			$migrations: 'migrations'
		}
	}
};

export default config;
