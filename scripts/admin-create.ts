/*
 * Creates the first administrator (or makes an existing account one):
 *   npm run admin:create -- <name>
 * It asks for the password, or takes it from ADMIN_PASSWORD for scripts.
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { closeDb, getDb } from '../src/lib/server/db/index';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { ValidationError } from '../src/lib/server/errors';
import { createAdministrator } from '../src/lib/server/users/service';

const messages: Record<string, string> = {
	'auth:name.empty': 'Give a name.',
	'auth:name.tooShort': 'The name is too short (at least 2 letters).',
	'auth:name.tooLong': 'The name is too long (at most 40 characters).',
	'auth:name.characters': "Use only letters, digits, spaces and . ' _ -",
	'auth:password.empty': 'Give a password.',
	'auth:password.tooShort': 'The password is too short (at least 8 characters).',
	'auth:password.tooLong': 'The password is too long.',
	'auth:password.sameAsName': 'The password may not be the name.'
};

async function askHidden(question: string): Promise<string> {
	let muted = false;
	const output = new Writable({
		write(chunk, _encoding, callback) {
			if (!muted) process.stdout.write(chunk);
			callback();
		}
	});
	const rl = createInterface({ input: process.stdin, output, terminal: true });
	return new Promise((resolve) => {
		rl.question(question, (answer) => {
			rl.close();
			process.stdout.write('\n');
			resolve(answer);
		});
		muted = true;
	});
}

async function main(): Promise<void> {
	const name = process.argv.slice(2).join(' ').trim();
	if (!name) {
		console.error('Usage: npm run admin:create -- <name>   (password from ADMIN_PASSWORD, or asked)');
		process.exitCode = 2;
		return;
	}
	let password = process.env.ADMIN_PASSWORD ?? '';
	if (!password) {
		password = await askHidden('Password (at least 8 characters): ');
		const again = await askHidden('The same password again: ');
		if (again !== password) {
			console.error('The two passwords differ. Nothing was changed.');
			process.exitCode = 1;
			return;
		}
	}
	const db = getDb();
	try {
		await migrateToLatest(db);
		const result = await createAdministrator(db, { displayName: name, password });
		console.log(
			result.created
				? `Administrator "${name}" created.`
				: `"${name}" existed and is now an administrator, with the new password.`
		);
	} catch (e) {
		if (e instanceof ValidationError) {
			for (const issue of Object.values(e.issues)) console.error(messages[issue.code] ?? issue.code);
			process.exitCode = 1;
		} else throw e;
	} finally {
		await closeDb();
	}
}

main().catch((error) => {
	console.error(error instanceof Error ? error.message : error);
	process.exitCode = 1;
});
