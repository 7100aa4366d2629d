import { existsSync } from 'node:fs';
import SQLite from 'better-sqlite3';

/*
 * Backups of the embedded SQLite database, through SQLite's online backup API (better-sqlite3's
 * `backup()`): the copy is consistent even while the app keeps reading and writing, because SQLite
 * copies page by page and starts again from the changed pages when another connection writes.
 * PostgreSQL has its own tools (pg_dump / pg_restore): see docs/deploy.md.
 */

/** What a Samenspraak database must hold to be restored: its migrations table and at least one migration. */
function checkBackup(path: string): { migrations: number } {
	if (!existsSync(path)) throw new BackupProblem(`No such file: ${path}`);
	let file: SQLite.Database;
	try {
		file = new SQLite(path, { readonly: true, fileMustExist: true });
	} catch (e) {
		throw new BackupProblem(`Not an SQLite database: ${path} (${(e as Error).message})`);
	}
	try {
		const check = file.pragma('quick_check', { simple: true });
		if (check !== 'ok') throw new BackupProblem(`The backup is damaged: ${String(check)}`);
		const table = file
			.prepare("select name from sqlite_master where type = 'table' and name = 'kysely_migration'")
			.get();
		if (!table) throw new BackupProblem(`Not a Samenspraak database (it has no migrations table): ${path}`);
		const { n } = file.prepare('select count(*) as n from kysely_migration').get() as { n: number };
		if (n === 0) throw new BackupProblem(`Not a Samenspraak database (no migration has run in it): ${path}`);
		return { migrations: n };
	} catch (e) {
		if (e instanceof BackupProblem) throw e;
		throw new BackupProblem(`Not a readable SQLite database: ${path} (${(e as Error).message})`);
	} finally {
		file.close();
	}
}

/** A backup or restore that cannot go ahead, for a reason the operator can act on. */
export class BackupProblem extends Error {}

/** Copies the live database at `livePath` to `target`, consistently, while the app may keep running. */
export async function backupSqlite(livePath: string, target: string): Promise<{ pages: number }> {
	if (!existsSync(livePath)) throw new BackupProblem(`No database at ${livePath}`);
	if (existsSync(target)) throw new BackupProblem(`${target} exists already: choose a new file name`);
	const live = new SQLite(livePath, { fileMustExist: true });
	try {
		live.pragma('busy_timeout = 5000');
		const { totalPages } = await live.backup(target);
		// The copy inherits WAL mode; a backup is one self-contained file, so it gets a rollback journal.
		const copy = new SQLite(target, { fileMustExist: true });
		copy.pragma('journal_mode = DELETE');
		copy.close();
		checkBackup(target);
		return { pages: totalPages };
	} finally {
		live.close();
	}
}

/**
 * Replaces the database at `livePath` with the backup at `source`, after checking that the backup is
 * an undamaged Samenspraak database. It writes through the backup API too, so the file stays valid for
 * SQLite at every moment; stop the app first all the same (its caches would still show the old data).
 */
export async function restoreSqlite(source: string, livePath: string): Promise<{ migrations: number }> {
	const { migrations } = checkBackup(source);
	const backup = new SQLite(source, { readonly: true, fileMustExist: true });
	try {
		await backup.backup(livePath);
	} finally {
		backup.close();
	}
	return { migrations };
}
