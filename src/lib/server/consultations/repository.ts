import type { ConsultationSummary, Phase } from '../../domain';
import type { DB } from '../db/create';
import type { Insertable, Updateable } from 'kysely';
import type { ConsultationRow, ConsultationsTable } from '../db/types';

/** Consultations in the given phases, newest first, with their counts, in one query. */
export async function listByPhases(
	db: DB,
	phases: readonly Phase[]
): Promise<(ConsultationSummary & { id: number })[]> {
	if (phases.length === 0) return [];
	const rows = await db
		.selectFrom('consultations as c')
		.select((eb) => [
			'c.id',
			'c.slug',
			'c.title',
			'c.subtitle',
			'c.phase',
			'c.language',
			eb
				.selectFrom('recommendations as r')
				.whereRef('r.consultation_id', '=', 'c.id')
				.select((e) => e.fn.countAll<number>().as('n'))
				.as('recommendation_count'),
			eb
				.selectFrom('themes as t')
				.whereRef('t.consultation_id', '=', 'c.id')
				.select((e) => e.fn.countAll<number>().as('n'))
				.as('theme_count')
		])
		.where('c.phase', 'in', phases)
		.orderBy('c.created_at', 'desc')
		.orderBy('c.id', 'desc')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		slug: r.slug,
		title: r.title,
		subtitle: r.subtitle,
		phase: r.phase,
		language: r.language,
		recommendationCount: Number(r.recommendation_count ?? 0),
		themeCount: Number(r.theme_count ?? 0)
	}));
}

export async function findBySlug(db: DB, slug: string): Promise<ConsultationRow | undefined> {
	return db.selectFrom('consultations').selectAll().where('slug', '=', slug).executeTakeFirst();
}

/** A consultation's moderation settings, under the names the pages use. */
const moderationSettings = [
	'hold_policy as holdPolicy',
	'hold_new_account_days as newAccountDays',
	'hold_after_reports as holdAfterReports'
] as const;

/** Every consultation, drafts included, newest first, with its moderation settings (the service keeps the public ones). */
export async function listModerationSettings(db: DB) {
	return db
		.selectFrom('consultations')
		.select(['slug', 'title', 'language', 'phase', ...moderationSettings])
		.orderBy('created_at', 'desc')
		.orderBy('id', 'desc')
		.execute();
}

/** Every consultation, drafts included, newest first, with its phase and moderation settings. */
/** The draft consultations, newest first: what staff are preparing. */
export function listDrafts(db: DB) {
	return db
		.selectFrom('consultations')
		.select(['slug', 'title', 'language'])
		.where('phase', '=', 'draft')
		.orderBy('created_at', 'desc')
		.orderBy('id', 'desc')
		.execute();
}

export async function listForAdmin(db: DB) {
	return db
		.selectFrom('consultations')
		.select([
			'slug',
			'title',
			'phase',
			...moderationSettings,
			'organiser_name as organiserName',
			'organiser_line as organiserLine',
			'organiser_contact as organiserContact',
			'updated_at'
		])
		.orderBy('created_at', 'desc')
		.orderBy('id', 'desc')
		.execute();
}

export async function update(db: DB, id: number, changes: Updateable<ConsultationsTable>): Promise<void> {
	await db.updateTable('consultations').set(changes).where('id', '=', id).execute();
}

/** Themes in order, each with its recommendations in order and their answer status: three queries, whatever the size. */
export async function listThemesWithRecommendations(db: DB, consultationId: number) {
	const [themes, recommendations, answers] = await Promise.all([
		db
			.selectFrom('themes')
			.select(['id', 'numeral', 'position', 'title', 'short_title'])
			.where('consultation_id', '=', consultationId)
			.orderBy('position')
			.execute(),
		db
			.selectFrom('recommendations')
			.select(['id', 'language', 'theme_id', 'number', 'short_title', 'tag'])
			.where('consultation_id', '=', consultationId)
			.orderBy('position')
			.execute(),
		// Every published answer version, oldest first, so the newest of each recommendation wins below.
		db
			.selectFrom('answers as a')
			.innerJoin('recommendations as r', 'r.id', 'a.recommendation_id')
			.select(['r.number', 'a.status'])
			.where('r.consultation_id', '=', consultationId)
			.where('a.published_at', 'is not', null)
			.orderBy('a.published_at', 'asc')
			.orderBy('a.id', 'asc')
			.execute()
	]);
	const answerOf = new Map(answers.map((a) => [a.number, a.status]));
	return themes.map((t) => ({
		...t,
		recommendations: recommendations
			.filter((r) => r.theme_id === t.id)
			.map((r) => ({ ...r, answerStatus: answerOf.get(r.number) ?? null }))
	}));
}

export async function slugsTaken(db: DB, slugs: string[]): Promise<Set<string>> {
	const rows = await db.selectFrom('consultations').select('slug').where('slug', 'in', slugs).execute();
	return new Set(rows.map((r) => r.slug));
}

export async function insert(db: DB, values: Insertable<ConsultationsTable>): Promise<number> {
	const { id } = await db.insertInto('consultations').values(values).returning('id').executeTakeFirstOrThrow();
	return id;
}

/** A site-wide switch (site_settings), or null when no administrator has set it. */
export async function readSetting(db: DB, key: string): Promise<string | null> {
	const row = await db.selectFrom('site_settings').select('value').where('key', '=', key).executeTakeFirst();
	return row?.value ?? null;
}

export async function writeSetting(db: DB, key: string, value: string, now: string): Promise<void> {
	await db
		.insertInto('site_settings')
		.values({ key, value, updated_at: now })
		.onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
		.execute();
}
