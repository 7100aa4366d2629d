import { positionMandates, positionStances, type PositionStance } from '../../domain';
import { locales } from '../../i18n/locales';
import { cleanLine, cleanText } from '../../text/clean';
import type { PositionVersionView, PositionView, Shown } from '../../views';
import type { MaybeActor } from '../auth/actor';
import type { AuthLimits } from '../auth/limits';
import { requireAllowed, requireLogin } from '../auth/require';
import * as audit from '../audit/repository';
import type { DB } from '../db/create';
import { DomainError, IssueCollector, notFound } from '../errors';
import { readReason } from '../moderation/input';
import * as organisations from '../organisations/repository';
import { findThreadRef, type ThreadRef } from '../recommendations/service';
import * as translations from '../translations/service';
import { queueTranslationsOf } from '../translators/service';
import { canSeeResults } from '../results/policy';
import { canDraftPosition, canHidePosition, canReadPositionDrafts } from './policy';
import * as repository from './repository';
import type { PositionRecord, VersionRow } from './repository';

/*
 * Collective positions (issue 13). An association says where it stands on a recommendation, and how it
 * decided (its mandate). A coordinator drafts; the members read the draft and may leave a remark for the
 * coordinators (never public); a second coordinator signs it off, or, where the association has one
 * coordinator, that coordinator confirms a statement of the mandate. It is then published under the
 * association's name, never a person's. A change is a new version (the published ones stay as history);
 * a withdrawn position shows as withdrawn, with the date, and a new one may follow.
 *
 * Positions are never added to individual votes: they are shown, counted and exported apart.
 */

export const EXPLANATION_MAX = 4000;
export const MANDATE_OTHER_MAX = 200;
export const MEMBERS_MAX = 100_000;
export const REMARK_MAX = 1000;

export { positionMandates, positionStances };

/** Where a position is worked on: the thread, and the association by its slug. */
export interface PositionRef {
	slug: string;
	number: number;
	organisation: string;
}

export interface PositionInput {
	stance: string;
	explanation: string;
	language: string;
	mandate: string;
	mandateOther?: string;
	decidedOn: string;
	membersTakingPart: string;
	splitAgree?: string;
	splitDisagree?: string;
	splitAbstain?: string;
}

function toVersion(r: VersionRow, shown?: Shown): PositionVersionView {
	const split =
		r.split_agree === null && r.split_disagree === null && r.split_abstain === null
			? null
			: { agree: r.split_agree ?? 0, disagree: r.split_disagree ?? 0, abstain: r.split_abstain ?? 0 };
	return {
		version: r.version,
		stance: r.stance,
		explanation: r.explanation,
		explanationShown: shown ?? translations.asWritten({ text: r.explanation, language: r.language }),
		language: r.language,
		mandate: r.mandate,
		mandateOther: r.mandate_other,
		decidedOn: r.decided_on,
		membersTakingPart: r.members_taking_part,
		split,
		signOff: r.sign_off,
		publishedAt: r.published_at,
		demo: r.is_demo === 1
	};
}

/** The explanation of a position's current version, as a text to look a translation up for. */
const explanationOf = (positionId: number, v: { explanation: string; language: string }): translations.Readable => ({
	itemType: 'position',
	itemId: positionId,
	field: 'explanation',
	text: v.explanation,
	language: v.language
});

/**
 * Public positions as readers see them, with their history, the current explanation in the reader's
 * language where a current translation exists: two queries (versions, translations) for any number.
 */
async function showPositions(db: DB, rows: PositionRecord[], language: string): Promise<PositionView[]> {
	const versions = await repository.versionsOf(
		db,
		rows.map((r) => r.id)
	);
	const byPosition = new Map<number, VersionRow[]>();
	for (const v of versions) byPosition.set(v.position_id, [...(byPosition.get(v.position_id) ?? []), v]);
	const current = rows.flatMap((r) => {
		const v = byPosition.get(r.id)?.find((x) => x.id === r.current_version_id);
		return v ? [{ row: r, version: v }] : [];
	});
	const localise = await translations.localiser(
		db,
		current.map((c) => explanationOf(c.row.id, c.version)),
		language
	);
	return current.map(({ row, version }) => ({
		id: row.id,
		organisation: {
			slug: row.organisation_slug,
			name: row.organisation_name,
			deactivated: row.organisation_deactivated_at !== null
		},
		recommendation: {
			consultationSlug: row.consultation_slug,
			number: row.recommendation_number,
			shortTitle: row.recommendation_title,
			language: row.recommendation_language
		},
		status: row.status,
		withdrawnAt: row.withdrawn_at,
		current: toVersion(version, localise(explanationOf(row.id, version))),
		history: (byPosition.get(row.id) ?? []).filter((v) => v.version < version.version).map((v) => toVersion(v))
	}));
}

/**
 * "What associations say" on a thread: its published and withdrawn positions (hidden ones left out),
 * published first, by association. Three queries whatever their number.
 */
export async function listThreadPositions(db: DB, recommendationId: number, language: string) {
	return showPositions(db, await repository.listPublicOn(db, [recommendationId]), language);
}

/** All public positions of an association, for its public page. Three queries. */
export async function listOrganisationPositions(db: DB, organisationId: number, language: string) {
	return showPositions(db, await repository.listPublicOf(db, organisationId), language);
}

async function findOrganisation(db: DB, slug: string) {
	const org = await organisations.findBySlug(db, slug);
	if (!org) throw notFound('organisation');
	return org;
}

/** The thread, the association, and whether the actor may draft (coordinator) or read drafts (member). */
async function context(db: DB, actor: MaybeActor, ref: PositionRef) {
	const thread = await findThreadRef(db, ref.slug, ref.number);
	const org = await findOrganisation(db, ref.organisation);
	return { thread, org, coordinator: canDraftPosition(actor, org.id), member: canReadPositionDrafts(actor, org.id) };
}

function requireCoordinator(actor: MaybeActor, org: { id: number; deactivated_at: string | null }, thread: ThreadRef) {
	requireAllowed(actor, canDraftPosition(actor, org.id));
	if (org.deactivated_at !== null) throw new DomainError('positions:error.deactivated', 409);
	if (thread.phase !== 'open') throw new DomainError('thread:error.closed', 409);
}

/**
 * The position page of an association on a recommendation, for its members and coordinators: the
 * position as published (with its history), the draft with the remarks on it, and what this person may
 * do (edit, sign off, or, as the only coordinator, confirm the mandate). Nobody else sees drafts or
 * remarks. Raises loginRequired, forbidden, notFound.*.
 */
export async function getPositionEditor(db: DB, actor: MaybeActor, ref: PositionRef & { language: string }) {
	requireLogin(actor);
	const { thread, org, coordinator, member } = await context(db, actor, ref);
	requireAllowed(actor, member);
	const active = await repository.findActive(db, org.id, thread.id);
	const [published, draft, remarks, coordinators] = await Promise.all([
		active?.current_version_id ? showPositions(db, [active], ref.language) : Promise.resolve([]),
		active ? repository.findDraft(db, active.id) : Promise.resolve(undefined),
		active ? repository.remarksOf(db, active.id) : Promise.resolve([]),
		repository.coordinatorCount(db, org.id)
	]);
	const open = thread.phase === 'open' && org.deactivated_at === null;
	const mine = draft?.drafted_by === actor.id;
	const start = draft ?? (active?.current_version_id ? await repository.findDraftOrCurrent(db, active) : undefined);
	return {
		thread: {
			number: thread.number,
			shortTitle: thread.shortTitle,
			consultationSlug: thread.consultationSlug,
			consultationTitle: thread.consultationTitle,
			language: thread.language
		},
		organisation: { slug: org.slug, name: org.name, deactivated: org.deactivated_at !== null },
		coordinator,
		open,
		position: published[0] ?? null,
		draft: draft ? toVersion(draft) : null,
		draftSavedAt: draft?.updated_at ?? null,
		/** A member who is not a coordinator reads the draft; a coordinator edits it (starting from the published text). */
		form: start
			? {
					stance: start.stance,
					explanation: start.explanation,
					language: start.language,
					mandate: start.mandate,
					mandateOther: start.mandate_other,
					decidedOn: start.decided_on,
					membersTakingPart: String(start.members_taking_part),
					splitAgree: start.split_agree === null ? '' : String(start.split_agree),
					splitDisagree: start.split_disagree === null ? '' : String(start.split_disagree),
					splitAbstain: start.split_abstain === null ? '' : String(start.split_abstain)
				}
			: null,
		remarks: remarks.map((r) => ({
			id: r.id,
			body: r.body,
			author: r.display_name,
			authorIsDemo: r.is_demo === 1,
			version: r.version,
			createdAt: r.created_at
		})),
		coordinators,
		/** A coordinator who did not write the draft signs it off. */
		canSignOff: open && coordinator && !!draft && !mine,
		/** The only coordinator, who wrote the draft, confirms a statement of the mandate instead. */
		needsStatement: open && coordinator && !!draft && mine && coordinators === 1,
		/** The draft's writer waits for another coordinator. */
		waitsForSecond: open && coordinator && !!draft && mine && coordinators > 1,
		canRemark: open && !!draft
	};
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const count = (value: string | undefined) => {
	const text = (value ?? '').trim();
	if (!text) return { empty: true, n: null };
	const n = /^\d{1,9}$/.test(text) ? Number(text) : NaN;
	return { empty: false, n: Number.isSafeInteger(n) ? n : null };
};

/** Reads a position from a form; every problem at once, each on its field. */
function validate(input: PositionInput, now: Date) {
	const issues = new IssueCollector();
	const stance = issues.oneOf('stance', input.stance, positionStances, 'positions:error.stance');
	const explanation = cleanText(input.explanation ?? '');
	if (!explanation) issues.add('explanation', 'positions:error.explanation');
	else issues.atMost('explanation', explanation, EXPLANATION_MAX, 'positions:error.tooLong');
	const language = (locales as readonly string[]).includes(input.language) ? input.language : null;
	if (!language) issues.add('language', 'positions:error.language');
	const mandate = issues.oneOf('mandate', input.mandate, positionMandates, 'positions:error.mandate');
	const mandateOther = mandate === 'other' ? cleanLine(input.mandateOther ?? '') : '';
	if (mandate === 'other' && !mandateOther) issues.add('mandateOther', 'positions:error.mandateOther');
	else issues.atMost('mandateOther', mandateOther, MANDATE_OTHER_MAX, 'positions:error.tooLong');
	const decidedOn = (input.decidedOn ?? '').trim();
	const validDate =
		isoDate.test(decidedOn) &&
		!Number.isNaN(Date.parse(`${decidedOn}T00:00:00Z`)) &&
		new Date(`${decidedOn}T00:00:00Z`).toISOString().slice(0, 10) === decidedOn;
	if (!validDate) issues.add('decidedOn', 'positions:error.date');
	else if (decidedOn > now.toISOString().slice(0, 10)) issues.add('decidedOn', 'positions:error.dateFuture');
	const members = count(input.membersTakingPart);
	if (members.n === null || members.n < 1 || members.n > MEMBERS_MAX)
		issues.add('membersTakingPart', 'positions:error.members', { max: MEMBERS_MAX });
	const split = (['splitAgree', 'splitDisagree', 'splitAbstain'] as const).map((key) => {
		const c = count(input[key]);
		if (!c.empty && (c.n === null || c.n > MEMBERS_MAX)) issues.add(key, 'positions:error.split');
		return c.n;
	});
	const anySplit = split.some((n) => n !== null);
	if (anySplit && members.n !== null && split.reduce<number>((a, n) => a + (n ?? 0), 0) > members.n)
		issues.add('splitAgree', 'positions:error.splitTooMany', { members: members.n });
	issues.throwIfAny();
	return {
		stance: stance!,
		explanation,
		language: language!,
		mandate: mandate!,
		mandate_other: mandateOther,
		decided_on: decidedOn,
		members_taking_part: members.n!,
		split_agree: anySplit ? (split[0] ?? 0) : null,
		split_disagree: anySplit ? (split[1] ?? 0) : null,
		split_abstain: anySplit ? (split[2] ?? 0) : null
	};
}

/** A second request that made the same row at the same moment: the database refused the second one. */
function isUniqueViolation(e: unknown): boolean {
	const code = String((e as { code?: unknown })?.code ?? '');
	return code === '23505' || code.startsWith('SQLITE_CONSTRAINT');
}

/**
 * Saves the draft of an association's position on a recommendation: the first draft makes the position;
 * on a published position it starts (or updates) the draft of a new version. Coordinators of the
 * association only, while the consultation is open. Two coordinators saving at once make one position
 * (the database allows one at a time): the later save updates the same draft. Recorded in the audit log.
 * Raises loginRequired, forbidden, notFound.*, thread:error.closed, positions:error.deactivated,
 * ValidationError (stance, explanation, language, mandate, mandateOther, decidedOn, membersTakingPart, split*).
 */
export async function saveDraft(
	db: DB,
	actor: MaybeActor,
	input: PositionRef & PositionInput,
	now = new Date()
): Promise<{ positionId: number; version: number }> {
	requireLogin(actor);
	const { thread, org } = await context(db, actor, input);
	requireCoordinator(actor, org, thread);
	const values = validate(input, now);
	const iso = now.toISOString();
	const attempt = () =>
		db.transaction().execute(async (trx) => {
			const active = await repository.findActive(trx, org.id, thread.id);
			const positionId =
				active?.id ??
				(await repository.insertPosition(trx, {
					organisation_id: org.id,
					recommendation_id: thread.id,
					status: 'draft',
					created_by: actor.id,
					created_at: iso,
					updated_at: iso,
					first_published_at: null,
					withdrawn_at: null,
					withdrawn_by: null,
					hidden_at: null,
					hidden_reason: null,
					hidden_by: null
				}));
			const draft = active ? await repository.findDraft(trx, positionId) : undefined;
			let version = draft?.version;
			if (draft) {
				await repository.updateVersion(trx, draft.id, { ...values, drafted_by: actor.id, updated_at: iso });
			} else {
				version = (active ? await repository.lastVersionNumber(trx, positionId) : 0) + 1;
				await repository.insertVersion(trx, {
					...values,
					position_id: positionId,
					version,
					drafted_by: actor.id,
					signed_off_by: null,
					sign_off: null,
					created_at: iso,
					updated_at: iso,
					published_at: null
				});
			}
			await repository.updatePosition(trx, positionId, { updated_at: iso });
			await audit.record(trx, {
				actorId: actor.id,
				action: 'position.draft',
				subjectType: 'position',
				subjectId: positionId,
				detail: `organisation ${org.id}, recommendation ${thread.id}, version ${version}`,
				now: iso
			});
			return { positionId, version: version! };
		});
	try {
		return await attempt();
	} catch (e) {
		// Another coordinator's save made the position (or its draft) a moment earlier: save into that one.
		if (isUniqueViolation(e)) return attempt();
		throw e;
	}
}

async function activeWithDraft(db: DB, org: { id: number }, thread: ThreadRef) {
	const active = await repository.findActive(db, org.id, thread.id);
	const draft = active ? await repository.findDraft(db, active.id) : undefined;
	if (!active || !draft) throw new DomainError('positions:error.noDraft', 409);
	return { active, draft };
}

/**
 * A member (or coordinator) of the association leaves a remark on the draft, for the coordinators.
 * Never public. Rate-limited like comments. Raises loginRequired, forbidden, notFound.*, thread:error.closed,
 * positions:error.noDraft, the comment rate limit (429), ValidationError (remark).
 */
export async function addRemark(
	db: DB,
	actor: MaybeActor,
	limits: AuthLimits,
	input: PositionRef & { body: string },
	now = new Date()
): Promise<void> {
	requireLogin(actor);
	const { thread, org, member } = await context(db, actor, input);
	requireAllowed(actor, member);
	if (thread.phase !== 'open') throw new DomainError('thread:error.closed', 409);
	// Counted with comments, replies and reports: a few a minute per account.
	await limits.consume('commentAccount', String(actor.id));
	const body = cleanText(input.body ?? '');
	const issues = new IssueCollector();
	if (!body) issues.add('remark', 'positions:error.remark');
	else issues.atMost('remark', body, REMARK_MAX, 'positions:error.tooLong');
	issues.throwIfAny();
	const { active, draft } = await activeWithDraft(db, org, thread);
	await repository.insertRemark(db, {
		positionId: active.id,
		versionId: draft.id,
		authorId: actor.id,
		body,
		now: now.toISOString()
	});
}

/**
 * Signs off the draft and publishes it under the association's name. A coordinator who did not write the
 * draft signs it off; where the association has only one coordinator, that coordinator confirms a
 * statement of the mandate instead (`statement`). The published version becomes the one readers see,
 * earlier ones stay as history; machine translations are queued (kick locals.translator). Recorded in
 * the audit log (sign-off and publication). Raises loginRequired, forbidden, notFound.*,
 * thread:error.closed, positions:error.deactivated, positions:error.noDraft,
 * positions:error.secondCoordinator (403: the writer of the draft, with other coordinators),
 * ValidationError (statement).
 */
export async function signOffPosition(
	db: DB,
	actor: MaybeActor,
	input: PositionRef & { statement?: boolean },
	now = new Date()
): Promise<{ positionId: number; version: number; translating: number }> {
	requireLogin(actor);
	const { thread, org } = await context(db, actor, input);
	requireCoordinator(actor, org, thread);
	const { active, draft } = await activeWithDraft(db, org, thread);
	let signOff: 'second_coordinator' | 'mandate_statement' = 'second_coordinator';
	if (draft.drafted_by === actor.id) {
		if ((await repository.coordinatorCount(db, org.id)) > 1)
			throw new DomainError('positions:error.secondCoordinator', 403);
		if (!input.statement) {
			const issues = new IssueCollector();
			issues.add('statement', 'positions:error.statement');
			issues.throwIfAny();
		}
		signOff = 'mandate_statement';
	}
	const iso = now.toISOString();
	return db.transaction().execute(async (trx) => {
		await repository.updateVersion(trx, draft.id, {
			signed_off_by: actor.id,
			sign_off: signOff,
			published_at: iso,
			updated_at: iso
		});
		await repository.updatePosition(trx, active.id, {
			status: 'published',
			current_version_id: draft.id,
			first_published_at: active.first_published_at ?? iso,
			updated_at: iso
		});
		const subject = { subjectType: 'position', subjectId: active.id, now: iso };
		await audit.record(trx, {
			...subject,
			actorId: actor.id,
			action: 'position.signoff',
			reason: signOff,
			detail: `version ${draft.version}`
		});
		await audit.record(trx, {
			...subject,
			actorId: actor.id,
			action: 'position.publish',
			reason: draft.stance,
			detail: `organisation ${org.id}, recommendation ${thread.id}, version ${draft.version}`
		});
		const translating = await queueTranslationsOf(trx, { itemType: 'position', itemId: active.id }, iso);
		return { positionId: active.id, version: draft.version, translating };
	});
}

/**
 * Withdraws the association's position: a published one then shows as withdrawn, with the date, and a
 * new position may follow; a draft never published is simply dropped. Coordinators only. Recorded in
 * the audit log. Raises loginRequired, forbidden, notFound.*, positions:error.noPosition.
 */
export async function withdrawPosition(db: DB, actor: MaybeActor, input: PositionRef, now = new Date()) {
	requireLogin(actor);
	const { thread, org } = await context(db, actor, input);
	requireAllowed(actor, canDraftPosition(actor, org.id));
	const active = await repository.findActive(db, org.id, thread.id);
	if (!active) throw new DomainError('positions:error.noPosition', 409);
	const iso = now.toISOString();
	await db.transaction().execute(async (trx) => {
		await repository.deleteDraft(trx, active.id);
		if (active.current_version_id === null) await repository.deletePosition(trx, active.id);
		else
			await repository.updatePosition(trx, active.id, {
				status: 'withdrawn',
				withdrawn_at: iso,
				withdrawn_by: actor.id,
				updated_at: iso
			});
		await audit.record(trx, {
			actorId: actor.id,
			action: 'position.withdraw',
			subjectType: 'position',
			subjectId: active.id,
			detail: active.current_version_id === null ? 'draft dropped' : '',
			now: iso
		});
	});
}

/** The positions on a thread for a moderator, with their ids, to hide one. Raises loginRequired, forbidden, notFound.*. */
export async function getPositionsToModerate(
	db: DB,
	actor: MaybeActor,
	input: { slug: string; number: number; language: string }
) {
	requireAllowed(actor, canHidePosition(actor));
	const thread = await findThreadRef(db, input.slug, input.number);
	return { thread, positions: await listThreadPositions(db, thread.id, input.language) };
}

/**
 * A moderator hides a position, with a reason, like a comment: readers no longer see it, and it is
 * counted on the public moderation page (the audit log's position.hide). Raises loginRequired, forbidden,
 * notFound.position, ValidationError (reason).
 */
export async function hidePosition(
	db: DB,
	actor: MaybeActor,
	input: { positionId: number; reason: string },
	now = new Date()
): Promise<void> {
	requireAllowed(actor, canHidePosition(actor));
	const position = Number.isSafeInteger(input.positionId) ? await repository.findById(db, input.positionId) : undefined;
	if (!position || position.hidden_at !== null) throw notFound('position');
	const issues = new IssueCollector();
	const reason = readReason(issues, input.reason);
	issues.throwIfAny();
	const iso = now.toISOString();
	await db.transaction().execute(async (trx) => {
		await repository.updatePosition(trx, position.id, {
			hidden_at: iso,
			hidden_reason: reason,
			hidden_by: actor.id,
			updated_at: iso
		});
		await audit.record(trx, {
			actorId: actor.id,
			action: 'position.hide',
			subjectType: 'position',
			subjectId: position.id,
			reason,
			now: iso
		});
	});
}

/**
 * The "What associations say" section of a thread: its public positions, and for a member of an
 * association the link to their association's position page (drafts are read there). Refuses nobody.
 * Four queries at most, whatever the number of positions.
 */
export async function getThreadPositions(
	db: DB,
	actor: MaybeActor,
	input: { recommendationId: number; language: string }
) {
	const [positions, mine] = await Promise.all([
		listThreadPositions(db, input.recommendationId, input.language),
		actor && actor.memberships.length ? organisations.listForUser(db, actor.id) : Promise.resolve([])
	]);
	return {
		positions,
		mine: mine.map((o) => ({ slug: o.slug, name: o.name, coordinator: o.role === 'coordinator' })),
		canModerate: canHidePosition(actor)
	};
}

/**
 * A public position's current version, flat, for the dashboard and the exports: the version as readers
 * see it (without the text shown to one reader), with its association and recommendation beside it.
 */
export interface PositionRow extends Omit<PositionVersionView, 'explanationShown' | 'signOff' | 'publishedAt'> {
	id: number;
	recommendationId: number;
	recommendation: number;
	organisation: string;
	organisationSlug: string;
	organisationKind: string;
	organisationDeactivated: boolean;
	status: 'published' | 'withdrawn';
	withdrawnAt: string | null;
	/** The sign-off, or '' for none. */
	signOff: string;
	/** When this version was published, or '' for not yet. */
	publishedAt: string;
}

/**
 * The public positions (published or withdrawn, never hidden) on these recommendations, their current
 * versions, one query. Not filtered by group or date: a position is an association's, not a person's.
 */
export async function positionRowsFor(db: DB, recommendationIds: number[]): Promise<PositionRow[]> {
	const rows = await repository.currentOn(db, recommendationIds);
	return rows.map((r) => {
		const v = toVersion(r);
		return {
			id: r.position_id,
			recommendationId: r.recommendation_id,
			recommendation: r.recommendation_number,
			organisation: r.organisation_name,
			organisationSlug: r.organisation_slug,
			organisationKind: r.organisation_kind,
			organisationDeactivated: r.organisation_deactivated_at !== null,
			status: r.status === 'withdrawn' ? 'withdrawn' : 'published',
			withdrawnAt: r.withdrawn_at,
			version: v.version,
			stance: v.stance,
			explanation: v.explanation,
			language: v.language,
			mandate: v.mandate,
			mandateOther: v.mandateOther,
			decidedOn: v.decidedOn,
			membersTakingPart: v.membersTakingPart,
			split: v.split,
			signOff: v.signOff ?? '',
			publishedAt: v.publishedAt ?? '',
			demo: v.demo
		};
	});
}

/**
 * Positions per recommendation and stance, with how many members they represent (published positions
 * only; withdrawn ones are not counted). Never added to the votes. Recommendations without a position
 * are left out.
 */
export function positionTallies(rows: readonly PositionRow[]) {
	const byRecommendation = new Map<
		number,
		{ recommendation: number; stances: Record<PositionStance, { associations: number; members: number }> }
	>();
	for (const r of rows) {
		if (r.status !== 'published') continue;
		let entry = byRecommendation.get(r.recommendation);
		if (!entry) {
			entry = {
				recommendation: r.recommendation,
				stances: Object.fromEntries(positionStances.map((s) => [s, { associations: 0, members: 0 }])) as Record<
					PositionStance,
					{ associations: number; members: number }
				>
			};
			byRecommendation.set(r.recommendation, entry);
		}
		entry.stances[r.stance].associations++;
		entry.stances[r.stance].members += r.membersTakingPart;
	}
	return [...byRecommendation.values()].sort((a, b) => a.recommendation - b.recommendation);
}

/**
 * The positions on the dashboard: per recommendation and stance, how many associations and how many
 * members they represent, apart from the votes, for the dashboard's recommendations (its theme filter
 * applies). Policy staff and administrators, like the dashboard. Raises loginRequired, forbidden.
 */
export async function getDashboardPositions(db: DB, actor: MaybeActor, recommendationIds: number[]) {
	requireAllowed(actor, canSeeResults(actor));
	const rows = await positionRowsFor(db, recommendationIds);
	return { tallies: positionTallies(rows), rows };
}

/**
 * The public positions among these ids (published or withdrawn, never hidden): each one's thread and
 * association's name, for summaries that cite them ([#p12]). One query, none for no ids.
 */
export async function citablePositions(
	db: DB,
	ids: number[]
): Promise<Map<number, { recommendationId: number; organisation: string }>> {
	const rows = await repository.publicNames(db, ids);
	return new Map(rows.map((r) => [r.id, { recommendationId: r.recommendation_id, organisation: r.name }]));
}

/** The positions a summary of this thread can cite, with their markers' ids: one query. */
export async function citableOnThread(db: DB, recommendationId: number) {
	const rows = await repository.listPublicOn(db, [recommendationId]);
	return rows.map((r) => ({ id: r.id, organisation: r.organisation_name, withdrawn: r.status === 'withdrawn' }));
}
