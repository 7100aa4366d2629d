import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTranslator } from '../i18n/translator';
import { locales } from '../i18n/locales';
import * as answers from './answers/service';
import type { Actor } from './auth/actor';
import * as auth from './auth/service';
import { NAME_MAX } from './auth/names';
import { PASSWORD_MAX } from './auth/password';
import { validateSessionToken, type Session } from './auth/session';
import { createActor, generousLimits } from './auth/test-actors';
import * as comments from './comments/service';
import { createTestDb, type TestDb } from './db/test-db';
import { ValidationError, type Issue } from './errors';
import * as invites from './invites/service';
import * as meetings from './meetings/service';
import * as moderation from './moderation/service';
import * as organisations from './organisations/service';
import * as positions from './positions/service';
import { createAssociation, positionInput } from './positions/test-positions';
import { demo } from './seed/demo-data';
import { seedConsultation } from './seed/service';
import * as summaries from './summaries/service';
import * as users from './users/service';

/*
 * Every length limit on a text people write, at its boundary, through the real service: exactly the
 * limit is accepted, one more is refused, and the message names that same number and says "at most"
 * in each of the five languages. "Make it shorter than 2000" while 2000 was accepted was untrue.
 */

const dialect = process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite';
const slug = 'gekleurde-armoede';

/** How each language says "at most"; "shorter than" or "less than" would be wrong at the limit. */
const atMost: Record<(typeof locales)[number], RegExp> = {
	nl: /hoogstens/,
	fr: /au maximum/,
	en: /at most|no more than/,
	tr: /En fazla/i,
	// "the maximum", or "at the most".
	ar: /الحد الأقصى|على الأكثر/
};
const wrong = /korter dan|minder dan|shorter than|less than|moins de|plus court que|أقل من|أقصر من/i;

let seed = 0;
/** A text of exactly n characters (letters only, so it is a valid name too), different each time. */
function text(n: number): string {
	const start = String.fromCharCode(97 + (seed % 26)) + String.fromCharCode(97 + (Math.floor(seed / 26) % 26));
	seed++;
	return `K${start}${'x'.repeat(n)}`.slice(0, n);
}

describe(`length limits at their boundary (${dialect})`, () => {
	let t: TestDb;
	let writer: Actor, moderator: Actor, policy: Actor, admin: Actor;
	let writerSession: Session;
	/** An association whose coordinator drafts a position on recommendation 3 and records a meeting. */
	let association: Awaited<ReturnType<typeof createAssociation>>;
	let meetingId: number;
	const limits = generousLimits();
	const password = 'een lange zin';
	const positionRef = () => ({ slug, number: 3, organisation: association.slug });
	const newComment = async () =>
		(await comments.postComment(t.db, writer, limits, { slug, number: 1, body: text(50), language: 'nl' })).id;

	beforeAll(async () => {
		t = await createTestDb();
		await seedConsultation(t.db, demo);
		const signedUp = await auth.signUp(
			{ db: t.db, limits, address: '192.0.2.1' },
			{ displayName: 'Schrijver', password, locale: 'nl' }
		);
		const validated = await validateSessionToken(t.db, signedUp.token);
		writer = validated.actor!;
		writerSession = validated.session!;
		moderator = await createActor(t.db, { name: 'Moderator', role: 'moderator' });
		policy = await createActor(t.db, { name: 'Beleid', role: 'policy' });
		admin = await createActor(t.db, { name: 'Beheerder', role: 'admin' });
		association = await createAssociation(t.db);
		await positions.saveDraft(t.db, association.coordinators[0], { ...positionRef(), ...positionInput() });
		({ id: meetingId } = await meetings.startMeeting(t.db, association.coordinators[0], limits, {
			slug: association.slug,
			consultation: slug
		}));
	});
	afterAll(async () => t.destroy());

	/** What each limited text goes through: the service call with a text in the field, and the field's name. */
	const cases: { what: string; max: number; field: string; run: (value: string) => Promise<unknown> }[] = [
		{
			what: 'a comment',
			max: comments.COMMENT_MAX,
			field: 'body',
			run: (body) => comments.postComment(t.db, writer, limits, { slug, number: 1, body, language: 'nl' })
		},
		{
			what: 'a reply',
			max: comments.COMMENT_MAX,
			field: 'body',
			run: async (body) =>
				comments.postComment(t.db, writer, limits, {
					slug,
					number: 1,
					body,
					language: 'nl',
					parentId: await newComment()
				})
		},
		{
			what: 'an edited comment',
			max: comments.COMMENT_MAX,
			field: 'body',
			run: async (body) => comments.editComment(t.db, writer, { commentId: await newComment(), body, language: 'nl' })
		},
		{
			what: 'a comment a moderator edits personal details out of',
			max: comments.COMMENT_MAX,
			field: 'body',
			run: async (body) => moderation.redactComment(t.db, moderator, { commentId: await newComment(), body })
		},
		{
			what: 'a moderator’s note',
			max: moderation.NOTE_MAX,
			field: 'note',
			run: async (note) =>
				moderation.hideComment(t.db, moderator, { commentId: await newComment(), reason: 'hurtful', note })
		},
		...summaries.summarySections.map((section) => ({
			what: `the summary section ${section}`,
			max: summaries.SECTION_MAX,
			field: section,
			run: (value: string) =>
				summaries.saveSummary(t.db, moderator, {
					slug,
					number: 2,
					publish: false,
					mainPoints: '',
					disagreements: '',
					voices: '',
					[section]: value
				})
		})),
		{
			what: 'an answer’s explanation',
			max: answers.EXPLANATION_MAX,
			field: 'explanation',
			run: (explanation) =>
				answers.saveAnswer(t.db, policy, { slug, number: 2, status: 'under_study', explanation, publish: false })
		},
		{
			what: 'an answer’s commitment',
			max: answers.COMMITMENT_MAX,
			field: 'commitment',
			run: (commitment) =>
				answers.saveAnswer(t.db, policy, {
					slug,
					number: 2,
					status: 'under_study',
					explanation: 'Uitleg',
					commitment,
					publish: false
				})
		},
		{
			what: 'a pseudonym at sign-up',
			max: NAME_MAX,
			field: 'displayName',
			run: (displayName) =>
				auth.signUp({ db: t.db, limits, address: '192.0.2.2' }, { displayName, password, locale: 'nl' })
		},
		{
			what: 'a password at sign-up',
			max: PASSWORD_MAX,
			field: 'password',
			run: (value) =>
				auth.signUp(
					{ db: t.db, limits, address: '192.0.2.3' },
					{ displayName: text(10), password: value, locale: 'nl' }
				)
		},
		{
			what: 'a new password',
			max: PASSWORD_MAX,
			field: 'newPassword',
			run: async (newPassword) => {
				await auth.changePassword(t.db, writer, writerSession, { currentPassword: password, newPassword });
				// Back to the first password, and a fresh session (a change ends the others).
				await auth.changePassword(t.db, writer, writerSession, { currentPassword: newPassword, newPassword: password });
			}
		},
		{
			what: 'a pseudonym in my profile',
			max: NAME_MAX,
			field: 'displayName',
			run: (displayName) =>
				users.updateProfile(t.db, writer, {
					displayName,
					email: '',
					locale: 'nl',
					readLanguages: ['nl'],
					participantGroup: ''
				})
		},
		{
			what: 'an association’s name',
			max: organisations.ORGANISATION_NAME_MAX,
			field: 'name',
			run: (name) => organisations.createOrganisation(t.db, admin, { name, kind: 'civil_society', description: '' })
		},
		{
			what: 'an association’s description',
			max: organisations.ORGANISATION_DESCRIPTION_MAX,
			field: 'description',
			run: (description) =>
				organisations.createOrganisation(t.db, admin, { name: text(12), kind: 'civil_society', description })
		},
		{
			what: 'a position’s explanation',
			max: positions.EXPLANATION_MAX,
			field: 'explanation',
			run: (explanation) =>
				positions.saveDraft(t.db, association.coordinators[0], { ...positionRef(), ...positionInput({ explanation }) })
		},
		{
			what: 'how a position was decided, in the association’s words',
			max: positions.MANDATE_OTHER_MAX,
			field: 'mandateOther',
			run: (mandateOther) =>
				positions.saveDraft(t.db, association.coordinators[0], {
					...positionRef(),
					...positionInput({ mandate: 'other', mandateOther })
				})
		},
		{
			what: 'a member’s remark on a draft position',
			max: positions.REMARK_MAX,
			field: 'remark',
			run: (body) => positions.addRemark(t.db, association.members[0], limits, { ...positionRef(), body })
		},
		{
			what: 'the place of a group meeting',
			max: meetings.PLACE_MAX,
			field: 'place',
			run: (place) =>
				meetings.saveMeetingDetails(t.db, association.coordinators[0], {
					slug: association.slug,
					id: meetingId,
					heldOn: '2026-11-01',
					place,
					languages: ['nl'],
					participants: '12'
				})
		},
		{
			what: 'an invite code’s label',
			max: invites.INVITE_LABEL_MAX,
			field: 'label',
			run: (label) =>
				invites.createInvite(t.db, admin, { organisationSlug: null, maxUses: 5, validDays: 5, label, locale: 'nl' })
		}
	];

	for (const c of cases) {
		it(`accepts ${c.what} of exactly ${c.max} characters, refuses ${c.max + 1}, and says "at most ${c.max}"`, async () => {
			await expect(c.run(text(c.max))).resolves.not.toThrow();
			const refused = await c.run(text(c.max + 1)).then(
				() => null,
				(e: unknown) => e
			);
			expect(refused).toBeInstanceOf(ValidationError);
			const issue: Issue | undefined = (refused as ValidationError).issues[c.field];
			expect(issue, `no issue for ${c.field}: ${JSON.stringify((refused as ValidationError).issues)}`).toBeDefined();
			for (const locale of locales) {
				const tr = await loadTranslator(locale);
				const message = tr(issue!.code, issue!.params ?? {});
				// The number as the language writes it (2.000 in Dutch, 2 000 in French), as the page shows it.
				const limit = new Intl.NumberFormat(locale).format(c.max).replace(/[.,]/g, '\\$&');
				expect(message, `${locale}: ${issue!.code}`).toMatch(new RegExp(`(^|\\D)${limit}(\\D|$)`));
				expect(message, `${locale}: ${issue!.code}`).toMatch(atMost[locale]);
				expect(message, `${locale}: ${issue!.code}`).not.toMatch(wrong);
				expect(message, `${locale}: ${issue!.code}`).not.toContain('{{');
			}
		});
	}

	it('counts characters as people see them: 2000 Arabic letters and emoji are accepted', async () => {
		const arabic = 'ب'.repeat(comments.COMMENT_MAX - 2) + '👋🏽';
		expect([...arabic]).toHaveLength(comments.COMMENT_MAX);
		await expect(
			comments.postComment(t.db, writer, limits, { slug, number: 1, body: arabic, language: 'ar' })
		).resolves.toMatchObject({ id: expect.any(Number) });
	});
});
