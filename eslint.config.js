import { fileURLToPath } from 'node:url';
import { includeIgnoreFile } from '@eslint/compat';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

const gitignorePath = fileURLToPath(new URL('./.gitignore', import.meta.url));

// The `sv` CLI defaults: recommended JS, TypeScript and Svelte rules, with Prettier owning the layout.
export default ts.config(
	includeIgnoreFile(gitignorePath),
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			// typescript-eslint advises against this rule in TypeScript projects: the compiler checks it.
			'no-undef': 'off',
			// Unused names starting with _ are deliberate (destructuring a field away).
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			// Migrations take Kysely<any> on purpose: they are frozen in time and must not follow today's types.
			'@typescript-eslint/no-explicit-any': ['error', { ignoreRestArgs: true }]
		}
	},
	{
		files: ['migrations/**/*.ts', 'src/lib/server/db/migrate.ts'],
		rules: { '@typescript-eslint/no-explicit-any': 'off' }
	},
	// The layers (docs/architecture.md): routes call services, services own the rules and call repositories,
	// repositories own the SQL. These rules keep each layer to its own imports.
	{
		files: ['src/routes/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							regex: '^\\$lib/server/db(/|$)',
							message: 'Routes call a service; only services and repositories reach the database.'
						},
						{
							regex: '^\\$lib/server/.+/repository$',
							message: 'Routes call a service, never a repository.'
						}
					]
				}
			]
		}
	},
	{
		files: ['src/lib/components/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							regex: '^\\$lib/server(/|$)|(^|/)server/',
							message: 'Components run in the browser: no server code.'
						}
					]
				}
			]
		}
	},
	{
		files: ['src/lib/server/**/service.ts', 'src/lib/server/**/repository.ts', 'src/lib/server/**/policy.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							regex: '^@sveltejs/kit(/|$)',
							message: 'Services raise DomainError; routes turn it into a response (lib/server/http.ts).'
						}
					]
				}
			]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	}
);
