import { beforeAll, describe, expect, it } from 'vitest';
import type * as mupdf from 'mupdf';
import { PDFUA_RULES, checkPdfUa, parseContentStream, parseToUnicodeCMap, structureText, type PdfUaRule } from '../pdfua-check.js';
import { EXPECTED_STRUCTURE_TEXT, buildPdf, findElement, structTreeRoot, type BuildOptions } from './build-pdf.js';

const rulesOf = (pdf: Uint8Array): PdfUaRule[] => [...new Set(checkPdfUa(pdf).map((v) => v.rule))];

const firstPage = (doc: mupdf.PDFDocument): mupdf.PDFObject => doc.findPage(0);
const firstFont = (doc: mupdf.PDFDocument): mupdf.PDFObject => {
  const fonts = firstPage(doc).get('Resources').get('Font');
  let font: mupdf.PDFObject | null = null;
  fonts.forEach((f) => {
    font ??= f;
  });
  if (!font) throw new Error('test PDF has no font on page 1');
  return font;
};

describe('checkPdfUa on a compliant PDFKit document', () => {
  let pdf: Uint8Array;
  beforeAll(async () => {
    pdf = await buildPdf();
  });

  it('reports no violations', () => {
    expect(checkPdfUa(pdf)).toEqual([]);
  });

  it('reads the structure tree text in order, decoding through ToUnicode', () => {
    expect(structureText(pdf)).toBe(EXPECTED_STRUCTURE_TEXT);
  });
});

/** One variant per rule: the options (or MuPDF edit) that break exactly that rule. */
const violations: [PdfUaRule, string, Partial<BuildOptions>][] = [
  [PDFUA_RULES.tagged, 'no /MarkInfo', { mutate: (d) => d.getTrailer().get('Root').delete('MarkInfo') }],
  [PDFUA_RULES.tagged, '/MarkInfo /Marked false', { mutate: (d) => d.getTrailer().get('Root').get('MarkInfo').put('Marked', false) }],
  [PDFUA_RULES.lang, 'no /Lang', { lang: null }],
  [PDFUA_RULES.lang, 'a /Lang that is not BCP 47', { lang: 'English (US)' }],
  [PDFUA_RULES.title, 'no DisplayDocTitle', { displayTitle: false }],
  [PDFUA_RULES.title, 'an Info /Title that is empty', { mutate: (d) => d.getTrailer().get('Info').put('Title', d.newString('')) }],
  [PDFUA_RULES.xmp, 'no pdfuaid:part', { pdfua: false }],
  [PDFUA_RULES.xmp, 'no /Metadata stream', { mutate: (d) => d.getTrailer().get('Root').delete('Metadata') }],
  [PDFUA_RULES.contentMarked, 'untagged text', { untaggedText: true }],
  [PDFUA_RULES.contentMarked, 'an untagged filled path', { untaggedPath: true }],
  [PDFUA_RULES.contentMarked, 'a stray EMC', { strayEmc: true }],
  [PDFUA_RULES.mcidTree, 'an MCID on the page that no element references', { orphanMcid: true }],
  [PDFUA_RULES.mcidTree, 'an element referencing an MCID absent from the page', { mutate: (d) => findElement(d, 'H1').get('K').push(42) }],
  [PDFUA_RULES.figureAlt, 'a Figure without /Alt', { figureAlt: null }],
  [PDFUA_RULES.headingOrder, 'H1 followed by H3', { headings: ['H1', 'H3'] }],
  [PDFUA_RULES.headingOrder, 'a first heading H2', { headings: ['H2', 'H2'] }],
  [PDFUA_RULES.annotations, 'a Link annotation outside the structure tree', { linkInStructure: false }],
  [PDFUA_RULES.annotations, 'a Link annotation without /Contents', { linkContents: null }],
  [PDFUA_RULES.annotations, 'a page with annotations but no /Tabs', { mutate: (d) => firstPage(d).delete('Tabs') }],
  [PDFUA_RULES.formFields, 'a Widget annotation without /TU', { widget: { tooltip: null, parent: 'Form' } }],
  [PDFUA_RULES.formFields, 'a Widget annotation outside the structure tree', { widget: { tooltip: 'Photo ID', parent: null } }],
  [PDFUA_RULES.formFields, 'a Widget annotation referenced from a /Span, not a /Form', { widget: { tooltip: 'Photo ID', parent: 'Span' } }],
  [PDFUA_RULES.fonts, 'a font without /ToUnicode', { mutate: (d) => firstFont(d).delete('ToUnicode') }],
  [
    PDFUA_RULES.fonts,
    'a font whose program is not embedded',
    { mutate: (d) => firstFont(d).get('DescendantFonts').get(0).get('FontDescriptor').delete('FontFile2') },
  ],
  [PDFUA_RULES.structTypes, 'a non-standard type without RoleMap', { customType: 'Warning' }],
  [
    PDFUA_RULES.structTypes,
    'a RoleMap that remaps a standard type',
    {
      mutate: (d) => {
        const map = d.newDictionary();
        map.put('P', d.newName('Span'));
        structTreeRoot(d).put('RoleMap', map);
      },
    },
  ],
];

describe('checkPdfUa fails each rule on a PDF lacking exactly that property', () => {
  it.each(violations)('%s: %s', async (rule, _what, options) => {
    const found = checkPdfUa(await buildPdf(options));
    expect(found.length).toBeGreaterThan(0);
    expect([...new Set(found.map((v) => v.rule))]).toEqual([rule]);
    for (const v of found) expect(v.message.length).toBeGreaterThan(20);
  });

  it('reports a missing /StructTreeRoot under ua-tagged', async () => {
    const pdf = await buildPdf({ mutate: (d) => d.getTrailer().get('Root').delete('StructTreeRoot') });
    expect(rulesOf(pdf)).toContain(PDFUA_RULES.tagged);
  });

  it('accepts a non-standard type that RoleMap maps to a standard one', async () => {
    const pdf = await buildPdf({
      customType: 'Warning',
      mutate: (d) => {
        const map = d.newDictionary();
        map.put('Warning', d.newName('Note'));
        structTreeRoot(d).put('RoleMap', map);
      },
    });
    expect(checkPdfUa(pdf)).toEqual([]);
  });

  it('accepts a Widget annotation with /TU inside a /Form element', async () => {
    const pdf = await buildPdf({ widget: { tooltip: 'Photo ID', parent: 'Form' } });
    expect(checkPdfUa(pdf)).toEqual([]);
    expect(structureText(pdf)).toContain('Bring your photo ID.');
  });

  it('names the offending value in messages', async () => {
    const [lang] = checkPdfUa(await buildPdf({ lang: 'English (US)' }));
    expect(lang?.message).toContain('"English (US)"');
    const [heading] = checkPdfUa(await buildPdf({ headings: ['H1', 'H3'] }));
    expect(heading?.message).toMatch(/\/H3 .* follows \/H1 .*skipping level 2/);
  });
});

describe('parseContentStream', () => {
  const ops = (src: string | Uint8Array): { op: string; operands: unknown[] }[] =>
    parseContentStream(typeof src === 'string' ? new TextEncoder().encode(src) : src);

  it('reads literal strings with escapes and nesting, hex strings, names, arrays and dicts', () => {
    const [bdc, tj, arr] = ops('/P <</MCID 3 /Lang (en)>> BDC\n(a\\(b\\)\\n\\101(nested)\\\ncont) Tj [<4869> -250 (x)] TJ % comment Tj\n');
    expect(bdc?.op).toBe('BDC');
    const dict = bdc?.operands[1] as { entries: Map<string, unknown> };
    expect(dict.entries.get('MCID')).toBe(3);
    expect(tj?.op).toBe('Tj');
    const bytes = (tj?.operands[0] as { bytes: Uint8Array }).bytes;
    expect(new TextDecoder().decode(bytes)).toBe('a(b)\nA(nested)cont');
    expect(arr?.op).toBe('TJ');
    const items = arr?.operands[0] as unknown[];
    expect(new TextDecoder().decode((items[0] as { bytes: Uint8Array }).bytes)).toBe('Hi');
    expect(items[1]).toBe(-250);
    expect(ops('/A#20B BMC EMC')[0]?.operands[0]).toEqual({ kind: 'name', name: 'A B' });
  });

  it('skips inline image data, even when it contains operator-like bytes', () => {
    const data = Uint8Array.from([0x54, 0x6a, 0x20, 0x28, 0x45, 0x49, 0x29, 0xff]);
    const head = new TextEncoder().encode('q BI /W 2 /H 2 /CS /G /BPC 8 /L 8 ID ');
    const tail = new TextEncoder().encode('\nEI Q');
    const src = new Uint8Array([...head, ...data, ...tail]);
    expect(ops(src).map((o) => o.op)).toEqual(['q', 'BI', 'Q']);
    const noLength = new TextEncoder().encode('BI /W 1 /H 1 ID \u0001\u0002 EI (after) Tj');
    expect(ops(noLength).map((o) => o.op)).toEqual(['BI', 'Tj']);
  });
});

describe('parseToUnicodeCMap', () => {
  it('reads codespace ranges, bfchar and both bfrange forms', () => {
    const cmap = new TextEncoder().encode(
      [
        '1 begincodespacerange <0000> <FFFF> endcodespacerange',
        '2 beginbfchar <0001> <0041> <0002> <D83DDE00> endbfchar',
        '2 beginbfrange <0010> <0012> <0061> <0020> <0021> [<0066006C> <00E9>] endbfrange',
      ].join('\n'),
    );
    const { codespaces, map } = parseToUnicodeCMap(cmap);
    expect(codespaces).toEqual([{ lo: [0, 0], hi: [255, 255] }]);
    expect(map.get('2:1')).toBe('A');
    expect(map.get('2:2')).toBe('😀');
    expect([map.get('2:16'), map.get('2:17'), map.get('2:18')]).toEqual(['a', 'b', 'c']);
    expect(map.get('2:32')).toBe('fl');
    expect(map.get('2:33')).toBe('é');
    expect(map.has('2:19')).toBe(false);
  });
});
