import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor, createStaff, generousLimits } from '../auth/test-actors';
import type { Actor } from '../auth/actor';
import { QueryCounter } from '../db/query-counter';
import { createTestDb, type TestDb } from '../db/test-db';
import { DomainError, ValidationError } from '../errors';
import { moderationStats } from '../moderation/stats';
import { setOrganisationActive } from '../organisations/service';
import { getDashboard, noFilters } from '../results/service';
import { createConsultation, type TestConsultation } from '../seed/test-consultation';
import { loadSources, save } from '../translations/repository';
import { castVote, tallies } from '../votes/service';
import {
	addRemark,
	getDashboardPositions,
	getPositionEditor,
	getThreadPositions,
	hidePosition,
	listOrganisationPositions,
	listThreadPositions,
	saveDraft,
	signOffPosition,
	withdrawPosition
} from './service';
import { createAssociation, positionInput, publishPosition } from './test-positions';
import { seedDemoAccounts } from '../seed/demo-accounts';
import { demo } from '../seed/demo-data';
import { seedConsultation } from '../seed/service';
import { getPublishedSummary, getSummaryEditor, saveSummary } from '../summaries/service';

/*
 * Collective positions (issue 13): the lifecycle (draft, members' remarks, sign-off by a second
 * coordinator or the only coordinator's statement, versions, withdrawal), who sees drafts and remarks,
 * one position per association and recommendation at a time (with parallel requests), hiding, and that a
 * position is never added to the votes.
 */

const dialect = process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite';

/** The DomainError a promise fails with: its code and status. */
async function refusal(work: Promise<unknown>) {
	try {
		await work;
	} catch (e) {
		if (e instanceof ValidationError) return { status: e.status, code: e.code, fields: Object.keys(e.issues) };
		if (e instanceof DomainError) return { status: e.status, code: e.code };
		throw e;
	}
	return null;
}

describe(`collective positions (${dialect})`, () => {
	let t: TestDb;
	let c: TestConsultation;
	let moderator: Actor, admin: Actor, policy: Actor;

	beforeAll(async () => {
		t = await createTestDb();
		c = await createConsultation(t.db);
		({ moderator, admin } = await createStaff(t.db));
		policy = await createActor(t.db, { name: 'Beleid', role: 'policy' });
	});
	afterAll(async () => t.destroy());

	const ref = (org: { slug: string }, number: number) => ({ slug: c.slug, number, organisation: org.slug });

	it('goes from a draft, read and remarked on by a member, to a position signed off by a second coordinator, under the association’s name', async () => {
		const org = await createAssociation(t.db, { coordinators: 2, members: 1 });
		const [drafter, signer] = org.coordinators;
		const [member] = org.members;
		await saveDraft(t.db, drafter, { ...ref(org, 1), ...positionInput({ explanation: 'Ja, als het sneller gaat.' }) });

		// The member reads the draft and leaves a remark; the thread shows nothing yet.
		const seen = await getPositionEditor(t.db, member, { ...ref(org, 1), language: 'nl' });
		expect(seen.draft?.explanation).toBe('Ja, als het sneller gaat.');
		expect(seen.canSignOff).toBe(false);
		expect(seen.canRemark).toBe(true);
		await addRemark(t.db, member, generousLimits(), { ...ref(org, 1), body: 'Zeg ook iets over de kosten.' });
		expect(await listThreadPositions(t.db, c.rec(1), 'nl')).toEqual([]);

		// The drafter sees the remark and waits for the second coordinator, who signs it off.
		const mine = await getPositionEditor(t.db, drafter, { ...ref(org, 1), language: 'nl' });
		expect(mine.remarks.map((r) => r.body)).toEqual(['Zeg ook iets over de kosten.']);
		expect(mine.waitsForSecond).toBe(true);
		expect((await getPositionEditor(t.db, signer, { ...ref(org, 1), language: 'nl' })).canSignOff).toBe(true);
		await signOffPosition(t.db, signer, ref(org, 1));

		const [shown] = await listThreadPositions(t.db, c.rec(1), 'nl');
		expect(shown.organisation.name).toBe(org.name);
		expect(shown.status).toBe('published');
		expect(shown.current).toMatchObject({
			stance: 'agrees_with_conditions',
			mandate: 'members_meeting',
			decidedOn: '2026-03-03',
			membersTakingPart: 14,
			signOff: 'second_coordinator',
			version: 1
		});
		// Never a person's name, never a remark, in what readers get.
		const json = JSON.stringify(shown);
		for (const person of [drafter, signer, member]) expect(json).not.toContain(person.displayName);
		expect(json).not.toContain('kosten');
		expect((await listOrganisationPositions(t.db, org.id, 'nl')).map((p) => p.id)).toEqual([shown.id]);
		const log = await t.db
			.selectFrom('audit_log')
			.select('action')
			.where('subject_type', '=', 'position')
			.where('subject_id', '=', shown.id)
			.orderBy('id')
			.execute();
		expect(log.map((l) => l.action)).toEqual(['position.draft', 'position.signoff', 'position.publish']);
	});

	it('refuses the sign-off by the coordinator who wrote the draft while there is another coordinator', async () => {
		const org = await createAssociation(t.db, { coordinators: 2 });
		await saveDraft(t.db, org.coordinators[0], { ...ref(org, 2), ...positionInput() });
		expect(await refusal(signOffPosition(t.db, org.coordinators[0], ref(org, 2)))).toEqual({
			status: 403,
			code: 'positions:error.secondCoordinator'
		});
		expect(await refusal(signOffPosition(t.db, org.coordinators[0], { ...ref(org, 2), statement: true }))).toEqual({
			status: 403,
			code: 'positions:error.secondCoordinator'
		});
		// When the second coordinator changes the draft, they become its writer: now the first may sign it off.
		await saveDraft(t.db, org.coordinators[1], { ...ref(org, 2), ...positionInput({ stance: 'disagrees' }) });
		expect(await refusal(signOffPosition(t.db, org.coordinators[1], ref(org, 2)))).not.toBeNull();
		await signOffPosition(t.db, org.coordinators[0], ref(org, 2));
		expect((await listThreadPositions(t.db, c.rec(2), 'nl'))[0].current.stance).toBe('disagrees');
	});

	it('lets the only coordinator publish by confirming the statement of the mandate, and not without it', async () => {
		const org = await createAssociation(t.db, { coordinators: 1 });
		const [only] = org.coordinators;
		await saveDraft(t.db, only, { ...ref(org, 3), ...positionInput({ mandate: 'board', membersTakingPart: '5' }) });
		expect((await getPositionEditor(t.db, only, { ...ref(org, 3), language: 'nl' })).needsStatement).toBe(true);
		expect(await refusal(signOffPosition(t.db, only, ref(org, 3)))).toEqual({
			status: 400,
			code: 'common:error.validation',
			fields: ['statement']
		});
		expect(await listThreadPositions(t.db, c.rec(3), 'nl')).toEqual([]);
		await signOffPosition(t.db, only, { ...ref(org, 3), statement: true });
		const [shown] = await listThreadPositions(t.db, c.rec(3), 'nl');
		expect(shown.current).toMatchObject({ signOff: 'mandate_statement', mandate: 'board', membersTakingPart: 5 });
	});

	it('shows drafts and remarks only to the association’s members and coordinators', async () => {
		const org = await createAssociation(t.db, { coordinators: 2, members: 1 });
		const other = await createAssociation(t.db, { coordinators: 1, members: 1 });
		const outsider = await createActor(t.db, { name: 'Buitenstaander' });
		await saveDraft(t.db, org.coordinators[0], { ...ref(org, 4), ...positionInput() });
		await addRemark(t.db, org.members[0], generousLimits(), { ...ref(org, 4), body: 'Geheime opmerking' });
		const open = (actor: Actor | null) => getPositionEditor(t.db, actor, { ...ref(org, 4), language: 'nl' });
		for (const actor of [outsider, other.coordinators[0], other.members[0], moderator, admin, policy])
			expect(await refusal(open(actor)), actor.displayName).toEqual({ status: 403, code: 'common:error.forbidden' });
		expect(await refusal(open(null))).toEqual({ status: 401, code: 'common:error.loginRequired' });
		expect(await refusal(addRemark(t.db, outsider, generousLimits(), { ...ref(org, 4), body: 'Hallo' }))).toEqual({
			status: 403,
			code: 'common:error.forbidden'
		});
		// The public thread section carries neither the draft nor the remark.
		const section = await getThreadPositions(t.db, outsider, { recommendationId: c.rec(4), language: 'nl' });
		expect(section.positions).toEqual([]);
		expect(JSON.stringify(section)).not.toContain('Geheime');
		// A member finds the association's page from the thread.
		const forMember = await getThreadPositions(t.db, org.members[0], { recommendationId: c.rec(4), language: 'nl' });
		expect(forMember.mine).toEqual([{ slug: org.slug, name: org.name, coordinator: false }]);
	});

	it('keeps earlier versions as history, shows a withdrawn position with its date, and allows a new one after it', async () => {
		const org = await createAssociation(t.db);
		const [a, b] = org.coordinators;
		await publishPosition(t.db, org, { slug: c.slug, number: 5 }, { explanation: 'Eerste versie.' });
		// A new draft changes nothing readers see until it is signed off.
		await saveDraft(t.db, a, { ...ref(org, 5), ...positionInput({ explanation: 'Tweede versie.', stance: 'agrees' }) });
		expect((await listThreadPositions(t.db, c.rec(5), 'nl'))[0].current.explanation).toBe('Eerste versie.');
		await signOffPosition(t.db, b, ref(org, 5));
		const [v2] = await listThreadPositions(t.db, c.rec(5), 'nl');
		expect(v2.current).toMatchObject({ version: 2, explanation: 'Tweede versie.', stance: 'agrees' });
		expect(v2.history.map((h) => [h.version, h.explanation])).toEqual([[1, 'Eerste versie.']]);

		const withdrawnAt = new Date('2026-12-01T10:00:00Z');
		await withdrawPosition(t.db, b, ref(org, 5), withdrawnAt);
		const [withdrawn] = await listThreadPositions(t.db, c.rec(5), 'nl');
		expect(withdrawn).toMatchObject({ id: v2.id, status: 'withdrawn', withdrawnAt: withdrawnAt.toISOString() });
		// A new position may follow the withdrawn one; both show.
		await publishPosition(t.db, org, { slug: c.slug, number: 5 }, { explanation: 'Nieuw standpunt.' });
		const after = await listThreadPositions(t.db, c.rec(5), 'nl');
		expect(after.map((p) => [p.status, p.current.explanation])).toEqual([
			['withdrawn', 'Tweede versie.'],
			['published', 'Nieuw standpunt.']
		]);
	});

	it('makes exactly one position when coordinators save a first draft at the same moment', async () => {
		const org = await createAssociation(t.db, { coordinators: 2 });
		const saves = Array.from({ length: 8 }, (_, i) =>
			saveDraft(t.db, org.coordinators[i % 2], {
				...ref(org, 6),
				...positionInput({ explanation: `Versie ${i}` })
			})
		);
		const results = await Promise.all(saves);
		expect(new Set(results.map((r) => r.positionId)).size).toBe(1);
		const rows = await t.db
			.selectFrom('positions')
			.select('id')
			.where('organisation_id', '=', org.id)
			.where('recommendation_id', '=', c.rec(6))
			.execute();
		expect(rows).toHaveLength(1);
		const versions = await t.db
			.selectFrom('position_versions')
			.select('id')
			.where('position_id', '=', rows[0].id)
			.execute();
		expect(versions).toHaveLength(1);
	});

	it('refuses a second position in the database itself while one is not withdrawn', async () => {
		const org = await createAssociation(t.db);
		await saveDraft(t.db, org.coordinators[0], { ...ref(org, 7), ...positionInput() });
		const now = new Date().toISOString();
		await expect(
			t.db
				.insertInto('positions')
				.values({
					organisation_id: org.id,
					recommendation_id: c.rec(7),
					status: 'published',
					created_by: null,
					created_at: now,
					updated_at: now,
					first_published_at: now,
					withdrawn_at: null,
					withdrawn_by: null,
					hidden_at: null,
					hidden_reason: null,
					hidden_by: null
				})
				.execute()
		).rejects.toThrow();
	});

	it('never adds a position to the votes: the thread tally and the dashboard stay the same', async () => {
		const voter = await createActor(t.db, { name: 'Kiezer' });
		await castVote(t.db, voter, generousLimits(), { slug: c.slug, number: 8, choice: 'disagree' });
		const before = await tallies(t.db, c.rec(8));
		const dashboardBefore = await getDashboard(t.db, policy, c.slug, noFilters);
		const org = await createAssociation(t.db);
		await publishPosition(t.db, org, { slug: c.slug, number: 8 }, { stance: 'agrees', membersTakingPart: '40' });
		expect(await tallies(t.db, c.rec(8))).toEqual(before);
		const dashboardAfter = await getDashboard(t.db, policy, c.slug, noFilters);
		expect(dashboardAfter.totals).toEqual(dashboardBefore.totals);
		expect(dashboardAfter.recommendations.find((r) => r.number === 8)?.tallies).toEqual(before);
		// The positions are counted apart, with the members they represent.
		const positions = await getDashboardPositions(t.db, policy, [c.rec(8)]);
		expect(positions.tallies).toEqual([
			{
				recommendation: 8,
				stances: {
					agrees: { associations: 1, members: 40 },
					agrees_with_conditions: { associations: 0, members: 0 },
					disagrees: { associations: 0, members: 0 },
					no_shared_position: { associations: 0, members: 0 }
				}
			}
		]);
	});

	it('reads the positions of a thread in a fixed number of queries, however many there are', async () => {
		const count = async () => {
			const counter = new QueryCounter();
			await getThreadPositions(t.db.withPlugin(counter), null, { recommendationId: c.rec(9), language: 'fr' });
			return counter.count;
		};
		await publishPosition(t.db, await createAssociation(t.db), { slug: c.slug, number: 9 });
		const one = await count();
		for (let i = 0; i < 4; i++) {
			const org = await createAssociation(t.db);
			await publishPosition(t.db, org, { slug: c.slug, number: 9 });
			await saveDraft(t.db, org.coordinators[0], {
				...ref(org, 9),
				...positionInput({ explanation: 'Nieuwe versie.' })
			});
			await signOffPosition(t.db, org.coordinators[1], ref(org, 9));
		}
		expect((await listThreadPositions(t.db, c.rec(9), 'fr')).length).toBe(5);
		expect(await count()).toBe(one);
		expect(one).toBe(3);
	});

	it('shows a current translation of the explanation, and the text as written once it changed', async () => {
		const org = await createAssociation(t.db);
		const { positionId } = await publishPosition(
			t.db,
			org,
			{ slug: c.slug, number: 10 },
			{ explanation: 'Wij zijn akkoord.' }
		);
		const [source] = await loadSources(t.db, [{ itemType: 'position', itemId: positionId, field: 'explanation' }]);
		expect(source).toMatchObject({ consultationId: c.id, language: 'nl', text: 'Wij zijn akkoord.' });
		await save(t.db, {
			source,
			language: 'fr',
			text: 'Nous sommes d’accord.',
			origin: 'volunteer',
			translatedBy: null,
			checkedBy: null,
			now: new Date().toISOString()
		});
		const [fr] = await listThreadPositions(t.db, c.rec(10), 'fr');
		expect(fr.current.explanationShown).toMatchObject({ text: 'Nous sommes d’accord.', lang: 'fr' });
		expect(fr.current.explanationShown.translated?.original).toBe('Wij zijn akkoord.');
		await saveDraft(t.db, org.coordinators[0], {
			...ref(org, 10),
			...positionInput({ explanation: 'Wij zijn het eens.' })
		});
		await signOffPosition(t.db, org.coordinators[1], ref(org, 10));
		const [changed] = await listThreadPositions(t.db, c.rec(10), 'fr');
		expect(changed.current.explanationShown).toMatchObject({ text: 'Wij zijn het eens.', translated: null });
	});

	it('lets a moderator hide a position with a reason, counted on the public moderation page', async () => {
		const org = await createAssociation(t.db);
		const { positionId } = await publishPosition(t.db, org, { slug: c.slug, number: 11 });
		const statsBefore = await moderationStats(t.db);
		expect(await refusal(hidePosition(t.db, org.coordinators[0], { positionId, reason: 'spam' }))).toEqual({
			status: 403,
			code: 'common:error.forbidden'
		});
		expect(await refusal(hidePosition(t.db, moderator, { positionId, reason: 'nonsense' }))).toMatchObject({
			fields: ['reason']
		});
		await hidePosition(t.db, moderator, { positionId, reason: 'hurtful' });
		expect(await listThreadPositions(t.db, c.rec(11), 'nl')).toEqual([]);
		expect(await listOrganisationPositions(t.db, org.id, 'nl')).toEqual([]);
		const statsAfter = await moderationStats(t.db);
		const hurtful = (s: typeof statsBefore) => s.byReason.find((r) => r.reason === 'hurtful')!.hidden;
		expect(hurtful(statsAfter)).toBe(hurtful(statsBefore) + 1);
		const hidden = (s: typeof statsBefore) => s.byMonth.reduce((n, m) => n + m.hidden, 0);
		expect(hidden(statsAfter)).toBe(hidden(statsBefore) + 1);
	});

	it('keeps the published positions of a deactivated association, marked so, and takes no new drafts from it', async () => {
		const org = await createAssociation(t.db);
		await publishPosition(t.db, org, { slug: c.slug, number: 12 });
		await setOrganisationActive(t.db, admin, { slug: org.slug, active: false });
		const [kept] = await listThreadPositions(t.db, c.rec(12), 'nl');
		expect(kept.organisation.deactivated).toBe(true);
		expect(kept.status).toBe('published');
		expect(await refusal(saveDraft(t.db, org.coordinators[0], { ...ref(org, 13), ...positionInput() }))).toEqual({
			status: 409,
			code: 'positions:error.deactivated'
		});
	});

	it('lets a summary cite a position of its thread as [#p12], shown with the association’s name, and refuses one of another thread', async () => {
		const org = await createAssociation(t.db);
		const { positionId } = await publishPosition(t.db, org, { slug: c.slug, number: 15 });
		const { positionId: elsewhere } = await publishPosition(t.db, org, { slug: c.slug, number: 16 });
		const summary = (mainPoints: string) =>
			saveSummary(t.db, moderator, {
				slug: c.slug,
				number: 15,
				publish: true,
				mainPoints,
				disagreements: '',
				voices: ''
			});
		expect(await refusal(summary(`- De vereniging is akkoord [#p${elsewhere}]`))).toMatchObject({
			fields: ['mainPoints']
		});
		await summary(`- De vereniging is akkoord [#p${positionId}]`);
		const published = await getPublishedSummary(t.db, c.rec(15));
		expect(published?.positions).toEqual([{ id: positionId, organisation: org.name }]);
		expect(published?.sections[0].blocks).toEqual([
			{ type: 'list', items: [[{ text: 'De vereniging is akkoord ' }, { position: positionId }]] }
		]);
		const citations = await t.db.selectFrom('summary_citations').select(['source_type', 'source_id']).execute();
		expect(citations).toContainEqual({ source_type: 'position', source_id: positionId });
		// The editor offers the thread's positions to cite.
		const editor = await getSummaryEditor(t.db, moderator, { slug: c.slug, number: 15 });
		expect(editor.positions).toEqual([{ id: positionId, organisation: org.name, withdrawn: false }]);
	});

	it('says what is wrong with every field of a bad form at once', async () => {
		const org = await createAssociation(t.db);
		const bad = await refusal(
			saveDraft(t.db, org.coordinators[0], {
				...ref(org, 14),
				stance: 'maybe',
				explanation: '',
				language: 'xx',
				mandate: 'other',
				mandateOther: '',
				decidedOn: '2999-01-01',
				membersTakingPart: '0',
				splitAgree: 'veel'
			})
		);
		expect(bad?.fields?.sort()).toEqual(
			['decidedOn', 'explanation', 'language', 'mandateOther', 'membersTakingPart', 'splitAgree', 'stance'].sort()
		);
		const tooMany = await refusal(
			saveDraft(t.db, org.coordinators[0], {
				...ref(org, 14),
				...positionInput({ membersTakingPart: '10', splitAgree: '8', splitDisagree: '5' })
			})
		);
		expect(tooMany?.fields).toEqual(['splitAgree']);
		const unknownMandate = await refusal(
			saveDraft(t.db, org.coordinators[0], { ...ref(org, 14), ...positionInput({ mandate: 'by_lot' }) })
		);
		expect(unknownMandate).toMatchObject({ fields: ['mandate'] });
	});
});

describe(`the demo association's position (${dialect})`, () => {
	it('gives "Buurtwerk De Brug (demo)" one published position on recommendation 7, marked as demo, once', async () => {
		const t = await createTestDb();
		try {
			await seedConsultation(t.db, demo);
			await seedDemoAccounts(t.db);
			await seedDemoAccounts(t.db);
			const rec = await t.db
				.selectFrom('recommendations')
				.select('id')
				.where('number', '=', 7)
				.executeTakeFirstOrThrow();
			const shown = await listThreadPositions(t.db, rec.id, 'nl');
			expect(shown).toHaveLength(1);
			expect(shown[0].organisation.name).toBe('Buurtwerk De Brug (demo)');
			expect(shown[0].current).toMatchObject({ demo: true, signOff: 'second_coordinator', membersTakingPart: 14 });
		} finally {
			await t.destroy();
		}
	});
});
