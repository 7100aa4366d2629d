import type { DB } from '../db/create';
import { migrateToLatest } from '../db/migrate';
import { seedDemoAccounts } from './demo-accounts';
import { demo } from './demo-data';
import { seedConsultation, type SeedResult } from './service';

/** Loads the demo consultation and glossary (idempotent). */
export function seedDemo(db: DB): Promise<SeedResult> {
	return seedConsultation(db, demo);
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
	if (any) return { migrations, seeded: null, demoAccounts: 0 };
	const seeded = await seedDemo(db);
	const demoAccounts = options.demoAccounts ? await seedDemoAccounts(db) : 0;
	return { migrations, seeded, demoAccounts };
}
