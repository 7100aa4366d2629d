import type {
	AnswerStatus,
	PositionMandate,
	PositionSignOff,
	PositionStance,
	PositionStatus,
	CommentStatus,
	HeldFor,
	ParticipantGroup,
	ReportReason,
	Stance,
	TranslationOrigin
} from './domain';
import type { MarkedBlock } from './text/marked';

/*
 * View types: what services hand to pages and components, in one place. Types only, so both the server
 * and the browser may import them; services build these, components show them.
 */

/**
 * A text as one reader sees it: in the reader's language when a current translation exists, else as it
 * was written. `lang` is the language of `text` ('' when unknown); `dir` follows from it.
 */
export interface Shown {
	text: string;
	lang: string;
	/** Set when `text` is a translation: where it came from, whether a person checked it, and the text as written. */
	translated: {
		origin: TranslationOrigin;
		checked: boolean;
		original: string;
		originalLang: string;
	} | null;
	/** No current translation into the reader's language yet, and a machine translation is on its way. */
	coming: boolean;
}

/** One comment in a thread, as the viewer may see it, with its replies. */
export interface CommentView {
	id: number;
	parentId: number | null;
	/** Null once deleted, hidden, or held and not mine: the comment stays as a tombstone so its replies keep their place. */
	body: string | null;
	/** The body in the reader's language where a current translation exists, else as written; null with `body`. */
	bodyShown: Shown | null;
	/** I asked a person to translate it into my language. */
	translationAsked: boolean;
	language: string;
	stance: Stance | null;
	status: CommentStatus;
	/** Why a moderator removed it (shown in its place), when hidden. */
	hiddenReason: ReportReason | null;
	/** Waiting for a moderator: after reports (others see a notice), or before publication (only I see it). */
	heldFor: HeldFor | null;
	/** My comment waits because it has personal details (told only to its author). */
	waitsForDetails: boolean;
	/** A moderator edited out personal details. */
	redacted: boolean;
	author: { name: string | null; experienceExpert: boolean; isDemo: boolean; isMe: boolean };
	createdAt: string;
	/** The revision of the recommendation's text it was written on. */
	textVersion: number;
	edited: boolean;
	helpfulCount: number;
	replyCount: number;
	helpedByMe: boolean;
	reportedByMe: boolean;
	canEdit: boolean;
	canDelete: boolean;
	replies: CommentView[];
}

export interface Tally {
	agree: number;
	disagree: number;
	unsure: number;
	total: number;
}

export interface Tallies extends Tally {
	/** Per self-declared group; "none" is people who chose no group at all. */
	byGroup: ({ group: ParticipantGroup | 'none' } & Tally)[];
}

/** A comment a summary cites, as readers see it in the list of sources. Null body: removed since. */
export interface CitedSource {
	id: number;
	number: number;
	body: string | null;
	language: string;
	authorName: string | null;
	experienceExpert: boolean;
	/** A demo account (marked as such wherever its name is shown). */
	isDemo: boolean;
	createdAt: string;
	/** On staff pages: the comment in the consultation's language (null when written in it). */
	staffShown?: Shown | null;
}

/** The three sections of "what we heard", in the order readers see them. */
export const summarySections = ['mainPoints', 'disagreements', 'voices'] as const;
export type SummarySection = (typeof summarySections)[number];

export interface PublishedSummary {
	/** Each section's blocks as shown: in the reader's language where a current translation exists (`shown`). */
	sections: { key: SummarySection; blocks: MarkedBlock[]; shown?: Shown }[];
	sources: CitedSource[];
	/** The associations' positions it cites ([#p12]), by id, with the association's name. */
	positions?: { id: number; organisation: string }[];
	publishedAt: string;
}

/** One published version of a policy answer ("you said, we did"). */
export interface AnswerVersion {
	id: number;
	status: AnswerStatus;
	explanation: MarkedBlock[];
	commitment: string;
	commitmentDue: string | null;
	publishedAt: string;
	/** The explanation as written (marked plain text), for exports. */
	text: string;
	/** Explanation and commitment as shown to a reader (then `explanation` holds the blocks of the text shown). */
	explanationShown?: Shown;
	commitmentShown?: Shown;
}

/** One version of an association's position: what it says and how it was decided (its mandate). */
export interface PositionVersionView {
	version: number;
	stance: PositionStance;
	/** The explanation as written, and as shown to this reader (translated where a current translation exists). */
	explanation: string;
	explanationShown: Shown;
	language: string;
	mandate: PositionMandate;
	/** How it was decided, in the association's words, when the mandate is "another way". */
	mandateOther: string;
	/** YYYY-MM-DD */
	decidedOn: string;
	membersTakingPart: number;
	/** How the members split, when the association said so. */
	split: { agree: number; disagree: number; abstain: number } | null;
	signOff: PositionSignOff | null;
	publishedAt: string | null;
	/** Demo data: shown with a "demo" badge. */
	demo: boolean;
}

/** An association's position on a recommendation, as readers see it: under the association's name, never a person's. */
export interface PositionView {
	id: number;
	organisation: { slug: string; name: string; deactivated: boolean };
	/** The recommendation, its short title in its own language (`language`). */
	recommendation: { consultationSlug: string; number: number; shortTitle: string; language: string };
	status: PositionStatus;
	withdrawnAt: string | null;
	current: PositionVersionView;
	/** Earlier published versions, newest first. */
	history: PositionVersionView[];
}

/** Raised hands a facilitator counted at a group meeting (issue 13): what they recorded, never votes. */
export interface HandTally {
	agree: number;
	disagree: number;
	notSure: number;
}

/** One group meeting's record in a line: who met and when, how many took part, and what they counted. */
export interface MeetingLine extends HandTally {
	organisation: string;
	heldOn: string | null;
	participants: number;
	isDemo: boolean;
}

/** What group meetings said about one recommendation, on its thread: apart from votes and comments. */
export interface MeetingsOnThread extends HandTally {
	meetings: number;
	/** People who took part in those meetings (as recorded). */
	people: number;
	records: (HandTally & {
		id: number;
		organisation: string;
		organisationSlug: string;
		heldOn: string;
		participants: number;
		isDemo: boolean;
	})[];
	quotes: { id: number; meetingId: number; shown: Shown; organisation: string; isDemo: boolean }[];
}

/** What changed between two texts: parts to show marked (plain text, never HTML) and words counted. */
export interface TextChange {
	parts: { kind: 'same' | 'removed' | 'added'; text: string }[];
	/** Words removed and added (runs of letters or digits; punctuation and spaces are not counted). */
	removed: number;
	added: number;
}

/** One revision of a recommendation's official text, with what changed from the revision before it. */
export interface TextRevision {
	version: number;
	/** 'original': the text as first published; 'correction': a small fix staff marked as such. */
	kind: 'original' | 'change' | 'correction';
	/** Why, in one line, as staff wrote it (may be empty). */
	reason: string;
	shortTitle: string;
	officialText: string;
	createdAt: string;
	/** What changed from the revision before (null for the first). */
	change: TextChange | null;
}

/** The revisions of a recommendation's text: the current one and the earlier ones, newest first. */
export interface TextHistory {
	version: number;
	/** Null while the text was never revised. */
	current: TextRevision | null;
	earlier: TextRevision[];
}

/** A reader voted on an earlier text that has changed since (a correction does not count as a change). */
export interface VoteOnEarlierText {
	votedOn: number;
	version: number;
	/** From the text they voted on to the current one. */
	change: TextChange;
}
