import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/actor';
import { createActor } from '../auth/test-actors';
import { createTestDb, type TestDb } from '../db/test-db';
import { DomainError, ValidationError } from '../errors';
import { getThread } from '../recommendations/service';
import { createConsultation } from '../seed/test-consultation';
import { getPlainEditor, PLAIN_MAX, savePlainVersion } from './service';

/*
 * The plain-language version of a recommendation (issue 15): staff write it, drafts included; a save over
 * someone else's newer text is refused; it is logged and its machine translations are queued. Machine
 * translation is configured for this file (an engine nobody calls: the jobs are only queued).
 */
process.env.TRANSLATE_URL = 'http://127.0.0.1:9';

describe(`plain-language versions (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite'})`, () => {
	let t: TestDb;
	let policy: Actor;
	let admin: Actor;

	beforeAll(async () => {
		t = await createTestDb();
		policy = await createActor(t.db, { name: 'Beleid eenvoudig', role: 'policy' });
		admin = await createActor(t.db, { name: 'Beheer eenvoudig', role: 'admin' });
	});
	afterAll(async () => t.destroy());

	const save = async (actor: Actor, ref: { slug: string; number: number }, plainText: string) => {
		const editor = await getPlainEditor(t.db, actor, ref);
		return savePlainVersion(t.db, actor, { ...ref, plainText, version: editor.form.version });
	};

	it('saves the text readers then see first, logs it, and queues its translation into the four other languages', async () => {
		const c = await createConsultation(t.db);
		const ref = { slug: c.slug, number: 12 };
		const result = await save(policy, ref, '  De stad helpt gezinnen.\n\n\n\nZe doet dat snel.  ');
		expect(result.translating).toBe(4);
		const thread = await getThread(t.db, c.slug, 12, 'nl');
		// Paragraphs kept apart by one empty line, spaces at the ends gone.
		const stored = 'De stad helpt gezinnen.\n\nZe doet dat snel.';
		expect(thread.plainShown?.text).toBe(stored);
		const jobs = await t.db
			.selectFrom('translation_jobs')
			.select(['field', 'language'])
			.where('item_type', '=', 'recommendation')
			.where('item_id', '=', c.rec(12))
			.orderBy('language')
			.execute();
		expect(jobs).toEqual(['ar', 'en', 'fr', 'tr'].map((language) => ({ field: 'plain_text', language })));
		const log = await t.db
			.selectFrom('audit_log')
			.select(['actor_id', 'subject_type', 'detail'])
			.where('action', '=', 'recommendation.plain')
			.where('subject_id', '=', c.rec(12))
			.execute();
		expect(log).toEqual([
			{ actor_id: policy.id, subject_type: 'recommendation', detail: JSON.stringify({ characters: stored.length }) }
		]);
	});

	it('refuses a save over a version someone else saved since the editor opened, and keeps theirs', async () => {
		const c = await createConsultation(t.db);
		const ref = { slug: c.slug, number: 3 };
		const mine = await getPlainEditor(t.db, policy, ref);
		await save(admin, ref, 'De tekst van de beheerder.');
		const late = savePlainVersion(t.db, policy, { ...ref, plainText: 'Mijn tekst.', version: mine.form.version });
		await expect(late).rejects.toMatchObject({ code: 'revisions:plain.error.stale', status: 409 });
		expect((await getPlainEditor(t.db, policy, ref)).form.plainText).toBe('De tekst van de beheerder.');
	});

	it('says when nothing changed, and when the text is too long, and saves neither', async () => {
		const c = await createConsultation(t.db);
		const ref = { slug: c.slug, number: 4 };
		const editor = await getPlainEditor(t.db, policy, ref);
		const issueOf = async (plainText: string) => {
			const e = await savePlainVersion(t.db, policy, { ...ref, plainText, version: editor.form.version }).catch(
				(e: unknown) => e
			);
			expect(e).toBeInstanceOf(ValidationError);
			return (e as ValidationError).issues.plainText?.code;
		};
		expect(await issueOf(editor.form.plainText)).toBe('revisions:plain.error.unchanged');
		expect(await issueOf('a'.repeat(PLAIN_MAX + 1))).toBe('summary:error.tooLong');
		expect((await getPlainEditor(t.db, policy, ref)).form.plainText).toBe(editor.form.plainText);
	});

	it('lets staff prepare a draft consultation, which stays hidden from readers', async () => {
		const c = await createConsultation(t.db, { phase: 'draft' });
		const ref = { slug: c.slug, number: 7 };
		await save(policy, ref, 'Klaar voor de opening.');
		expect((await getPlainEditor(t.db, admin, ref)).form.plainText).toBe('Klaar voor de opening.');
		await expect(getThread(t.db, c.slug, 7, 'nl')).rejects.toBeInstanceOf(DomainError);
	});

	it('removes the version when saved empty, and queues no translation of nothing', async () => {
		const c = await createConsultation(t.db);
		const ref = { slug: c.slug, number: 9 };
		expect((await save(policy, ref, '')).translating).toBe(0);
		expect((await getThread(t.db, c.slug, 9, 'nl')).plainShown).toBeNull();
	});
});
