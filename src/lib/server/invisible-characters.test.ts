import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveAnswer } from './answers/service';
import { auditEntry } from './audit/test-entries';
import type { Actor } from './auth/actor';
import { signUp } from './auth/service';
import { createActor, createStaff, generousLimits } from './auth/test-actors';
import { editComment, postComment, reportComment } from './comments/service';
import { storedComment } from './comments/test-rows';
import { setPhase } from './consultations/service';
import { createTestDb, type TestDb } from './db/test-db';
import { DomainError, ValidationError } from './errors';
import { createInvite } from './invites/service';
import { redactComment } from './moderation/service';
import { createOrganisation } from './organisations/service';
import { demo } from './seed/demo-data';
import { seedConsultation } from './seed/service';
import { createConsultation } from './seed/test-consultation';
import { saveSummary } from './summaries/service';

/*
 * Texts that others read are stored without the invisible characters that can disguise them (see
 * lib/text/clean.ts), by every service that stores one; what a script or an emoji needs stays.
 */

const dialect = process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite';
const slug = 'gekleurde-armoede';
const number = 45;

/** What the writer typed: disguises (RLO, isolates, ZWSP, word joiner, BOM, soft hyphen) around text that must stay. */
const typed =
	'abc\u202Etxt.exe \u2066bijlage\u2069 ver\u200Bga\u2060de\u00ADring\uFEFF — من می\u200Cخواهم 👩\u200D👩\u200D👧 🏳\uFE0F\u200D🌈';
const stored = 'abctxt.exe bijlage vergadering — من می\u200Cخواهم 👩\u200D👩\u200D👧 🏳\uFE0F\u200D🌈';
/** Nothing visible at all. */
const onlyInvisible = '\u200B\u2060\uFEFF\u202E\u2066\u2069\u200E\u200F\u061C\u00AD\u3164';

const points = (s: string) => [...s].map((c) => c.codePointAt(0)!.toString(16));

const rejection = (p: Promise<unknown>) =>
	p.then(
		() => 'resolved',
		(e) => (e instanceof ValidationError ? e.issues : e instanceof DomainError ? e.code : e)
	);

describe(`stored texts have no invisible characters (${dialect})`, () => {
	let t: TestDb;
	let author: Actor, moderator: Actor, admin: Actor;
	const limits = generousLimits();
	const comment = (body: string, extra: { confirmPersonal?: boolean } = {}) =>
		postComment(t.db, author, limits, { slug, number, body, language: 'nl', ...extra });
	const bodyOf = async (id: number) => (await storedComment(t.db, id)).body;

	beforeAll(async () => {
		t = await createTestDb();
		await seedConsultation(t.db, demo);
		author = await createActor(t.db, { name: 'Schrijver' });
		({ moderator, admin } = await createStaff(t.db));
	});
	afterAll(async () => t.destroy());

	it('a posted comment is stored clean, with Persian ZWNJ and emoji sequences intact', async () => {
		const { id } = await comment(typed);
		expect(points(await bodyOf(id))).toEqual(points(stored));
	});

	it('an edited comment is stored clean', async () => {
		const { id } = await comment('Eerste versie van mijn reactie.');
		await editComment(t.db, author, { commentId: id, body: typed, language: 'nl' });
		expect(points(await bodyOf(id))).toEqual(points(stored));
	});

	it('a comment of only invisible characters is refused as empty, with the usual message', async () => {
		expect(await rejection(comment(onlyInvisible))).toEqual({ body: { code: 'thread:comment.empty' } });
	});

	it('a report note is stored clean', async () => {
		const { id } = await comment('Een gewone reactie om te melden.');
		await reportComment(t.db, admin, limits, { commentId: id, reason: 'other', note: typed });
		const { note } = await t.db
			.selectFrom('comment_reports')
			.select('note')
			.where('comment_id', '=', id)
			.executeTakeFirstOrThrow();
		expect(points(note ?? '')).toEqual(points(stored));
	});

	it("a moderator's edited version and note are stored clean", async () => {
		const { id } = await comment('Mijn buurman Jan Peeters zegt dit.');
		await redactComment(t.db, moderator, { commentId: id, body: `Mijn buurman zegt dit. ${typed}`, note: typed });
		expect(points(await bodyOf(id))).toEqual(points(`Mijn buurman zegt dit. ${stored}`));
		const { detail } = await auditEntry(t.db, 'comment.redact', id);
		expect(points(JSON.parse(detail).note)).toEqual(points(stored));
	});

	it('a summary is stored clean', async () => {
		await saveSummary(t.db, moderator, {
			slug,
			number,
			publish: false,
			mainPoints: typed,
			disagreements: '',
			voices: ''
		});
		const row = await t.db.selectFrom('summaries').select('main_points').executeTakeFirstOrThrow();
		expect(points(row.main_points)).toEqual(points(stored));
	});

	it("policy staff's answer is stored clean", async () => {
		await saveAnswer(t.db, admin, {
			slug,
			number,
			status: 'adopted',
			explanation: typed,
			commitment: typed,
			publish: false
		});
		const row = await t.db.selectFrom('answers').select(['explanation', 'commitment']).executeTakeFirstOrThrow();
		expect(points(row.explanation)).toEqual(points(stored));
		expect(points(row.commitment ?? '')).toEqual(points(stored));
	});

	it("an association's name and description are stored clean", async () => {
		const { slug: org } = await createOrganisation(t.db, admin, {
			name: 'Buurt\u200Bwerk \u202EDe Brug',
			kind: 'poverty_association',
			description: typed
		});
		const row = await t.db
			.selectFrom('organisations')
			.select(['name', 'description'])
			.where('slug', '=', org)
			.executeTakeFirstOrThrow();
		expect(row.name).toBe('Buurtwerk De Brug');
		expect(points(row.description)).toEqual(points(stored));
	});

	it("an invite code's label is stored clean", async () => {
		const invite = await createInvite(t.db, admin, {
			organisationSlug: null,
			maxUses: 5,
			validDays: 7,
			label: 'Groep\u200B \u2066dinsdag\u2069',
			locale: 'nl'
		});
		expect(invite).toBeTruthy();
		const row = await t.db.selectFrom('invite_codes').select('label').executeTakeFirstOrThrow();
		expect(row.label).toBe('Groep dinsdag');
	});

	it("a phase change's note is stored clean in the audit log", async () => {
		// On its own copy of the consultation, which it closes.
		const own = await createConsultation(t.db);
		await setPhase(t.db, admin, { slug: own.slug, phase: 'closed', note: typed });
		const { detail } = await auditEntry(t.db, 'consultation.phase', own.id);
		expect(points(JSON.parse(detail).note)).toEqual(points(stored));
	});

	it('a display name with an invisible letter or a run of variation selectors is refused', async () => {
		const ctx = { db: t.db, limits, address: '192.0.2.10' };
		for (const displayName of ['\u3164\u3164', 'Fatima\u3164', 'Jan\u034F\u034F', 'Ali\uFE0F\u{E0100}']) {
			expect(await rejection(signUp(ctx, { displayName, password: 'een lange zin hier', locale: 'nl' }))).toEqual({
				displayName: { code: 'auth:name.characters', params: { min: 2, max: 40 } }
			});
		}
	});
});
