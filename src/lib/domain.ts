import type { Shown } from './views';
/**
 * Domain objects as pages see them. Types only: safe to import from components and from server code.
 * Content (report text) carries its language, because the interface language may differ.
 */

/*
 * Word lists: each defined once, here, `as const`; the types derive from them, and the database types
 * (lib/server/db/types.ts) take these types for their columns.
 */

export const phases = ['draft', 'open', 'closed', 'summarised', 'answered'] as const;
export type Phase = (typeof phases)[number];
export type RecommendationTag = 'general' | 'specific';
export const siteRoles = ['participant', 'moderator', 'policy', 'admin'] as const;
export type SiteRole = (typeof siteRoles)[number];

/** How a comment stands towards the recommendation (optional). */
export const stances = ['supports', 'doubts', 'opposes', 'question', 'idea'] as const;
export type Stance = (typeof stances)[number];
/** Why people report a comment, and why moderators remove one or pause an account: the same plain reasons. */
export const reportReasons = ['personal', 'hurtful', 'spam', 'off_topic', 'other'] as const;
export type ReportReason = (typeof reportReasons)[number];
export type ModerationReason = ReportReason;
/** The languages a comment can be marked as; "und" (undetermined) is "another language". */
export const commentLanguages = ['nl', 'fr', 'en', 'tr', 'ar', 'und'] as const;
export const commentStatuses = ['visible', 'deleted', 'hidden'] as const;
export type CommentStatus = (typeof commentStatuses)[number];
/** Why a comment waits for a moderator: after reports, or before publication. */
export const heldFor = ['reports', 'review'] as const;
export type HeldFor = (typeof heldFor)[number];
/** What the results can be downloaded as, in the order the dashboard offers them. */
export const exportFormats = [
	'docx',
	'xlsx',
	'json',
	'recommendations.csv',
	'comments.csv',
	'votes.csv',
	'summaries.csv',
	'answers.csv',
	'positions.csv',
	'meetings.csv'
] as const;
export type ExportFormat = (typeof exportFormats)[number];
/**
 * A group meeting's record (issue 13): a draft while the facilitator fills it in; once sent, published, or
 * held for a moderator when it holds what looks like personal details; hidden by a moderator.
 */
export const meetingStatuses = ['draft', 'review', 'published', 'hidden'] as const;
export type MeetingStatus = (typeof meetingStatuses)[number];
/** The raised hands a facilitator counts for each recommendation discussed: never votes. */
export const handCounts = ['agree', 'disagree', 'not_sure'] as const;
export type HandCount = (typeof handCounts)[number];
export const voteChoices = ['agree', 'disagree', 'unsure'] as const;
export type VoteChoice = (typeof voteChoices)[number];

/**
 * What waits for a moderator before others see it. Comments with personal details always wait; beyond
 * that, per consultation: nothing more, everything from accounts younger than some days, or everything.
 */
export const holdPolicies = ['personal_details', 'new_accounts', 'all'] as const;
export type HoldPolicy = (typeof holdPolicies)[number];

/**
 * Translations (issue 12). The kinds of item a participant reads, the field of each that is translated,
 * and where a translation came from: the official text, the team, a volunteer translator, a machine.
 */
export const translatableItems = [
	'consultation',
	'theme',
	'recommendation',
	'background',
	'summary',
	'answer',
	'comment',
	'position',
	'meeting_quote'
] as const;
export type TranslatableItem = (typeof translatableItems)[number];
export const translatableFields = [
	'title',
	'subtitle',
	'purpose',
	'short_title',
	'plain_text',
	'summary',
	'main_points',
	'disagreements',
	'voices',
	'body',
	'explanation',
	'commitment'
] as const;
export type TranslatableField = (typeof translatableFields)[number];
export const translationOrigins = ['official', 'team', 'volunteer', 'machine'] as const;
export type TranslationOrigin = (typeof translationOrigins)[number];
export const translationJobStatuses = ['pending', 'done', 'failed', 'skipped'] as const;
export type TranslationJobStatus = (typeof translationJobStatuses)[number];

/**
 * Collective positions (issue 13): what an association says about a recommendation, how it decided
 * (its mandate), and where the position stands.
 */
export const positionStances = ['agrees', 'agrees_with_conditions', 'disagrees', 'no_shared_position'] as const;
export type PositionStance = (typeof positionStances)[number];
export const positionMandates = ['members_meeting', 'board', 'survey', 'other'] as const;
export type PositionMandate = (typeof positionMandates)[number];
export const positionStatuses = ['draft', 'published', 'withdrawn'] as const;
export type PositionStatus = (typeof positionStatuses)[number];
/** How a version was signed off: by a second coordinator, or by the only coordinator's statement of the mandate. */
export const positionSignOffs = ['second_coordinator', 'mandate_statement'] as const;
export type PositionSignOff = (typeof positionSignOffs)[number];

/** Self-declared groups, in the order forms and tables show them. */
export const participantGroups = [
	'resident',
	'poverty_association',
	'migrant_organisation',
	'experience_expert',
	'professional',
	'unsaid'
] as const;
export type ParticipantGroup = (typeof participantGroups)[number];

export function isParticipantGroup(value: string): value is ParticipantGroup {
	return (participantGroups as readonly string[]).includes(value);
}

/** A run of text, or a glossary term found in it (by slug). */
export type Segment = string | { text: string; term: string };
/** A paragraph split into runs, so terms can be explained where they appear. */
export type RichParagraph = Segment[];

export interface ConsultationSummary {
	slug: string;
	title: string;
	subtitle: string;
	phase: Phase;
	language: string;
	recommendationCount: number;
	themeCount: number;
}

/** A consultation on the home page: its title and subtitle in the reader's language where translated. */
export interface ConsultationCard extends ConsultationSummary {
	titleShown: Shown;
	subtitleShown: Shown;
}

export interface Consultation extends ConsultationSummary {
	purpose: string[];
	/** Title, subtitle and purpose in the reader's language where current translations exist (on its own page). */
	shown?: { title: Shown; subtitle: Shown; purpose: Shown };
	introduction: string[];
	source: { title: string | null; publisher: string | null; date: string | null; place: string | null };
	/** Who runs the consultation; an empty name means none is named yet. */
	organiser: Organiser;
}

/** Who runs a consultation: a name, one line about them, how to reach them (plain text, issue 14). */
export interface Organiser {
	name: string;
	line: string;
	contact: string;
}

/** The longest organiser name, line and contact an administrator may write. */
export const organiserLimits = { name: 120, line: 300, contact: 200 } as const;
/** Length limits of a new consultation's fields, in characters (issue 15); `source` is each source line. */
export const consultationLimits = { title: 200, subtitle: 300, purpose: 3000, source: 300 } as const;

/** The policy answer to a recommendation ("you said, we did"). */
export const answerStatuses = ['adopted', 'partly_adopted', 'under_study', 'not_adopted'] as const;
export type AnswerStatus = (typeof answerStatuses)[number];

export interface RecommendationListItem {
	number: number;
	shortTitle: string;
	/** The short title in the reader's language where a current translation exists. */
	titleShown: Shown;
	tag: RecommendationTag | null;
	/** The status of the current policy answer, once there is one. */
	answerStatus?: AnswerStatus | null;
}

export interface Theme {
	numeral: string;
	position: number;
	title: string;
	shortTitle: string;
	/** The title and short title in the reader's language where current translations exist. */
	titleShown: Shown;
	shortTitleShown: Shown;
}

export interface ThemeWithRecommendations extends Theme {
	recommendations: RecommendationListItem[];
}

export interface BackgroundListItem {
	kind: 'workshop' | 'practice';
	slug: string;
	number: number;
	title: string;
	subtitle: string | null;
	summary: string;
	/** Title and summary in the reader's language where current translations exist. */
	titleShown: Shown;
	summaryShown: Shown;
}

/**
 * A block of a report's text, as stored in plain text (src/lib/server/background/blocks.ts): a paragraph,
 * a list, a table (rows of cells, the first row its header) or the notes (footnotes) that belong to it.
 */
export type TextBlock =
	| { type: 'paragraph'; text: string }
	| { type: 'list'; items: string[] }
	| { type: 'table'; rows: string[][] }
	| { type: 'notes'; items: string[] };
export type BackgroundBlock = TextBlock;
/** A TextBlock whose texts are paragraphs with glossary terms marked, for the pages. */
export type RichBlock =
	| { type: 'paragraph'; text: RichParagraph }
	| { type: 'list'; items: RichParagraph[] }
	| { type: 'table'; rows: RichParagraph[][] }
	| { type: 'notes'; items: RichParagraph[] };

export interface BackgroundSection {
	key: string;
	heading: string | null;
	blocks: BackgroundBlock[];
}

export interface BackgroundDocument extends BackgroundListItem {
	organisation: string | null;
	inputFrom: string[];
	language: string;
	sections: BackgroundSection[];
	recommendations: RecommendationListItem[];
	themes: Theme[];
}

export interface GlossaryEntry {
	slug: string;
	term: string;
	kind: 'abbreviation' | 'jargon';
	expansion: string | null;
	/** In the requested interface language, or in Dutch when that language has none yet. */
	explanation: string;
	explanationLanguage: string;
}

export interface Thread {
	id: number;
	consultation: Pick<Consultation, 'slug' | 'title' | 'phase' | 'language'> & { titleShown: Shown };
	theme: Theme;
	number: number;
	shortTitle: string;
	tag: RecommendationTag | null;
	language: string;
	officialText: RichParagraph[];
	/** The current revision of the official text, and the newest one that was not a correction. */
	textVersion: number;
	lastChangeVersion: number;
	/** The official text as blocks (paragraphs, lists, tables, notes) with glossary terms marked. */
	officialBlocks: RichBlock[];
	/** The report's own number, when it differs from `number` ("2.3"); '' otherwise (issue 15). */
	reportNumber: string;
	/** The plain-language version as shown: in the reader's language where a current translation exists. */
	plainText: RichParagraph[];
	plainShown: Shown | null;
	/** The short title as shown. */
	titleShown: Shown;
	background: BackgroundListItem[];
	previous: RecommendationListItem | null;
	next: RecommendationListItem | null;
	/** The glossary terms that occur in the texts above, explained in the interface language. */
	terms: GlossaryEntry[];
}

/**
 * The audit log's reasons (issue 14): each action's reason column holds a word from one of these lists,
 * so the log can name it in the reader's language.
 */
export const auditReasonLists = {
	reportReason: reportReasons,
	heldFor,
	answerStatus: answerStatuses,
	phase: phases,
	exportFormat: exportFormats,
	positionSignOff: positionSignOffs,
	positionStance: positionStances
} as const;
export type AuditReasonKind = keyof typeof auditReasonLists;
export type AuditReason = (typeof auditReasonLists)[AuditReasonKind][number];

/**
 * Every action the audit log records: the one list of codes the services may write (audit.record takes
 * only these), each with the kind of reason it carries, or null. The moderation log names each in words.
 */
export const auditActions = {
	'comment.hold': 'heldFor',
	'comment.hide': 'reportReason',
	'comment.restore': null,
	'comment.approve': null,
	'comment.redact': 'reportReason',
	'report.dismiss': null,
	'user.suspend': 'reportReason',
	'user.unsuspend': null,
	'summary.publish': null,
	'answer.publish': 'answerStatus',
	'consultation.phase': 'phase',
	'consultation.settings': null,
	'consultation.organiser': null,
	'consultation.created': null,
	'consultation.policyCreate': null,
	'consultation.imported': null,
	'recommendation.plain': null,
	'translation.write': null,
	'translation.check': null,
	'translator.granted': null,
	'translator.withdrawn': null,
	'position.draft': null,
	'position.signoff': 'positionSignOff',
	'position.publish': 'positionStance',
	'position.withdraw': null,
	'position.hide': 'reportReason',
	'organisation.created': null,
	'organisation.deactivated': null,
	'organisation.activated': null,
	'membership.coordinator': null,
	'membership.member': null,
	'membership.remove': null,
	'membership.facilitator': null,
	'membership.notFacilitator': null,
	'meeting.hold': 'reportReason',
	'meeting.publish': null,
	'meeting.approve': null,
	'meeting.hide': 'reportReason',
	'meeting_quote.hide': 'reportReason',
	'invite.created': null,
	'invite.revoked': null,
	'account.created': null,
	'account.deleted.remove': null,
	'account.deleted.keep': null,
	'role.set': null,
	'badge.granted': null,
	'badge.removed': null,
	'reset.issued': null,
	'password.reset': null,
	'export.created': 'exportFormat'
} as const satisfies Record<string, AuditReasonKind | null>;
export type AuditAction = keyof typeof auditActions;

/** The dashboard's filters, as named in its address and in the export form (read in results/filters.ts). */
export const resultFilterNames = ['theme', 'group', 'from', 'to', 'votes'] as const;
