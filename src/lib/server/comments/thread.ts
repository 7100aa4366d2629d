import { randomBytes } from 'node:crypto';
import type { MaybeActor } from '../auth/actor';
import type { DB } from '../db/create';
import { typicalReviewWait } from './review-wait';
import { isFollowing } from '../notifications/service';
import { myVote, tallies, withoutSmallGroups } from '../votes/service';
import { machineTranslationConfigured } from '../translations/machine/service';
import { listComments } from './service';

/**
 * Everything a thread page shows about participation: tallies, my vote, whether I follow it, a page of
 * comments (each shown in the reader's language where a current translation exists), and a fresh one-time token for the comment forms (so a resent form is one comment). When one
 * of my comments on the page waits for a moderator, also how long such a wait usually takes.
 */
export async function getParticipation(
	db: DB,
	actor: MaybeActor,
	recommendationId: number,
	options: { sort: 'newest' | 'helpful'; page: number; language?: string }
) {
	const [counts, vote, following, comments] = await Promise.all([
		tallies(db, recommendationId),
		myVote(db, actor, recommendationId),
		isFollowing(db, actor, recommendationId),
		listComments(db, actor, recommendationId, options)
	]);
	const waiting = comments.comments.some(
		(c) => (c.heldFor === 'review' && c.author.isMe) || c.replies.some((r) => r.heldFor === 'review' && r.author.isMe)
	);
	return {
		reviewWait: waiting ? await typicalReviewWait(db, recommendationId) : null,
		tallies: withoutSmallGroups(counts),
		myVote: vote?.choice ?? null,
		/** The revision of the text my vote is on. */
		myVoteVersion: vote?.textVersion ?? null,
		following,
		comments,
		sort: options.sort,
		/** A reader may ask a computer to translate a comment (machine translation is on). */
		machineTranslation: machineTranslationConfigured(),
		formToken: randomBytes(16).toString('base64url')
	};
}
