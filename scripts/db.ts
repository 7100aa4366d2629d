/*
 * Database commands for the command line (run under tsx):
 *   npm run db:migrate   bring the schema up to date
 *   npm run db:rollback  undo the newest migration
 *   npm run db:seed      load the demo consultation (running it twice changes nothing)
 *   npm run db:backup [file]   SQLite: a consistent copy while the app runs (default: backups/samenspraak-<time>.db)
 *   npm run db:restore <file>  SQLite: put a backup back (stop the app first)
 * On PostgreSQL, back up with pg_dump and restore with pg_restore (docs/deploy.md).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { config } from '../src/lib/server/config';
import { backupSqlite, restoreSqlite } from '../src/lib/server/db/backup';
import { closeDb, getDb } from '../src/lib/server/db/index';
import { migrateDown, migrateToLatest } from '../src/lib/server/db/migrate';
import { DEMO_PASSWORD, seedDemoAccounts } from '../src/lib/server/seed/demo-accounts';
import { seedDemo } from '../src/lib/server/seed/startup';

const command = process.argv[2];

/** db:backup and db:restore work on the SQLite file directly, without opening the app's connection. */
async function backupOrRestore(): Promise<void> {
	const database = config().database;
	if (database.dialect !== 'sqlite') {
		console.error('PostgreSQL: use pg_dump to back up and pg_restore to restore (see docs/deploy.md).');
		process.exitCode = 2;
		return;
	}
	if (command === 'backup') {
		const stamp = new Date().toISOString().replace(/[:.]/g, '-');
		const target = process.argv[3] ?? `backups/samenspraak-${stamp}.db`;
		mkdirSync(dirname(target), { recursive: true });
		const { pages } = await backupSqlite(database.path, target);
		console.log(`${database.path} copied to ${target} (${pages} pages)`);
		return;
	}
	const source = process.argv[3];
	if (!source) {
		console.error('Usage: npm run db:restore -- <backup file>   (stop the app first)');
		process.exitCode = 2;
		return;
	}
	const { migrations } = await restoreSqlite(source, database.path);
	console.log(
		`${source} restored into ${database.path} (${migrations} migrations in the backup; the app migrates further at start)`
	);
}

async function main(): Promise<void> {
	if (command === 'backup' || command === 'restore') return backupOrRestore();
	const where =
		config().database.dialect === 'postgres'
			? 'PostgreSQL (DATABASE_URL)'
			: `SQLite (${(config().database as { path: string }).path})`;
	const db = getDb();
	try {
		switch (command) {
			case 'migrate': {
				const ran = await migrateToLatest(db);
				console.log(ran.length ? ran.join('\n') : `${where}: already up to date`);
				break;
			}
			case 'down': {
				const ran = await migrateDown(db);
				console.log(ran.length ? ran.join('\n') : `${where}: nothing to undo`);
				break;
			}
			case 'seed': {
				await migrateToLatest(db);
				const result = await seedDemo(db);
				console.log(
					`${where}: demo consultation ${result.consultation}, ${result.glossaryTermsAdded} glossary terms added`
				);
				if (config().mode === 'production') {
					console.log('Production mode: no demo accounts.');
				} else {
					const added = await seedDemoAccounts(db);
					console.log(`${added} demo accounts added (password: ${DEMO_PASSWORD}; see the README)`);
				}
				break;
			}
			default:
				console.error('Usage: tsx scripts/db.ts migrate | down | seed | backup [file] | restore <file>');
				process.exitCode = 2;
		}
	} finally {
		await closeDb();
	}
}

main().catch((error) => {
	console.error(error instanceof Error ? error.message : error);
	process.exitCode = 1;
});
