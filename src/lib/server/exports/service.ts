import { exportFormats } from '../../domain';
import { Readable } from 'node:stream';
import type { TFunction } from 'i18next';
import { formatDate, formatNumber } from '../../text/format';
import type { MaybeActor } from '../auth/actor';
import * as audit from '../audit/repository';
import { generateSessionToken, hashToken } from '../auth/tokens';
import * as consultations from '../consultations/repository';
import type { DB } from '../db/create';
import type { ExportFormat } from '../db/types';
import { DomainError, forbidden, loginRequired, notFound } from '../errors';
import { canSeeResults } from '../results/policy';
import {
	getDashboard,
	loadResults,
	readFilters,
	requireResultsReader,
	type ResultFilters,
	type Results
} from '../results/service';
import { csvFile, jsonFile, type CsvName } from './open-data';
import { reportDocument } from './report';
import { findingTexts, methodTexts, reportFacts, type LanguageAvailability } from './findings';
import { hashSource } from '../translations/repository';
import { positionsOf } from './positions';
import * as repository from './repository';
import * as translations from '../translations/service';
import { romanNumeral } from '../../text/numeral';
import { spreadsheet } from './spreadsheet';

export { exportFormats };
/** A download link works this long, in the session that asked for it. */
export const LINK_MINUTES = 10;

/**
 * Makes a download link for one export of a consultation, for this session only, valid ten minutes.
 * Only the hash of its token is stored; the export itself is made when the link is opened. Recorded in
 * the audit log. Raises loginRequired, forbidden, notFound.consultation, results:error.format.
 */
export async function createExportLink(
	db: DB,
	actor: MaybeActor,
	sessionId: string | null,
	input: { slug: string; format: string; locale: string; filters: ResultFilters },
	now = new Date()
): Promise<{ token: string; expiresAt: string }> {
	requireResultsReader(actor);
	if (!sessionId) throw loginRequired();
	if (!exportFormats.includes(input.format as ExportFormat)) throw new DomainError('results:error.format');
	const consultation = await consultations.findBySlug(db, input.slug);
	if (!consultation) throw notFound('consultation');
	const token = generateSessionToken();
	const iso = now.toISOString();
	const expiresAt = new Date(now.getTime() + LINK_MINUTES * 60_000).toISOString();
	await db.transaction().execute(async (trx) => {
		// Old links of this session are of no use any more: keep the table small.
		await repository.deleteExpiredLinks(trx, iso);
		await repository.insertLink(trx, {
			tokenHash: hashToken(token),
			sessionId,
			userId: actor.id,
			consultationId: consultation.id,
			format: input.format as ExportFormat,
			locale: input.locale,
			filters: JSON.stringify(input.filters),
			expiresAt,
			now: iso
		});
		await audit.record(trx, {
			actorId: actor.id,
			action: 'export.created',
			subjectType: 'consultation',
			subjectId: consultation.id,
			reason: input.format as ExportFormat,
			detail: JSON.stringify(input.filters),
			now: iso
		});
	});
	return { token, expiresAt };
}

/**
 * Opens a download link: only in the session that made it, only before it expires, and only while its
 * owner may still see results. Raises loginRequired, forbidden (another session or person), notFound.export.
 */
export async function openExportLink(
	db: DB,
	actor: MaybeActor,
	sessionId: string | null,
	token: string,
	now = new Date()
): Promise<{ slug: string; format: ExportFormat; locale: string; filters: ResultFilters }> {
	if (!actor || !sessionId) throw loginRequired();
	const link = /^[a-z2-7]{32}$/.test(token) ? await repository.findLink(db, hashToken(token)) : undefined;
	if (!link || link.expires_at <= now.toISOString()) {
		// Someone who may not see results learns nothing about which links exist.
		if (!canSeeResults(actor)) throw forbidden();
		throw notFound('export');
	}
	if (link.session_id !== sessionId || link.user_id !== actor.id || !canSeeResults(actor)) throw forbidden();
	return {
		slug: link.slug,
		format: link.format,
		locale: link.locale,
		filters: readFilters(JSON.parse(link.filters) as Record<string, unknown>)
	};
}

/**
 * In which languages the report's recommendations could be read: the language each was written in, and
 * per language how many had a current translation of their plain text (made from the text as it is
 * now). One query.
 */
export async function languageAvailability(db: DB, results: Results): Promise<LanguageAvailability> {
	const recs = results.recommendations;
	const current = new Map(recs.map((r) => [r.id, hashSource(r.plainText)]));
	const rows = await repository.plainTextTranslations(
		db,
		recs.map((r) => r.id)
	);
	const counts = new Map<string, number>();
	for (const row of rows)
		if (current.get(row.item_id) === row.source_hash) counts.set(row.language, (counts.get(row.language) ?? 0) + 1);
	return {
		written: [...new Set(recs.map((r) => r.language))],
		translated: [...counts.entries()]
			.map(([language, recommendations]) => ({ language, recommendations }))
			.sort((a, b) => b.recommendations - a.recommendations || a.language.localeCompare(b.language))
	};
}

/** The method section of every export, in the chosen language: true by construction, or computed. */
export async function methodText(db: DB, results: Results, t: TFunction, locale: string): Promise<string[]> {
	return methodTexts(t, await languageAvailability(db, results), (x) => formatNumber(x, locale), results);
}

/**
 * What the report states, for the print view and the Word report alike: the facts (findings.ts), the
 * method and the associations' positions. Three queries after the results.
 */
export async function reportFactsOf(db: DB, results: Results) {
	const [positions, languages] = await Promise.all([positionsOf(db, results), languageAvailability(db, results)]);
	return { positions, languages, facts: reportFacts(results, positions, languages) };
}

/**
 * The report as the print view shows it: the dashboard's results, the positions, the method and the key
 * findings in words, the same as the Word report's. Policy staff and administrators only. Raises
 * loginRequired, forbidden, notFound.consultation.
 */
export async function getPrintReport(
	db: DB,
	actor: MaybeActor,
	input: { slug: string; filters: ResultFilters; locale: string },
	t: TFunction
) {
	const dashboard = await getDashboard(db, actor, input.slug, input.filters);
	const { positions, languages, facts } = await reportFactsOf(db, dashboard);
	const n = (x: number) => formatNumber(x, input.locale);
	return {
		dashboard,
		positions,
		facts,
		findings: findingTexts(facts, t, { n, percent: (share) => `${Math.round(share * 100)}%` }),
		method: methodTexts(t, languages, n, dashboard),
		filterWords: filterText(input.filters, t, input.locale)
	};
}

/** The filters in words, for the top of a report. */
export function filterText(filters: ResultFilters, t: TFunction, locale: string): string[] {
	const day = (d: string) => formatDate(`${d}T12:00:00Z`, locale, 'long');
	return [
		filters.theme ? t('results:filter.themeIs', { numeral: romanNumeral(filters.theme) }) : null,
		filters.group ? t('results:filter.groupIs', { group: t(`results:group.${filters.group}`) }) : null,
		filters.from ? t('results:filter.fromDay', { date: day(filters.from) }) : null,
		filters.to ? t('results:filter.toDay', { date: day(filters.to) }) : null,
		filters.votes === 'current' ? t('results:filter.currentVotesOnly') : null
	].filter((x): x is string => x !== null);
}

const contentTypes: Record<ExportFormat, string> = {
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	json: 'application/json; charset=utf-8',
	'recommendations.csv': 'text/csv; charset=utf-8',
	'comments.csv': 'text/csv; charset=utf-8',
	'votes.csv': 'text/csv; charset=utf-8',
	'summaries.csv': 'text/csv; charset=utf-8',
	'answers.csv': 'text/csv; charset=utf-8',
	'positions.csv': 'text/csv; charset=utf-8',
	'meetings.csv': 'text/csv; charset=utf-8'
};

/** A pull-based stream of an async source of text: the next chunk is read only when the last was sent. */
export function textStream(source: AsyncGenerator<string>): ReadableStream<Uint8Array> {
	const encoder = new TextEncoder();
	return new ReadableStream({
		async pull(controller) {
			const { value, done } = await source.next();
			if (done) controller.close();
			else controller.enqueue(encoder.encode(value));
		},
		async cancel() {
			await source.return(undefined);
		}
	});
}

/**
 * Makes the file behind an opened link: its name, type and a stream of its bytes. The results are read
 * once, with the link's filters; comments stream in batches.
 */
export async function buildExport(
	db: DB,
	link: { slug: string; format: ExportFormat; locale: string; filters: ResultFilters },
	t: TFunction,
	now = new Date()
): Promise<{ filename: string; contentType: string; body: ReadableStream<Uint8Array> }> {
	const results: Results = await loadResults(db, link.slug, link.filters);
	const stamp = now.toISOString().slice(0, 10);
	const base = `${link.slug}-${stamp}`;
	const filename = link.format.endsWith('.csv') ? `${base}-${link.format}` : `${base}.${link.format}`;
	const rtl = link.locale === 'ar';
	let body: ReadableStream<Uint8Array>;
	if (link.format === 'docx') {
		// The cited comments in the report's language, where a current translation exists: one query.
		const cited = results.recommendations.flatMap((r) =>
			(r.summary?.sources ?? []).flatMap((s) => (s.body === null ? [] : [{ ...s, body: s.body }]))
		);
		const localise = await translations.localiser(db, cited.map(translations.commentBody), link.locale);
		const { positions, languages, facts } = await reportFactsOf(db, results);
		const buffer = await reportDocument(results, t, {
			quote: (source) => localise(translations.commentBody(source)),
			locale: link.locale,
			rtl,
			generatedAt: now.toISOString(),
			method: methodTexts(t, languages, (x) => formatNumber(x, link.locale), results),
			filters: filterText(link.filters, t, link.locale),
			formatDate: (iso) => (iso ? formatDate(iso, link.locale, 'long') : ''),
			formatNumber: (n) => formatNumber(n, link.locale),
			percent: (share) => `${Math.round(share * 100)}%`,
			positions,
			facts
		});
		body = new Blob([new Uint8Array(buffer)]).stream();
	} else if (link.format === 'xlsx') {
		body = Readable.toWeb(spreadsheet(db, results, t, rtl)) as ReadableStream<Uint8Array>;
	} else if (link.format === 'json') {
		body = textStream(
			jsonFile(db, results, {
				locale: link.locale,
				generatedAt: now.toISOString(),
				method: await methodText(db, results, t, link.locale)
			})
		);
	} else {
		body = textStream(csvFile(db, results, link.format as CsvName));
	}
	return { filename, contentType: contentTypes[link.format], body };
}
