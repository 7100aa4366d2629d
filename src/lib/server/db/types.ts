import type { Generated, Selectable } from 'kysely';
import type {
	AnswerStatus,
	CommentStatus,
	ExportFormat,
	HeldFor,
	HoldPolicy,
	MeetingStatus,
	ModerationReason,
	ParticipantGroup,
	Phase,
	PositionMandate,
	PositionSignOff,
	PositionStance,
	PositionStatus,
	RecommendationTag,
	ReportReason,
	SiteRole,
	Stance,
	TranslatableField,
	TranslatableItem,
	TranslationJobStatus,
	TranslationOrigin,
	VoteChoice
} from '../../domain';

/**
 * Table types as the database stores them: times are ISO-8601 text in UTC, lists are newline-separated text.
 * `Generated<T>` marks a column the database fills (an id, or a default) so inserts may leave it out.
 */

export type { Phase, RecommendationTag };
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
	/**
	 * What waits for a moderator before others see it: comments with personal details only (always), also
	 * everything from accounts younger than hold_new_account_days, or everything.
	 */
	hold_policy: Generated<HoldPolicy>;
	hold_new_account_days: Generated<number>;
	/** How many open reports hold a comment until a moderator has looked at it. */
	hold_after_reports: Generated<number>;
	/** Who runs the consultation (issue 14): plain text, empty until an administrator fills it in. */
	organiser_name: Generated<string>;
	organiser_line: Generated<string>;
	organiser_contact: Generated<string>;
	created_at: string;
	updated_at: string;
}

export type { HoldPolicy };

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
	/** The number of the current revision of the official text (1 until staff revise it). */
	text_version: Generated<number>;
	/**
	 * The newest revision that changed the text (not a correction): a vote on it or later is on the
	 * current text; a vote on an earlier revision asks its voter to confirm.
	 */
	last_change_version: Generated<number>;
	/** The report's own number ("2.3") when it differs from `number`; empty otherwise (issue 15). */
	report_number: Generated<string>;
	created_at: string;
	updated_at: string;
}

export type RevisionKind = 'original' | 'change' | 'correction';

/** One revision of a recommendation's official text and short title (revision 1 is written at the first edit). */
export interface RecommendationRevisionsTable {
	id: Generated<number>;
	recommendation_id: number;
	text_version: number;
	short_title: string;
	official_text: string;
	kind: RevisionKind;
	/** One line shown to readers: why the text changed (may be empty). */
	reason: Generated<string>;
	author_id: number | null;
	created_at: string;
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

export type { ParticipantGroup, SiteRole };
export type OrganisationKind = 'poverty_association' | 'migrant_organisation' | 'civil_society';
export type MembershipRole = 'member' | 'coordinator';

export interface UsersTable {
	id: Generated<number>;
	/** Null once the account is deleted and its contributions are kept as "deleted participant". */
	display_name: string | null;
	/** The name folded for comparison (case, accents, look-alike characters), unique. */
	display_name_key: string | null;
	password_hash: string | null;
	email: string | null;
	email_key: string | null;
	site_role: Generated<SiteRole>;
	experience_expert: Generated<0 | 1>;
	locale: Generated<string>;
	/** Comma-separated language codes. */
	read_languages: Generated<string>;
	participant_group: ParticipantGroup | null;
	is_demo: Generated<0 | 1>;
	/** Email me about replies and answers (only with an email address). */
	email_notifications: Generated<0 | 1>;
	created_at: string;
	updated_at: string;
	deleted_at: string | null;
	/** A moderator paused this account until then: it can read and log in, not take part. */
	suspended_until: string | null;
	suspension_reason: ModerationReason | null;
}

export interface SessionsTable {
	/** sha256 of the session token, hex: the token itself is never stored. */
	id: string;
	user_id: number;
	expires_at: string;
	created_at: string;
}

export interface OrganisationsTable {
	id: Generated<number>;
	slug: string;
	name: string;
	name_key: string;
	kind: OrganisationKind;
	description: Generated<string>;
	created_at: string;
	updated_at: string;
	/** The association stopped: it takes no new part, and its published positions stay, marked so. */
	deactivated_at: Generated<string | null>;
}

export interface MembershipsTable {
	organisation_id: number;
	user_id: number;
	role: MembershipRole;
	/** A coordinator named this member facilitator: they may record group meetings (issue 13). */
	facilitator: Generated<0 | 1>;
	created_at: string;
}

export interface InviteCodesTable {
	id: Generated<number>;
	code: string;
	organisation_id: number | null;
	created_by: number | null;
	label: Generated<string>;
	locale: Generated<string>;
	max_uses: number;
	uses: Generated<number>;
	expires_at: string;
	revoked_at: string | null;
	created_at: string;
}

export interface PasswordResetsTable {
	id: Generated<number>;
	user_id: number;
	/** sha256 of the one-time code or link token, hex. */
	code_hash: string;
	kind: 'code' | 'email';
	created_by: number | null;
	expires_at: string;
	used_at: string | null;
	created_at: string;
}

export interface AuditLogTable {
	id: Generated<number>;
	actor_id: number | null;
	action: string;
	subject_type: string;
	subject_id: number | null;
	detail: Generated<string>;
	/** Why, as a code (a moderation reason): the public moderation page counts these per month. */
	reason: string | null;
	created_at: string;
}

export type { CommentStatus, HeldFor, ModerationReason, ReportReason, Stance, VoteChoice };
export type NotificationKind = 'reply' | 'summary' | 'response' | 'moderation' | 'revision';
export type { AnswerStatus };
export type CitationSource = 'comment' | 'position' | 'meeting_record';

export interface VotesTable {
	recommendation_id: number;
	user_id: number;
	choice: VoteChoice;
	/** The voter's self-declared group, kept in step with the profile, for tallies per group. */
	participant_group: ParticipantGroup | null;
	/** The revision of the recommendation's text the vote was cast on, or last confirmed on. */
	text_version: Generated<number>;
	created_at: string;
	updated_at: string;
}

export interface CommentsTable {
	id: Generated<number>;
	recommendation_id: number;
	/** The comment this one replies to; replies go one level deep. */
	parent_id: number | null;
	/** The revision of the recommendation's text the comment was written on. */
	text_version: Generated<number>;
	author_id: number | null;
	body: string;
	language: string;
	stance: Stance | null;
	status: Generated<CommentStatus>;
	helpful_count: Generated<number>;
	reply_count: Generated<number>;
	/** The form's one-time token: the same token twice from one author is one comment. */
	client_token: string | null;
	created_at: string;
	edited_at: string | null;
	deleted_at: string | null;
	/** Waiting for a moderator: after enough reports, or before publication (pre-moderation). */
	held_for: HeldFor | null;
	hidden_reason: ModerationReason | null;
	hidden_at: string | null;
	/** A moderator edited out personal details; the original is kept in the audit log only. */
	redacted_at: string | null;
	/** Comma-separated kinds of possible personal details found when it was posted (email, phone …). */
	personal_details: Generated<string>;
	/** When a moderator last decided about it (a flag is then no longer in the queue). */
	moderated_at: string | null;
	/** When it began to wait for review (kept after the decision, to tell authors the typical wait). */
	review_started_at: string | null;
}

export interface CommentReactionsTable {
	comment_id: number;
	user_id: number;
	created_at: string;
}

export interface CommentReportsTable {
	id: Generated<number>;
	comment_id: number;
	reporter_id: number | null;
	reason: ReportReason;
	note: Generated<string>;
	status: Generated<'open' | 'handled'>;
	created_at: string;
	handled_by: number | null;
	handled_at: string | null;
	outcome: 'hidden' | 'restored' | 'redacted' | 'dismissed' | null;
}

export interface FollowsTable {
	recommendation_id: number;
	user_id: number;
	created_at: string;
}

export interface NotificationsTable {
	id: Generated<number>;
	user_id: number;
	kind: NotificationKind;
	recommendation_id: number | null;
	comment_id: number | null;
	actor_name: string | null;
	/** For a moderation notice: the reason, or "redacted"; for a revision: the new revision's number. */
	detail: string | null;
	read_at: string | null;
	created_at: string;
}

export interface SummariesTable {
	id: Generated<number>;
	recommendation_id: number;
	/** The working text, in marked-up plain text (paragraphs, "- " lists, [#123] citations). */
	main_points: Generated<string>;
	disagreements: Generated<string>;
	voices: Generated<string>;
	/** What readers see: a copy of the working text made when it was last published. */
	published_main_points: string | null;
	published_disagreements: string | null;
	published_voices: string | null;
	updated_by: number | null;
	published_by: number | null;
	created_at: string;
	updated_at: string;
	published_at: string | null;
}

export interface SummaryCitationsTable {
	summary_id: number;
	source_type: CitationSource;
	source_id: number;
}

export interface AnswersTable {
	id: Generated<number>;
	recommendation_id: number;
	status: AnswerStatus;
	explanation: string;
	commitment: Generated<string>;
	/** A date (YYYY-MM-DD) by which the commitment is due, or null. */
	commitment_due: string | null;
	author_id: number | null;
	created_at: string;
	updated_at: string;
	/** Null for the draft being written; every published version stays as history. */
	published_at: string | null;
}

export type { ExportFormat };

export interface ExportLinksTable {
	id: Generated<number>;
	/** sha256 of the link's token, hex. */
	token_hash: string;
	/** The session that asked for it: the link works in that session only. */
	session_id: string;
	user_id: number;
	consultation_id: number;
	format: ExportFormat;
	locale: string;
	/** The dashboard filters it was made with, as JSON. */
	filters: Generated<string>;
	expires_at: string;
	created_at: string;
}

export type MailKind = 'reply' | 'summary' | 'response' | 'revision';
export type MailStatus = 'pending' | 'sent' | 'skipped' | 'failed';

/** A mail to send: the copy of a notification, sent after the transaction that wrote both. */
export interface MailOutboxTable {
	id: Generated<number>;
	user_id: number;
	kind: MailKind;
	recommendation_id: number;
	/** For a reply: the reply the link points to. */
	comment_id: number | null;
	status: Generated<MailStatus>;
	attempts: Generated<number>;
	/** Not before then: now when queued, later after a failure (back-off), or while a pass holds it. */
	next_attempt_at: string;
	sent_at: string | null;
	/** The last failure, in short, without the address. */
	last_error: string | null;
	created_at: string;
}

/** What names a translated text (item, field) and the target language, with the source hash it was made from. */
interface TextAndLanguage {
	consultation_id: number;
	item_type: TranslatableItem;
	item_id: number;
	field: TranslatableField;
	language: string;
	source_language: string;
	source_hash: string;
}

/** A translation of one text (item, field) into one language; out of date when source_hash no longer matches. */
export interface TranslationsTable extends TextAndLanguage {
	id: Generated<number>;
	text: string;
	origin: TranslationOrigin;
	translated_by: number | null;
	checked_by: number | null;
	checked_at: string | null;
	created_at: string;
	updated_at: string;
}

/** A machine translation waiting for the engine; one per text, language and source hash. */
export interface TranslationJobsTable extends TextAndLanguage {
	id: Generated<number>;
	characters: Generated<number>;
	status: Generated<TranslationJobStatus>;
	attempts: Generated<number>;
	next_attempt_at: string;
	last_error: string | null;
	requested_by: number | null;
	created_at: string;
	finished_at: string | null;
}

/** A reader asked for a person to translate a text into a language. */
export interface TranslationRequestsTable {
	consultation_id: number;
	item_type: TranslatableItem;
	item_id: number;
	field: TranslatableField;
	language: string;
	user_id: number;
	created_at: string;
}

/** The translator badge: the languages a person translates into, granted by an administrator. */
export interface TranslatorLanguagesTable {
	user_id: number;
	language: string;
	granted_by: number | null;
	granted_at: string;
}

export type { PositionMandate, PositionSignOff, PositionStance, PositionStatus };

/** An association's position on a recommendation; one at a time per association and recommendation (until withdrawn). */
export interface PositionsTable {
	id: Generated<number>;
	organisation_id: number;
	recommendation_id: number;
	status: Generated<PositionStatus>;
	/** The published version readers see; null while only a draft exists. */
	current_version_id: Generated<number | null>;
	created_by: number | null;
	created_at: string;
	updated_at: string;
	first_published_at: string | null;
	withdrawn_at: string | null;
	withdrawn_by: number | null;
	hidden_at: string | null;
	hidden_reason: ModerationReason | null;
	hidden_by: number | null;
}

/** One version of a position's text and mandate: a draft (published_at null) or a published version. */
export interface PositionVersionsTable {
	id: Generated<number>;
	position_id: number;
	version: number;
	stance: PositionStance;
	explanation: string;
	language: string;
	mandate: PositionMandate;
	mandate_other: Generated<string>;
	/** YYYY-MM-DD */
	decided_on: string;
	members_taking_part: number;
	split_agree: number | null;
	split_disagree: number | null;
	split_abstain: number | null;
	drafted_by: number | null;
	signed_off_by: number | null;
	sign_off: PositionSignOff | null;
	created_at: string;
	updated_at: string;
	published_at: string | null;
}

/** A member's remark on a draft, for the coordinators: never public. */
export interface PositionRemarksTable {
	id: Generated<number>;
	position_id: number;
	version_id: number;
	author_id: number | null;
	body: string;
	created_at: string;
}

export type { MeetingStatus };

/** A group meeting's record: what a facilitator noted, never votes (issue 13). */
export interface MeetingsTable {
	id: Generated<number>;
	organisation_id: number;
	consultation_id: number;
	recorded_by: number | null;
	/** The day it was held, YYYY-MM-DD; null while the draft has none. */
	held_on: string | null;
	place: Generated<string>;
	/** Comma-separated language codes spoken at the meeting, the main one first. */
	languages: Generated<string>;
	participants: number | null;
	status: Generated<MeetingStatus>;
	/** Comma-separated kinds of possible personal details found when it was sent. */
	personal_details: Generated<string>;
	hidden_reason: ModerationReason | null;
	is_demo: Generated<0 | 1>;
	created_at: string;
	updated_at: string;
	submitted_at: string | null;
	published_at: string | null;
	moderated_at: string | null;
}

/** One recommendation discussed in a meeting, with the raised hands counted (null while not filled in). */
export interface MeetingItemsTable {
	id: Generated<number>;
	meeting_id: number;
	recommendation_id: number;
	position: number;
	agree: number | null;
	disagree: number | null;
	not_sure: number | null;
}

/** What was heard on one recommendation in a meeting: a short quote or paraphrase, never a name. */
export interface MeetingQuotesTable {
	id: Generated<number>;
	item_id: number;
	position: number;
	body: string;
	language: string;
	hidden_reason: ModerationReason | null;
	hidden_at: string | null;
}

/**
 * rate-limiter-flexible's table (RateLimiterPostgres / RateLimiterSQLite): one row per limited key, its
 * points in the current window and when that window ends (epoch ms). Read and written by the library;
 * here only for the housekeeping that deletes ended windows.
 */
export interface RateLimitsTable {
	key: string;
	points: number;
	expire: number | null;
}

/** Site-wide switches an administrator sets (issue 15): value as text, no row means the default. */
export interface SiteSettingsTable {
	key: string;
	value: string;
	updated_at: string;
}

/** A report read in, kept as a proposed structure until staff publish it (issue 15). */
export interface ReportImportsTable {
	id: Generated<number>;
	consultation_id: number;
	owner_id: number | null;
	source_name: string;
	source_kind: 'docx' | 'markdown' | 'text';
	/** The proposal as JSON (src/lib/server/import/structure.ts, Proposal). */
	proposal: string;
	images_left_out: Generated<number>;
	created_at: string;
	updated_at: string;
	used_at: string | null;
}

/** Raised by triggers on every change to a recommendation's votes (migration 016): see votes/service.ts. */
export interface TallyVersionsTable {
	recommendation_id: number;
	version: number;
}

export interface Database {
	consultations: ConsultationsTable;
	themes: ThemesTable;
	recommendations: RecommendationsTable;
	recommendation_revisions: RecommendationRevisionsTable;
	background_documents: BackgroundDocumentsTable;
	background_sections: BackgroundSectionsTable;
	background_recommendations: BackgroundRecommendationsTable;
	background_themes: BackgroundThemesTable;
	glossary_terms: GlossaryTermsTable;
	glossary_explanations: GlossaryExplanationsTable;
	users: UsersTable;
	sessions: SessionsTable;
	organisations: OrganisationsTable;
	memberships: MembershipsTable;
	invite_codes: InviteCodesTable;
	password_resets: PasswordResetsTable;
	audit_log: AuditLogTable;
	votes: VotesTable;
	comments: CommentsTable;
	comment_reactions: CommentReactionsTable;
	comment_reports: CommentReportsTable;
	follows: FollowsTable;
	notifications: NotificationsTable;
	summaries: SummariesTable;
	summary_citations: SummaryCitationsTable;
	answers: AnswersTable;
	export_links: ExportLinksTable;
	mail_outbox: MailOutboxTable;
	translations: TranslationsTable;
	translation_jobs: TranslationJobsTable;
	translation_requests: TranslationRequestsTable;
	translator_languages: TranslatorLanguagesTable;
	positions: PositionsTable;
	position_versions: PositionVersionsTable;
	position_remarks: PositionRemarksTable;
	meetings: MeetingsTable;
	meeting_items: MeetingItemsTable;
	meeting_quotes: MeetingQuotesTable;
	rate_limits: RateLimitsTable;
	site_settings: SiteSettingsTable;
	report_imports: ReportImportsTable;
	tally_versions: TallyVersionsTable;
}

export type ConsultationRow = Selectable<ConsultationsTable>;
export type RecommendationRow = Selectable<RecommendationsTable>;

/** Every table, in an order that is safe to empty (children before parents). */
export const tableNames = [
	'report_imports',
	'site_settings',
	'rate_limits',
	'position_remarks',
	'positions',
	'position_versions',
	'meeting_quotes',
	'meeting_items',
	'meetings',
	'translator_languages',
	'translation_requests',
	'translation_jobs',
	'translations',
	'mail_outbox',
	'export_links',
	'answers',
	'summary_citations',
	'summaries',
	'notifications',
	'follows',
	'comment_reports',
	'comment_reactions',
	'comments',
	'votes',
	'recommendation_revisions',
	'audit_log',
	'password_resets',
	'invite_codes',
	'memberships',
	'organisations',
	'sessions',
	'users',
	'glossary_explanations',
	'glossary_terms',
	'background_themes',
	'background_recommendations',
	'background_sections',
	'background_documents',
	'recommendations',
	'themes',
	'consultations',
	// Last: emptying votes raises versions here.
	'tally_versions'
] as const satisfies readonly (keyof Database)[];
