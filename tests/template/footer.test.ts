/**
 * The page footer (issue 10): contact details never break inside a phone number, e-mail address
 * or URL, and the footer's right-hand columns are as wide as their text (`<column width="auto">`),
 * on Letter and A4. Checked on the positioned page items.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentRootOf } from '../../src/build.js';
import { loadClinic } from '../../src/brand/load-clinic.js';
import { Diagnostics } from '../../src/diagnostics.js';
import { sharedFontBook } from '../../src/layout/fonts/font-book.js';
import { Measurer } from '../../src/layout/fonts/measure.js';
import { layout } from '../../src/layout/layout.js';
import { rowColumnWidths } from '../../src/layout/blocks/row.js';
import { StructureBuilder } from '../../src/layout/structure.js';
import { parse } from '../../src/parse/parse.js';
import { resolve } from '../../src/resolve/resolve.js';
import { defaultSettings } from '../../src/settings.js';
import type { PaperName } from '../../src/types/brand.js';
import { applyTemplate } from '../../src/template/apply-template.js';
import type { PagedDocument, TextItem } from '../../src/types/paged.js';
import { nodeWorld } from '../../src/world.js';

const SEED = path.join('content', 'guides', 'first-ketamine-session', 'en.md');
const SAMPLE_LOGO = path.resolve('content/clinics/example-community/logo.svg');

/** A clinic profile in a temporary folder (its logo copied from the sample clinic). */
function clinicWith(yaml: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'handout-footer-'));
  writeFileSync(path.join(dir, 'logo.svg'), readFileSync(SAMPLE_LOGO));
  writeFileSync(path.join(dir, 'clinic.yaml'), `logo: logo.svg\n${yaml}`);
  return path.join(dir, 'clinic.yaml');
}

async function pagesOf(clinic: string, paper: PaperName, largePrint = false): Promise<PagedDocument> {
  const diags = new Diagnostics();
  const settings = defaultSettings({ paper, largePrint });
  const brand = (await loadClinic(clinic, diags, nodeWorld))!;
  expect(brand, JSON.stringify(diags.list)).toBeDefined();
  const doc = parse(SEED, readFileSync(SEED, 'utf8'), diags)!;
  const resolved = (await resolve(
    { doc, brand, world: nodeWorld, roots: [path.dirname(path.resolve(SEED)), contentRootOf(path.resolve(SEED))] },
    settings,
    diags,
  ))!;
  expect(resolved, JSON.stringify(diags.list.filter((d) => d.severity === 'error'))).toBeDefined();
  const tree = applyTemplate({ doc: resolved, world: nodeWorld }, settings, diags)!;
  const paged = layout({ tree, fonts: sharedFontBook() }, settings, diags)!;
  expect(diags.list.filter((d) => d.severity === 'error')).toEqual([]);
  return paged;
}

/** The footer's lines on the first page (artifact text in the lower half: only the footer), each as its items' text, left to right. */
function footerLines(paged: PagedDocument): { y: number; text: string; items: TextItem[] }[] {
  const page = paged.pages[0]!;
  const items = page.items.filter((i): i is TextItem => i.kind === 'text' && i.owner === null && i.y > page.height / 2);
  const byY = new Map<number, TextItem[]>();
  for (const i of items) byY.set(Math.round(i.y * 10) / 10, [...(byY.get(Math.round(i.y * 10) / 10) ?? []), i]);
  return [...byY.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([y, line]) => {
      const sorted = line.sort((a, b) => a.x - b.x);
      return { y, items: sorted, text: sorted.map((i) => i.text).join('') };
    });
}

/** Text without the bidi isolate marks and with spaces collapsed, for matching. */
const plain = (s: string): string => s.replace(/[\u2066-\u2069]/gu, '').replace(/\s+/gu, ' ');

const LONG_CONTACT = clinicWith(
  [
    'name: Riverside Community Health Partners',
    'colors: { primary: "#1B7A4B" }',
    'contact:',
    '  phone: "(503) 555-0199"',
    '  website: https://www.riverside-community-health.example.org/patients',
    '  email: patient-questions@riverside-community-health.example.org',
    'footer: "This handout does not replace advice from your care team."',
    '',
  ].join('\n'),
);

/** Contact details that each fit a large-print line, but not all on one. */
const MEDIUM_CONTACT = clinicWith(
  [
    'name: Riverside Health',
    'colors: { primary: "#1B7A4B" }',
    'contact:',
    '  phone: "(503) 555-0199"',
    '  website: https://riverside-health.example.org/visits',
    '  email: questions@riverside-health.example.org',
    '',
  ].join('\n'),
);

describe('footer contact details', () => {
  for (const paper of ['letter', 'a4'] as const) {
    for (const largePrint of [false, true]) {
      it(`never breaks inside a phone number, URL or e-mail address (${paper}${largePrint ? ', large print' : ''})`, async () => {
        const clinic = largePrint ? MEDIUM_CONTACT : LONG_CONTACT;
        const lines = footerLines(await pagesOf(clinic, paper, largePrint)).map((l) => plain(l.text));
        const all = lines.join('\n');
        // the contact line is long enough to wrap here
        expect(lines.length, all).toBeGreaterThan(2);
        const units = largePrint
          ? ['(503) 555-0199', 'https://riverside-health.example.org/visits', 'questions@riverside-health.example.org']
          : [
              '(503) 555-0199',
              'https://www.riverside-community-health.example.org/patients',
              'patient-questions@riverside-community-health.example.org',
            ];
        for (const unit of units) {
          expect(
            lines.some((l) => l.includes(unit)),
            `${unit} on one line of:\n${all}`,
          ).toBe(true);
        }
      });
    }
  }
});

describe('footer columns sized to their content', () => {
  const measurer = new Measurer(sharedFontBook());
  const ctx = {
    measurer,
    diags: new Diagnostics(),
    structure: new StructureBuilder(),
    bodyHeight: 600,
    tagged: false,
    direction: 'ltr' as const,
  };
  const style = { face: 'regular' as const, size: 8, leading: 11, color: '#222222' as const, strike: false, underline: false };
  const para = (text: string) => ({
    kind: 'paragraph' as const,
    inlines: [{ kind: 'text' as const, text, style }],
    align: 'end' as const,
    space: { before: 0, after: 0 },
    place: { file: 't', line: 1, column: 1 },
    lang: 'en',
    hyphenate: false,
  });

  it('gives an `auto` column its text’s unwrapped width and the `fill` column the rest', () => {
    const text = 'Version 1 · Reviewed 1 March 2026';
    const natural = measurer.width('sans-regular', 8, text);
    const [fill, auto] = rowColumnWidths(
      [
        { width: 'fill', blocks: [para('Questions? Call us.')], valign: 'top' },
        { width: 'auto', blocks: [para(text)], valign: 'top' },
      ],
      500,
      ctx,
    );
    expect(auto!).toBeGreaterThanOrEqual(natural);
    expect(auto!).toBeLessThan(natural + 1);
    expect(fill! + auto!).toBeCloseTo(500, 5);
  });

  it('never lets `auto` columns take more than half of what a `fill` column shares', () => {
    const [fill, auto] = rowColumnWidths(
      [
        { width: 'fill', blocks: [para('x')], valign: 'top' },
        { width: 'auto', blocks: [para('a very long note '.repeat(20))], valign: 'top' },
      ],
      300,
      ctx,
    );
    expect(auto).toBeCloseTo(150, 5);
    expect(fill).toBeCloseTo(150, 5);
  });

  const LONG_NOTE = 'Questions about your medicines, your visit or your ride home? Call the nurse line before you come.';
  const noteClinic = clinicWith(
    `name: Riverside Health\ncolors: { primary: "#1B7A4B" }\ncontact: { phone: "(503) 555-0199", website: "https://example.org" }\nfooter: "${LONG_NOTE}"\n`,
  );
  for (const paper of ['letter', 'a4'] as const) {
    it(`the footer note takes one line when it fits beside the version (${paper})`, async () => {
      const lines = footerLines(await pagesOf(noteClinic, paper)).map((l) => plain(l.text));
      const note = lines.find((l) => l.includes('Questions about'));
      expect(note, lines.join('\n')).toContain(LONG_NOTE);
      expect(note).toContain('Version 1');
    });
  }
});
