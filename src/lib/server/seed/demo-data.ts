import background from './gekleurde-armoede/background.json';
import glossary from './gekleurde-armoede/glossary.json';
import plainLanguage from './gekleurde-armoede/plain-language.json';
import report from './gekleurde-armoede/recommendations.json';
import translationAr from './gekleurde-armoede/translations/ar.json';
import translationEn from './gekleurde-armoede/translations/en.json';
import translationFr from './gekleurde-armoede/translations/fr.json';
import translationTr from './gekleurde-armoede/translations/tr.json';
import type { DemoTranslation } from './translations';
import type { BackgroundBlock } from '../../domain';

/*
 * The demo consultation, curated by hand from the report "Gekleurde Armoede" (2008) into the JSON files
 * next to this one. They are bundled into the app: nothing outside the project is read at run time.
 */

export interface ReportData {
	consultation: {
		slug: string;
		title: string;
		subtitle: string;
		purpose: string[];
		introduction: string[];
		/** Who runs the demo: the Samenspraak demo, never the report's authors or a real body (issue 14). */
		organiser: { name: string; line: string; contact: string };
		source: { title: string; year: number; publisher: string; date: string; place: string };
	};
	themes: { numeral: string; position: number; title: string; shortTitle: string }[];
	recommendations: {
		number: number;
		theme: string;
		shortTitle: string;
		tag: 'general' | 'specific' | null;
		paragraphs: string[];
	}[];
}

export interface BackgroundData {
	documents: {
		kind: 'workshop' | 'practice';
		slug: string;
		number: number;
		title: string;
		subtitle: string | null;
		organisation: string | null;
		summary: string;
		inputFrom?: string[];
		sections: { key: string; heading: string | null; blocks: BackgroundBlock[] }[];
		recommendations: number[];
		themes: string[];
	}[];
}

export interface GlossaryData {
	terms: {
		slug: string;
		term: string;
		kind: 'abbreviation' | 'jargon';
		expansion: string | null;
		match: string[];
		explanation: Record<string, string>;
	}[];
}

export interface PlainLanguageData {
	versions: { number: number; paragraphs: string[] }[];
}

export const demo = {
	report: report as ReportData,
	background: background as BackgroundData,
	glossary: glossary as GlossaryData,
	plainLanguage: plainLanguage as PlainLanguageData,
	/** Translations of the texts above the official text, written for the demo; see translations/*.json. */
	translations: [translationFr, translationEn, translationTr, translationAr] as DemoTranslation[]
};
