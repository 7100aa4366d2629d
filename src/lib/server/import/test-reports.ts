import {
	Document,
	FootnoteReferenceRun,
	HeadingLevel,
	ImageRun,
	LevelFormat,
	Packer,
	Paragraph,
	Table,
	TableCell,
	TableRow,
	TextRun
} from 'docx';

/*
 * For tests (unit and end to end): a small report the tests build themselves, as a Word file and as
 * Markdown, with two themes, numbered and sub-numbered recommendations, a list, a footnote, a table, an
 * image, background and an annex that is not part of the consultation.
 */

/** A one-pixel PNG. */
const PIXEL = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
	'base64'
);

const cell = (text: string) => new TableCell({ children: [new Paragraph(text)] });

export async function buildDocx(): Promise<Buffer> {
	const doc = new Document({
		numbering: {
			config: [{ reference: 'steps', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.' }] }]
		},
		footnotes: { 1: { children: [new Paragraph('Bron: woononderzoek 2025.')] } },
		sections: [
			{
				children: [
					new Paragraph({ text: 'Inleiding', heading: HeadingLevel.HEADING_1 }),
					new Paragraph('Dit verslag gaat over wonen en werk in onze stad.'),
					new Paragraph({ text: 'Thema 1: Wonen', heading: HeadingLevel.HEADING_1 }),
					new Paragraph({ text: '1.1 Betaalbare huur', heading: HeadingLevel.HEADING_2 }),
					new Paragraph({
						children: [new TextRun('Huur moet betaalbaar zijn voor iedereen.'), new FootnoteReferenceRun(1)]
					}),
					new Paragraph('1.1.a De stad bouwt meer sociale woningen.'),
					new Paragraph({ text: 'Eerst de wachtlijst korter maken', numbering: { reference: 'steps', level: 0 } }),
					new Paragraph({ text: 'Dan de huurprijs begrenzen', numbering: { reference: 'steps', level: 0 } }),
					new Paragraph({ text: '1.2 Goede woningen', heading: HeadingLevel.HEADING_2 }),
					new Paragraph('Elke woning is warm en droog.'),
					new Table({
						rows: [
							new TableRow({ children: [cell('Wijk'), cell('Woningen')] }),
							new TableRow({ children: [cell('Noord'), cell('120')] })
						]
					}),
					new Paragraph({
						children: [new ImageRun({ type: 'png', data: PIXEL, transformation: { width: 10, height: 10 } })]
					}),
					new Paragraph({ text: 'Thema 2: Werk', heading: HeadingLevel.HEADING_1 }),
					new Paragraph({ text: '2.1 Werk dichtbij', heading: HeadingLevel.HEADING_2 }),
					new Paragraph('Er komt werk in elke wijk.'),
					new Paragraph({ text: 'Bijlage: cijfers', heading: HeadingLevel.HEADING_1 }),
					new Paragraph('Deze cijfers horen niet bij de raadpleging.')
				]
			}
		]
	});
	return Packer.toBuffer(doc);
}

export const sampleMarkdown = `# Inleiding

Dit verslag gaat over wonen en werk in onze stad.

# Thema 1: Wonen

## 1.1 Betaalbare huur

Huur moet betaalbaar zijn voor iedereen.[^bron]

1.1.a De stad bouwt meer sociale woningen.

1. Eerst de wachtlijst korter maken
2. Dan de huurprijs begrenzen

## 1.2 Goede woningen

Elke woning is warm en droog.

| Wijk | Woningen |
| --- | --- |
| Noord | 120 |

![Een foto](foto.png)

# Thema 2: Werk

## 2.1 Werk dichtbij

Er komt werk in elke wijk.

# Bijlage: cijfers

Deze cijfers horen niet bij de raadpleging.

[^bron]: Bron: woononderzoek 2025.
`;
