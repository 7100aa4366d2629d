import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/actor';
import { createActor, createStaff } from '../auth/test-actors';
import { QueryCounter } from '../db/query-counter';
import { createTestDb, type TestDb } from '../db/test-db';
import { ValidationError } from '../errors';
import * as consultations from './service';

/** A complete, valid form as an administrator fills it in. */
const form = (over: consultations.CreateInput = {}): consultations.CreateInput => ({
	title: 'Wonen in Gent: ons verslag',
	subtitle: 'Wat vinden bewoners?',
	purpose: 'We willen weten wat u van ons verslag vindt.\n\nUw mening helpt ons kiezen.',
	organiserName: 'Stad Gent',
	organiserLine: 'De dienst wonen',
	organiserContact: 'wonen@example.org',
	sourceTitle: 'Wonen in Gent',
	sourcePublisher: 'Stad Gent',
	sourceDate: '2026-10-01',
	sourcePlace: 'Gent',
	opensAt: '2027-01-10',
	closesAt: '2027-02-10',
	language: 'nl',
	...over
});

describe(`creating a consultation (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite'})`, () => {
	let t: TestDb;
	let admin: Actor;
	let policy: Actor;
	beforeAll(async () => {
		t = await createTestDb();
		admin = (await createStaff(t.db)).admin;
		policy = await createActor(t.db, { name: 'Beleid', role: 'policy' });
	});
	afterAll(async () => t.destroy());

	it('stores every field, starts as a draft with a slug from the title, and writes an audit entry', async () => {
		const { slug } = await consultations.createConsultation(t.db, admin, form());
		expect(slug).toBe('wonen-in-gent-ons-verslag');
		const row = await t.db.selectFrom('consultations').selectAll().where('slug', '=', slug).executeTakeFirstOrThrow();
		expect(row).toMatchObject({
			title: 'Wonen in Gent: ons verslag',
			subtitle: 'Wat vinden bewoners?',
			purpose: 'We willen weten wat u van ons verslag vindt.\n\nUw mening helpt ons kiezen.',
			phase: 'draft',
			language: 'nl',
			source_title: 'Wonen in Gent',
			source_date: '2026-10-01',
			opens_at: '2027-01-10',
			closes_at: '2027-02-10',
			organiser_name: 'Stad Gent',
			organiser_contact: 'wonen@example.org'
		});
		const entry = await t.db
			.selectFrom('audit_log')
			.selectAll()
			.where('action', '=', 'consultation.created')
			.where('subject_id', '=', row.id)
			.executeTakeFirst();
		expect(entry?.actor_id).toBe(admin.id);
	});

	it('keeps the draft from participants: not on the home page, not readable by its slug', async () => {
		const { open, finished } = await consultations.listPublic(t.db, 'nl');
		expect([...open, ...finished].map((c) => c.slug)).not.toContain('wonen-in-gent-ons-verslag');
		await expect(consultations.getOverview(t.db, 'wonen-in-gent-ons-verslag', 'nl')).rejects.toMatchObject({
			status: 404
		});
		// The staff who prepare it see it.
		expect((await consultations.listForAdmin(t.db, admin)).map((c) => c.slug)).toContain('wonen-in-gent-ons-verslag');
		expect((await consultations.preparable(t.db, admin, 'wonen-in-gent-ons-verslag')).phase).toBe('draft');
	});

	it('gives a second consultation with the same title its own slug, and a title without Latin letters a word', async () => {
		expect((await consultations.createConsultation(t.db, admin, form())).slug).toBe('wonen-in-gent-ons-verslag-2');
		expect(
			(await consultations.createConsultation(t.db, admin, form({ title: 'السكن في غنت', language: 'ar' }))).slug
		).toBe('raadpleging');
	});

	it('refuses bad input field by field, and saves nothing', async () => {
		const before = (await t.db.selectFrom('consultations').select('id').execute()).length;
		const bad = form({
			title: '  ',
			purpose: '\u200B',
			organiserName: '',
			organiserLine: 'Zonder naam',
			opensAt: '2027-02-30',
			closesAt: '2026-01-01',
			language: 'de',
			sourceTitle: 'x'.repeat(301)
		});
		const error = await consultations.createConsultation(t.db, admin, bad).catch((e) => e);
		expect(error).toBeInstanceOf(ValidationError);
		expect(Object.fromEntries(Object.entries((error as ValidationError).issues).map(([k, v]) => [k, v.code]))).toEqual({
			title: 'reports:create.error.title',
			purpose: 'reports:create.error.purpose',
			organiserName: 'admin:consultations.error.organiserName',
			sourceTitle: 'reports:create.error.tooLong',
			opensAt: 'reports:create.error.date',
			language: 'reports:create.error.language'
		});
		const closing = await consultations
			.createConsultation(t.db, admin, form({ opensAt: '2027-03-01', closesAt: '2027-02-01' }))
			.catch((e) => e);
		expect((closing as ValidationError).issues.closesAt?.code).toBe('reports:create.error.closesBeforeOpens');
		expect((await t.db.selectFrom('consultations').select('id').execute()).length).toBe(before);
	});

	it('lets policy staff create only after an administrator switched that on, and back off', async () => {
		await expect(consultations.createConsultation(t.db, policy, form())).rejects.toMatchObject({ status: 403 });
		expect((await consultations.createAccess(t.db, policy)).canCreate).toBe(false);
		await consultations.setPolicyMayCreate(t.db, admin, { allowed: true });
		expect(await consultations.createAccess(t.db, policy)).toEqual({
			canCreate: true,
			policyMayCreate: true,
			canSwitch: false
		});
		expect((await consultations.createConsultation(t.db, policy, form({ title: 'Door beleid' }))).slug).toBe(
			'door-beleid'
		);
		await expect(consultations.setPolicyMayCreate(t.db, policy, { allowed: false })).rejects.toMatchObject({
			status: 403
		});
		await consultations.setPolicyMayCreate(t.db, admin, { allowed: false });
		await expect(consultations.createConsultation(t.db, policy, form())).rejects.toMatchObject({ status: 403 });
		const switches = await t.db
			.selectFrom('audit_log')
			.select('detail')
			.where('action', '=', 'consultation.policyCreate')
			.orderBy('id')
			.execute();
		expect(switches.map((s) => JSON.parse(s.detail).allowed)).toEqual([true, false]);
	});
	it('lists the drafts on the home page for those who may create consultations, and costs nothing for others', async () => {
		const participant = await createActor(t.db, { name: 'Deelnemer thuis' });
		const { slug } = await consultations.createConsultation(t.db, admin, form({ title: 'Nog een ontwerp' }));
		const counter = new QueryCounter();
		const counted = t.db.withPlugin(counter);
		expect(await consultations.listPreparing(counted, participant)).toBeNull();
		expect(await consultations.listPreparing(counted, null)).toBeNull();
		expect(counter.count).toBe(0);

		const forAdmin = await consultations.listPreparing(t.db, admin);
		expect(forAdmin?.drafts[0]).toEqual({ slug, title: 'Nog een ontwerp', language: 'nl' });
		// Only drafts: an open consultation is on the home page already.
		await consultations.setPhase(t.db, admin, { slug, phase: 'open' });
		expect(forAdmin!.drafts.length - (await consultations.listPreparing(t.db, admin))!.drafts.length).toBe(1);

		await consultations.setPolicyMayCreate(t.db, admin, { allowed: false });
		expect(await consultations.listPreparing(t.db, policy)).toBeNull();
		await consultations.setPolicyMayCreate(t.db, admin, { allowed: true });
		expect((await consultations.listPreparing(t.db, policy))?.drafts).toEqual(
			(await consultations.listPreparing(t.db, admin))?.drafts
		);
		await consultations.setPolicyMayCreate(t.db, admin, { allowed: false });
	});
});
