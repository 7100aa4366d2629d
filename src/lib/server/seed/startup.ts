import type { DB } from '../db/create';
import { migrateToLatest } from '../db/migrate';
import { seedDemoAccounts } from './demo-accounts';
import { demo } from './demo-data';
import { seedConsultation, type SeedResult } from './service';
import { seedDemoTranslations } from './translations';

/** Loads the demo consultation and glossary, and the demo's translations (idempotent). */
export async function seedDemo(db: DB): Promise<SeedResult> {
	const result = await seedConsultation(db, demo);
	await seedDemoTranslations(db, demo, demo.translations);
	return result;
}

/**
 * What the server does at start: bring the schema up to date, then, when demo data is on and the
 * database holds no consultation at all, load the demo, with demo accounts unless in production. A
 * database with real consultations is never touched, even if someone deleted the demo from it.
 */
export async function prepareDatabase(
	db: DB,
	options: { demoData: boolean; demoAccounts: boolean }
): Promise<{ migrations: string[]; seeded: SeedResult | null; demoAccounts: number }> {
	const migrations = await migrateToLatest(db);
	if (!options.demoData) return { migrations, seeded: null, demoAccounts: 0 };
	const any = await db.selectFrom('consultations').select('id').limit(1).executeTakeFirst();
	if (any) {
		// A database that already holds the demo gets the demo's translations where its texts are unchanged.
		await seedDemoTranslations(db, demo, demo.translations);
		return { migrations, seeded: null, demoAccounts: 0 };
	}
	const seeded = await seedDemo(db);
	const demoAccounts = options.demoAccounts ? await seedDemoAccounts(db) : 0;
	return { migrations, seeded, demoAccounts };
}
