import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';

/*
 * docs/deploy.md quotes the configuration files of docs/deploy/ in full, so an operator can read the guide
 * alone. This fails when a file changes and its quote in the guide does not (or the other way round).
 */
const guide = readFileSync('docs/deploy.md', 'utf8');
const quoted = [...guide.matchAll(/```[a-z]*\n([\s\S]*?)```/g)].map((m) => m[1]);

describe('docs/deploy.md quotes its configuration files as they are', () => {
	for (const file of ['docs/deploy/nginx.conf', 'docs/deploy/samenspraak.env']) {
		test(file, () => {
			expect(quoted).toContain(readFileSync(file, 'utf8'));
		});
	}
});
