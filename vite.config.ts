import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
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
