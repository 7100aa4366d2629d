import { sql } from 'kysely';
import { isPublished } from '../comments/repository';
import type { DB } from '../db/create';
import type { ExportFormat } from '../db/types';
import { inGroup, type Scope } from '../results/repository';

/*
 * Exports' SQL: the download links, and the published comments that files list one by one (the counts
 * come from the results' queries, ../results/repository).
 */

/** Removes the download links that have expired: of no use any more, and the table stays small. */
export async function deleteExpiredLinks(db: DB, now: string): Promise<void> {
	await db.deleteFrom('export_links').where('expires_at', '<', now).execute();
}

export async function insertLink(
	db: DB,
	link: {
		tokenHash: string;
		sessionId: string;
		userId: number;
		consultationId: number;
		format: ExportFormat;
		locale: string;
		filters: string;
		expiresAt: string;
		now: string;
	}
): Promise<void> {
	await db
		.insertInto('export_links')
		.values({
			token_hash: link.tokenHash,
			session_id: link.sessionId,
			user_id: link.userId,
			consultation_id: link.consultationId,
			format: link.format,
			locale: link.locale,
			filters: link.filters,
			expires_at: link.expiresAt,
			created_at: link.now
		})
		.execute();
}

/** The link whose token hashes to this, with its consultation's slug. */
export async function findLink(db: DB, tokenHash: string) {
	return db
		.selectFrom('export_links as e')
		.innerJoin('consultations as c', 'c.id', 'e.consultation_id')
		.select(['e.session_id', 'e.user_id', 'e.format', 'e.locale', 'e.filters', 'e.expires_at', 'c.slug'])
		.where('e.token_hash', '=', tokenHash)
		.executeTakeFirst();
}

/**
 * The next `limit` published comments in the scope after comment id `after`, in id order, with their
 * authors (keyset pagination: each batch costs the same however far in).
 */
export async function publishedCommentsAfter(db: DB, scope: Scope, after: number, limit: number) {
	return inGroup(
		db
			.selectFrom('comments as c')
			.leftJoin('users as u', 'u.id', 'c.author_id')
			.select([
				'c.id',
				'c.recommendation_id',
				'c.parent_id',
				'c.language',
				'c.stance',
				'c.helpful_count',
				'c.created_at',
				'c.edited_at',
				'c.redacted_at',
				'c.body',
				'c.text_version',
				'u.display_name',
				'u.experience_expert',
				'u.participant_group',
				'u.is_demo'
			])
			// The unary plus keeps the database on the primary key (read in id order, from where the last
			// batch ended) rather than a thread index that would sort every comment again for each batch.
			.where(sql<number>`+c.recommendation_id`, 'in', scope.recommendationIds)
			.where(isPublished)
			.where('c.id', '>', after),
		scope.group
	)
		.$if(scope.from !== null, (q) => q.where('c.created_at', '>=', scope.from!))
		.$if(scope.to !== null, (q) => q.where('c.created_at', '<', scope.to!))
		.orderBy('c.id')
		.limit(limit)
		.execute();
}

/** The translations of these recommendations' plain texts: language and the hash of the text they were made from. */
export async function plainTextTranslations(db: DB, recommendationIds: number[]) {
	if (recommendationIds.length === 0) return [];
	return db
		.selectFrom('translations')
		.select(['item_id', 'language', 'source_hash'])
		.where('item_type', '=', 'recommendation')
		.where('field', '=', 'plain_text')
		.where('item_id', 'in', recommendationIds)
		.execute();
}
