import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import { readReport } from './read';
import { buildDocx, sampleMarkdown } from './test-reports';
import type { Proposal } from './structure';

/** The proposal in short: each part as kind, theme title, number, report number and title. */
function outline(p: Proposal) {
	const theme = new Map(p.themes.map((t) => [t.key, t.title]));
	return p.parts.map((part) => [
		part.kind,
		part.themeKey ? theme.get(part.themeKey) : null,
		part.number,
		part.reportNumber,
		part.title
	]);
}

/** The structure both test reports should get, whatever their format. */
const expected = [
	['background', null, null, '', 'Inleiding'],
	['recommendation', 'Thema 1: Wonen', 1, '1.1', 'Betaalbare huur'],
	['recommendation', 'Thema 1: Wonen', 2, '1.2', 'Goede woningen'],
	['recommendation', 'Thema 2: Werk', 3, '2.1', 'Werk dichtbij'],
	['excluded', null, null, '', 'Bijlage: cijfers']
];

const problem = (work: Promise<unknown>) =>
	work.then(
		() => 'read',
		(e) => (e instanceof DomainError ? e.code : e)
	);

describe('reading a report into a proposed structure', () => {
	for (const [format, read] of [
		['Word', async () => readReport({ file: { name: 'verslag.docx', bytes: await buildDocx() } })],
		['Markdown', () => readReport({ file: { name: 'verslag.md', bytes: new TextEncoder().encode(sampleMarkdown) } })],
		['pasted Markdown', () => readReport({ text: sampleMarkdown })]
	] as const) {
		it(`${format}: themes, numbered recommendations, background and an annex left out`, async () => {
			const report = await read();
			expect(report.proposal.themes.map((t) => t.title)).toEqual(['Thema 1: Wonen', 'Thema 2: Werk']);
			expect(outline(report.proposal)).toEqual(expected);
		});

		it(`${format}: keeps the whole text, sub-numbering, the list, the footnote as notes and the table`, async () => {
			const { proposal, imagesLeftOut } = await read();
			const [, first, second] = proposal.parts;
			expect(first.blocks).toEqual([
				{ type: 'paragraph', text: 'Huur moet betaalbaar zijn voor iedereen.[1]' },
				{ type: 'paragraph', text: '1.1.a De stad bouwt meer sociale woningen.' },
				{ type: 'list', items: ['1. Eerst de wachtlijst korter maken', '2. Dan de huurprijs begrenzen'] },
				{ type: 'notes', items: ['Bron: woononderzoek 2025.'] }
			]);
			expect(second.blocks).toEqual([
				{ type: 'paragraph', text: 'Elke woning is warm en droog.' },
				{
					type: 'table',
					rows: [
						['Wijk', 'Woningen'],
						['Noord', '120']
					]
				}
			]);
			// The image is left out, and counted.
			expect(imagesLeftOut).toBe(1);
		});
	}

	it('reads plain text copied from a PDF, repairing its line breaks, page numbers and running headers', async () => {
		const text = [
			'Verslag wonen 2026',
			'Thema 1: Wonen',
			'',
			'Aanbeveling 1 Betaalbare huur',
			'',
			'De stad zorgt ervoor dat de huur voor gezinnen met een laag inkomen betaal-',
			'baar blijft, ook in de wijken waar de prijzen nu snel stijgen en waar veel',
			'mensen wonen.',
			'',
			'12',
			'Verslag wonen 2026',
			'Aanbeveling 2 Warme woningen',
			'',
			'- Elke woning is warm.',
			'- Elke woning is droog.',
			'',
			'Verslag wonen 2026'
		].join('\n');
		const { proposal, kind } = await readReport({ text });
		expect(kind).toBe('text');
		expect(outline(proposal)).toEqual([
			['recommendation', 'Thema 1: Wonen', 1, '', 'Betaalbare huur'],
			['recommendation', 'Thema 1: Wonen', 2, '', 'Warme woningen']
		]);
		expect(proposal.parts[0].blocks).toEqual([
			{
				type: 'paragraph',
				text: 'De stad zorgt ervoor dat de huur voor gezinnen met een laag inkomen betaalbaar blijft, ook in de wijken waar de prijzen nu snel stijgen en waar veel mensen wonen.'
			}
		]);
		expect(proposal.parts[1].blocks).toEqual([
			{ type: 'list', items: ['Elke woning is warm.', 'Elke woning is droog.'] }
		]);
	});

	it('finds numbered recommendations in paragraphs when the report has no recommendation headings', async () => {
		const { proposal } = await readReport({
			text: 'Thema I. Onderwijs\n\n1. Elke school heeft een brugfiguur. Die helpt ouders.\n\nDe brugfiguur spreekt hun taal.\n\n2. Scholen zijn gratis.'
		});
		expect(outline(proposal)).toEqual([
			['recommendation', 'Thema I. Onderwijs', 1, '', 'Elke school heeft een brugfiguur'],
			['recommendation', 'Thema I. Onderwijs', 2, '', 'Scholen zijn gratis']
		]);
		expect(proposal.parts[0].blocks).toHaveLength(2);
	});
});

describe('bad input: a clear message, and nothing read', () => {
	const zipWith = (name: string) => {
		// A zip's local file header: the signature, then the name stands uncompressed at offset 30.
		const header = Buffer.alloc(30);
		header.writeUInt32LE(0x04034b50, 0);
		header.writeUInt16LE(name.length, 26);
		return new Uint8Array(Buffer.concat([header, Buffer.from(name, 'latin1'), Buffer.alloc(16)]));
	};

	it('refuses a file over 10 MB', async () => {
		const big = new Uint8Array(10 * 1024 * 1024 + 1);
		expect(await problem(readReport({ file: { name: 'groot.docx', bytes: big } }))).toBe(
			'reports:import.error.tooLarge'
		);
		expect(await problem(readReport({ text: 'a'.repeat(10 * 1024 * 1024 + 1) }))).toBe('reports:import.error.tooLarge');
	});

	it('refuses a .docx that is not a zip', async () => {
		const bytes = new TextEncoder().encode('Dit is geen Word-bestand.');
		expect(await problem(readReport({ file: { name: 'verslag.docx', bytes } }))).toBe('reports:import.error.notZip');
	});

	it('refuses a password-protected document (an encrypted OLE container)', async () => {
		const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(512).fill(0)]);
		expect(await problem(readReport({ file: { name: 'geheim.docx', bytes: ole } }))).toBe(
			'reports:import.error.protected'
		);
	});

	it('refuses macros: a .docm, or a .docx that holds a vbaProject part', async () => {
		const docx = await buildDocx();
		expect(await problem(readReport({ file: { name: 'verslag.docm', bytes: docx } }))).toBe(
			'reports:import.error.macros'
		);
		expect(await problem(readReport({ file: { name: 'verslag.docx', bytes: zipWith('word/vbaProject.bin') } }))).toBe(
			'reports:import.error.macros'
		);
	});

	it('refuses a zip that is not a Word document', async () => {
		expect(await problem(readReport({ file: { name: 'verslag.docx', bytes: zipWith('iets.txt') } }))).toBe(
			'reports:import.error.unreadable'
		);
	});

	it('refuses a report with no recognisable structure', async () => {
		expect(await problem(readReport({ text: 'Een tekst zonder kopjes.\n\nEn zonder nummers.' }))).toBe(
			'reports:import.error.noStructure'
		);
		expect(await problem(readReport({ text: '# Over ons\n\nWij zijn een vereniging.' }))).toBe(
			'reports:import.error.noStructure'
		);
	});

	it('refuses empty input, another kind of file, and a text file that is not UTF-8', async () => {
		expect(await problem(readReport({ text: '  \n ' }))).toBe('reports:import.error.empty');
		expect(await problem(readReport({ file: { name: 'verslag.pdf', bytes: new Uint8Array([1]) } }))).toBe(
			'reports:import.error.fileType'
		);
		expect(
			await problem(readReport({ file: { name: 'verslag.txt', bytes: new Uint8Array([0xff, 0xfe, 0x41]) } }))
		).toBe('reports:import.error.unreadable');
	});
});
