import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

/*
 * How the browser's JavaScript is cut into files (rolldown's codeSplitting groups; issue 16, part 4). Left to
 * itself the bundler made a file for every piece two pages share: the thread page loaded 55 scripts. Every
 * page needs the same base (Svelte, SvelteKit's client, i18next and the translator), so that is one file; each
 * language's interface text is one file, fetched only for the reader's language. The rest stays per page.
 * scripts/js-budget.ts measures the result; tests/e2e/js-budget.e2e.ts holds it.
 */
const localeFile = /[\\/]src[\\/]lib[\\/]i18n[\\/]locales[\\/](\w+)[\\/][^\\/]+\.json$/;
const staffOnly = /[\\/]src[\\/]lib[\\/](writing[\\/]|components[\\/]Writing\w*\.svelte)/;
const chunkGroups = [
	{ name: (id: string) => (localeFile.exec(id) ? `locale-${localeFile.exec(id)![1]}` : null), priority: 2 },
	{
		name: 'base',
		test: /[\\/]node_modules[\\/]|[\\/]src[\\/]lib[\\/]i18n[\\/][^\\/]+\.ts$/,
		priority: 1
	},
	{
		name: 'shared',
		// Staff's writing check (three editor pages) stays with those pages: readers never load it.
		test: (id: string) => /[\\/]src[\\/]lib[\\/]/.test(id) && !staffOnly.test(id),
		minShareCount: 2
	}
];

export default defineConfig({
	plugins: [
		sveltekit(),
		{
			// Only the browser's build: the server loads its modules from disk, where the number of files costs
			// nothing. SvelteKit marks its server build with build.ssr in its own config hook, which runs first.
			name: 'samenspraak:browser-chunks',
			apply: 'build',
			config: (config) =>
				config.build?.ssr ? {} : { build: { rolldownOptions: { output: { codeSplitting: { groups: chunkGroups } } } } }
		}
	],
	server: { port: 5173 },
	test: {
		include: ['src/**/*.test.ts', 'migrations/**/*.test.ts', 'scripts/**/*.test.ts'],
		environment: 'node',
		// Each test file gets its own database; PostgreSQL runs are slower to set up than in-memory SQLite.
		testTimeout: 30_000,
		// A test that asserts nothing proves nothing: it fails.
		expect: { requireAssertions: true },
		hookTimeout: 60_000
	}
});
