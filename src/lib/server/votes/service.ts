import { requireLogin } from '../auth/require';
import { voteChoices } from '../../domain';
import type { Tallies, Tally } from '../../views';
export type { Tallies, Tally };
import { participantGroups } from '../../domain';
import type { MaybeActor } from '../auth/actor';
import type { AuthLimits } from '../auth/limits';
import type { DB } from '../db/create';
import type { ParticipantGroup, VoteChoice } from '../db/types';
import { DomainError } from '../errors';
import { findThreadRef, type ThreadRef } from '../recommendations/service';
import * as notifications from '../notifications/repository';
import { canParticipate } from './policy';
import * as repository from './repository';

export const groups: readonly (ParticipantGroup | 'none')[] = [...participantGroups, 'none'];

/** Raises common:error.loginRequired (401) or thread:error.closed (409) when participation is not allowed. */
export function requireParticipation(actor: MaybeActor, thread: ThreadRef): asserts actor is NonNullable<MaybeActor> {
	requireLogin(actor);
	if (actor.suspendedUntil) throw new DomainError('thread:error.suspended', 403);
	if (!canParticipate(actor, thread.phase)) throw new DomainError('thread:error.closed', 409);
}

/**
 * Casts or changes my vote on a recommendation (one per person, kept by the primary key, so parallel
 * requests leave one vote), and follows the thread. Raises loginRequired, thread:error.closed,
 * thread:error.choice and auth:error.tooManyAttempts.
 */
export async function castVote(
	db: DB,
	actor: MaybeActor,
	limits: AuthLimits,
	input: { slug: string; number: number; choice: string },
	now = new Date()
): Promise<void> {
	const thread = await findThreadRef(db, input.slug, input.number);
	requireParticipation(actor, thread);
	if (!voteChoices.includes(input.choice as VoteChoice)) throw new DomainError('thread:error.choice');
	await limits.consume('voteAccount', String(actor.id));
	const iso = now.toISOString();
	// The vote and the follow stand or fall together.
	await db.transaction().execute(async (trx) => {
		await repository.upsert(trx, {
			recommendationId: thread.id,
			userId: actor.id,
			choice: input.choice as VoteChoice,
			now: iso
		});
		await notifications.follow(trx, thread.id, actor.id, iso);
	});
}

/** Takes my vote back. Raises loginRequired and thread:error.closed. */
export async function withdrawVote(db: DB, actor: MaybeActor, input: { slug: string; number: number }): Promise<void> {
	const thread = await findThreadRef(db, input.slug, input.number);
	requireParticipation(actor, thread);
	await repository.remove(db, thread.id, actor.id);
}

/** Tallies counted in this process, per database and recommendation, with the version they were counted at. */
const counted = new WeakMap<DB, Map<number, { version: number; tallies: Tallies }>>();
const MAX_COUNTED = 5000;

/**
 * The tallies of a recommendation, in total and per self-declared group. Counting 16,666 votes took
 * 3 ms, the largest piece of SQL on a thread page; now each process keeps what it counted, and a look-up
 * by primary key says whether the votes changed since (the database raises the version on every change,
 * whichever process or script made it). So a vote shows in the tallies of the next page, on any server.
 * The version is read before counting: a vote that lands in between raises it again, and is counted then.
 * The result is shared between readers: treat it as read-only.
 */
export async function tallies(db: DB, recommendationId: number): Promise<Tallies> {
	let kept = counted.get(db);
	if (!kept) counted.set(db, (kept = new Map()));
	const version = await repository.tallyVersion(db, recommendationId);
	const hit = kept.get(recommendationId);
	if (hit && hit.version === version) return hit.tallies;
	const result = await countTallies(db, recommendationId);
	if (!kept.has(recommendationId) && kept.size >= MAX_COUNTED) kept.delete(kept.keys().next().value!);
	kept.set(recommendationId, { version, tallies: result });
	return result;
}

/** One query on one index (votes_tally_idx). */
async function countTallies(db: DB, recommendationId: number): Promise<Tallies> {
	const rows = await repository.countByChoiceAndGroup(db, recommendationId);
	const empty = (): Tally => ({ agree: 0, disagree: 0, unsure: 0, total: 0 });
	const total = empty();
	const byGroup = new Map(groups.map((g) => [g, empty()]));
	for (const r of rows) {
		const n = Number(r.n);
		const g = byGroup.get(r.participant_group ?? 'none')!;
		g[r.choice] += n;
		g.total += n;
		total[r.choice] += n;
		total.total += n;
	}
	return { ...total, byGroup: groups.map((group) => ({ group, ...byGroup.get(group)! })) };
}

/** My vote on a recommendation and the revision of its text I cast (or last confirmed) it on; null for a visitor. */
export async function myVote(
	db: DB,
	actor: MaybeActor,
	recommendationId: number
): Promise<{ choice: VoteChoice; textVersion: number } | null> {
	if (!actor) return null;
	const row = await repository.findVote(db, recommendationId, actor.id);
	return row ? { choice: row.choice, textVersion: row.text_version } : null;
}

/**
 * Keeps my vote after the text changed: it moves to the current revision, as if cast on it. Raises
 * loginRequired, thread:error.closed and revisions:error.noVote (409).
 */
export async function confirmVote(db: DB, actor: MaybeActor, input: { slug: string; number: number }): Promise<void> {
	const thread = await findThreadRef(db, input.slug, input.number);
	requireParticipation(actor, thread);
	const now = new Date().toISOString();
	const moved = await repository.confirmOnCurrentText(db, { recommendationId: thread.id, userId: actor.id, now });
	if (!moved) throw new DomainError('revisions:error.noVote', 409);
}

/** Fewer people than this in a group, and the group's figures are not shown on their own. */
export const SMALL_GROUP = 5;

/**
 * Tallies as the public thread page shows them: a group with fewer than five voters is folded into
 * "smaller groups", so nobody's vote can be read off a group of one or two. Totals are unchanged.
 */
export function withoutSmallGroups(t: Tallies, min = SMALL_GROUP): Tallies & { smallGroups: Tally | null } {
	const shown = t.byGroup.filter((g) => g.total === 0 || g.total >= min);
	const small = t.byGroup.filter((g) => g.total > 0 && g.total < min);
	const folded = small.reduce<Tally>(
		(acc, g) => ({
			agree: acc.agree + g.agree,
			disagree: acc.disagree + g.disagree,
			unsure: acc.unsure + g.unsure,
			total: acc.total + g.total
		}),
		{ agree: 0, disagree: 0, unsure: 0, total: 0 }
	);
	// One small group folded alone would still be that group: then the figures are left out entirely.
	const smallGroups = small.length >= 2 && folded.total >= min ? folded : null;
	return { ...t, byGroup: shown, smallGroups };
}
