import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../db/test-db';
import { seedDemoAccounts } from '../seed/demo-accounts';
import * as repository from './repository';
import { listOrganisations } from './service';

describe('listOrganisations', () => {
	let t: TestDb;
	beforeAll(async () => {
		t = await createTestDb();
		await seedDemoAccounts(t.db);
	});
	afterAll(async () => t.destroy());

	it('counts the members of each association as a number, and 0 for one without members', async () => {
		await repository.insert(t.db, {
			slug: 'zonder-leden',
			name: 'Vereniging zonder leden',
			nameKey: 'vereniging zonder leden',
			kind: 'civil_society',
			description: '',
			now: new Date().toISOString()
		});
		const demo = await repository.findBySlug(t.db, 'de-brug-demo');
		const members = await t.db
			.selectFrom('memberships')
			.select('user_id')
			.where('organisation_id', '=', demo!.id)
			.execute();
		expect(members.length).toBeGreaterThan(1);
		const list = await listOrganisations(t.db);
		expect(list.find((o) => o.slug === 'de-brug-demo')?.memberCount).toBe(members.length);
		expect(list.find((o) => o.slug === 'zonder-leden')?.memberCount).toBe(0);
	});
});
