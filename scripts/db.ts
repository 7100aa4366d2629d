/*
 * Database commands for the command line (run under tsx):
 *   npm run db:migrate   bring the schema up to date
 *   npm run db:rollback  undo the newest migration
 *   npm run db:seed      load the demo consultation (running it twice changes nothing)
 */
import { config } from '../src/lib/server/config';
import { closeDb, getDb } from '../src/lib/server/db/index';
import { migrateDown, migrateToLatest } from '../src/lib/server/db/migrate';
import { DEMO_PASSWORD, seedDemoAccounts } from '../src/lib/server/seed/demo-accounts';
import { seedDemo } from '../src/lib/server/seed/startup';

const command = process.argv[2];

async function main(): Promise<void> {
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
				console.error('Usage: tsx scripts/db.ts migrate | down | seed');
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
