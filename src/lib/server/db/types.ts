import type { Generated, Insertable, Selectable } from 'kysely';

/**
 * Table types as the database stores them: times are ISO-8601 text in UTC, lists are newline-separated text.
 * `Generated<T>` marks a column the database fills (an id, or a default) so inserts may leave it out.
 */

export type Phase = 'draft' | 'open' | 'closed' | 'summarised' | 'answered';
export type RecommendationTag = 'general' | 'specific';
export type BackgroundKind = 'workshop' | 'practice';
export type GlossaryKind = 'abbreviation' | 'jargon';

export interface ConsultationsTable {
	id: Generated<number>;
	slug: string;
	title: string;
	subtitle: Generated<string>;
	purpose: Generated<string>;
	introduction: Generated<string>;
	language: Generated<string>;
	phase: Generated<Phase>;
	source_title: string | null;
	source_publisher: string | null;
	source_date: string | null;
	source_place: string | null;
	opens_at: string | null;
	closes_at: string | null;
	created_at: string;
	updated_at: string;
}

export interface ThemesTable {
	id: Generated<number>;
	consultation_id: number;
	numeral: string;
	position: number;
	title: string;
	short_title: string;
}

export interface RecommendationsTable {
	id: Generated<number>;
	consultation_id: number;
	theme_id: number;
	number: number;
	short_title: string;
	official_text: string;
	plain_text: Generated<string>;
	language: Generated<string>;
	tag: RecommendationTag | null;
	position: number;
	created_at: string;
	updated_at: string;
}

export interface BackgroundDocumentsTable {
	id: Generated<number>;
	consultation_id: number;
	kind: BackgroundKind;
	slug: string;
	number: number;
	title: string;
	subtitle: string | null;
	organisation: string | null;
	summary: Generated<string>;
	input_from: Generated<string>;
	language: Generated<string>;
	position: number;
}

export interface BackgroundSectionsTable {
	id: Generated<number>;
	document_id: number;
	position: number;
	section_key: string;
	heading: string | null;
	body: string;
}

export interface BackgroundRecommendationsTable {
	document_id: number;
	recommendation_id: number;
}

export interface BackgroundThemesTable {
	document_id: number;
	theme_id: number;
}

export interface GlossaryTermsTable {
	id: Generated<number>;
	slug: string;
	term: string;
	kind: GlossaryKind;
	expansion: string | null;
	match_forms: string;
	created_at: string;
	updated_at: string;
}

export interface GlossaryExplanationsTable {
	term_id: number;
	locale: string;
	explanation: string;
}

export interface Database {
	consultations: ConsultationsTable;
	themes: ThemesTable;
	recommendations: RecommendationsTable;
	background_documents: BackgroundDocumentsTable;
	background_sections: BackgroundSectionsTable;
	background_recommendations: BackgroundRecommendationsTable;
	background_themes: BackgroundThemesTable;
	glossary_terms: GlossaryTermsTable;
	glossary_explanations: GlossaryExplanationsTable;
}

export type ConsultationRow = Selectable<ConsultationsTable>;
export type NewConsultation = Insertable<ConsultationsTable>;
export type RecommendationRow = Selectable<RecommendationsTable>;

/** Every table, in an order that is safe to empty (children before parents). */
export const tableNames = [
	'glossary_explanations',
	'glossary_terms',
	'background_themes',
	'background_recommendations',
	'background_sections',
	'background_documents',
	'recommendations',
	'themes',
	'consultations'
] as const satisfies readonly (keyof Database)[];
