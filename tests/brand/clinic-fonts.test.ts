/**
 * Clinic fonts (`fonts: { body, bold, heading, … }` in clinic.yaml): read from the clinic folder, used for
 * body and heading text with the bundled fonts as per-character fallback, refused at their line when they
 * are not usable fonts, and part of every cache key (in-process clinic cache, incremental inputs).
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadClinic } from '../../src/brand/load-clinic.js';
import { buildHandout } from '../../src/build.js';
import { Diagnostics, formatDiagnostic } from '../../src/diagnostics.js';
import { clinicFontBook, clinicFontKey } from '../../src/layout/fonts/clinic-fonts.js';
import { sharedFontBook } from '../../src/layout/fonts/font-book.js';
import { layout } from '../../src/layout/layout.js';
import { parse } from '../../src/parse/parse.js';
import { resolve } from '../../src/resolve/resolve.js';
import { defaultSettings } from '../../src/settings.js';
import { applyTemplate } from '../../src/template/apply-template.js';
import type { TextItem } from '../../src/types/paged.js';
import { nodeWorld } from '../../src/world.js';
import { runCli } from '../../src/cli/main.js';
import { listFonts } from '../helpers/pdf-read.js';
import { missingToolReason, pdftotext } from '../helpers/poppler.js';

const FIXTURE = path.resolve('tests/fixtures/clinics/font-clinic');
const GUIDE = `---
id: fonts-guide
title: "Clinic Fonts Test"
lang: en
version: 1
---

## Before your visit

Body text in the clinic font. Arabic word: مرحبا بكم and a check mark ✓.

Some **bold words** and *italic words* here.
`;

/** A copy of the fixture clinic (fonts, licence, logo) and a guide beside it, in a fresh folder. */
function workspace(clinicYaml?: string): { dir: string; clinic: string; guide: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'handoutkit-clinic-fonts-'));
  const cdir = path.join(dir, 'content/clinics/font-clinic');
  cpSync(FIXTURE, cdir, { recursive: true });
  if (clinicYaml !== undefined) writeFileSync(path.join(cdir, 'clinic.yaml'), clinicYaml);
  const gdir = path.join(dir, 'content/guides/fonts-guide');
  mkdirSync(gdir, { recursive: true });
  writeFileSync(path.join(gdir, 'en.md'), GUIDE);
  return { dir, clinic: path.join(cdir, 'clinic.yaml'), guide: path.join(gdir, 'en.md') };
}

const BASE = 'name: Font Test Clinic\ncolors: { primary: "#1F5FAD" }\n';

async function load(file: string) {
  const diags = new Diagnostics();
  const brand = await loadClinic(file, diags, nodeWorld);
  return { brand, diags };
}

describe('clinic fonts: loading', () => {
  it('reads the fonts named in clinic.yaml from the clinic folder, known by their content', async () => {
    const { brand, diags } = await load(path.join(FIXTURE, 'clinic.yaml'));
    expect(diags.list).toEqual([]);
    expect(Object.keys(brand!.fonts!).sort()).toEqual(['body', 'heading']);
    expect(brand!.fonts!.body!.file).toBe('fonts/NotoSansMono-Regular.ttf');
    expect(brand!.fonts!.body!.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(brand!.fonts!.body!.place.line).toBe(6);
  });

  it('refuses a file that is not a font at its line, and the build writes no PDF (exit 1)', async () => {
    const ws = workspace(`${BASE}fonts:\n  body: fonts/broken.ttf\n`);
    writeFileSync(path.join(path.dirname(ws.clinic), 'fonts/broken.ttf'), 'this is not a font, just text that pretends to be one');
    const { brand, diags } = await load(ws.clinic);
    expect(brand).toBeUndefined();
    expect(diags.list.map((d) => `${d.line}:${d.column} ${d.ruleId}`)).toEqual(['4:9 clinic-font-invalid']);
    expect(formatDiagnostic(diags.list[0]!)).toMatch(
      /clinic\.yaml:4:9: error `fonts\.body` `fonts\/broken\.ttf` cannot be used as a font: .* \[clinic-font-invalid\]$/,
    );

    let err = '';
    const code = await runCli(['build', ws.guide, '--clinic', ws.clinic, '--out-dir', 'out'], {
      stdout: () => undefined,
      stderr: (s) => (err += s),
      cwd: ws.dir,
    });
    expect(code).toBe(1);
    expect(err).toMatch(/clinic\.yaml:4:9: error `fonts\.body`.*\[clinic-font-invalid\]/);
    expect(existsSync(path.join(ws.dir, 'out/fonts-guide.en.pdf'))).toBe(false);
  });

  it('refuses a truncated font, a missing file, a path out of the clinic folder and a file that is not .ttf/.otf', async () => {
    const ws = workspace(
      `${BASE}fonts:\n  body: fonts/cut.ttf\n  bold: fonts/Nope-Bold.ttf\n  italic: ../../../../etc/passwd.ttf\n  heading: fonts/OFL.txt\n`,
    );
    const cdir = path.dirname(ws.clinic);
    writeFileSync(path.join(cdir, 'fonts/cut.ttf'), readFileSync(path.join(cdir, 'fonts/NotoSansMono-Regular.ttf')).subarray(0, 4000));
    const { brand, diags } = await load(ws.clinic);
    expect(brand).toBeUndefined();
    expect(diags.list.map((d) => `${d.line} ${d.ruleId}`)).toEqual([
      '4 clinic-font-invalid',
      '5 clinic-font-not-found',
      '6 clinic-font-outside',
      '7 clinic-font-invalid',
    ]);
  });

  it('refuses a font without Latin letters for a guide in Latin script, at its line', async () => {
    const ws = workspace(`${BASE}fonts:\n  heading: fonts/Armenian.ttf\n`);
    copyFileSync(path.resolve('fonts/NotoSansArmenian-Bold.ttf'), path.join(path.dirname(ws.clinic), 'fonts/Armenian.ttf'));
    const r = await buildHandout({ guide: ws.guide, clinic: ws.clinic });
    expect(r.pdf).toBeUndefined();
    expect(r.diagnostics.map((d) => `${path.basename(d.file)}:${d.line}:${d.column} ${d.ruleId}`)).toEqual([
      'clinic.yaml:4:12 clinic-font-coverage',
    ]);
    expect(r.diagnostics[0]!.message).toContain('has no glyph for any basic Latin letter');
  });
});

describe('clinic fonts: layout', () => {
  it('sets body text in the body font and headings in the heading font, other scripts and symbols in the bundled fonts', async () => {
    const diags = new Diagnostics();
    const brand = (await loadClinic(path.join(FIXTURE, 'clinic.yaml'), diags, nodeWorld))!;
    const ws = workspace();
    const settings = defaultSettings();
    const parsed = parse(ws.guide, GUIDE, diags)!;
    const resolved = (await resolve({ doc: parsed, brand, world: nodeWorld, roots: [path.dirname(ws.guide)] }, settings, diags))!;
    const tree = applyTemplate({ doc: resolved, world: nodeWorld }, settings, diags)!;
    const book = clinicFontBook(sharedFontBook(), brand.fonts);
    const paged = layout({ tree, fonts: book }, settings, diags)!;
    expect(diags.list.filter((d) => d.severity === 'error')).toEqual([]);
    const items = paged.pages.flatMap((p) => p.items).filter((i): i is TextItem => i.kind === 'text');
    const fontOf = (text: string) => [...new Set(items.filter((i) => i.text.includes(text)).map((i) => i.font))];
    const body = clinicFontKey(brand.fonts!.body!.digest);
    const heading = clinicFontKey(brand.fonts!.heading!.digest);
    expect(fontOf('clinic font')).toEqual([body]);
    expect(fontOf('Before your visit')).toEqual([heading]);
    expect(fontOf('Clinic Fonts Test')).toContain(heading); // the title
    expect(fontOf('مرحبا')).toEqual(['arabic']);
    expect(fontOf('✓')).toEqual(['symbols2']);
    expect(fontOf('bold words')).toEqual(['sans-bold']); // no bold font given: the bundled bold
    expect(fontOf('italic words')).toEqual(['sans-italic']); // no italic font given: the bundled italic
    // one book per set of fonts (its measurements are reused), the bundled book untouched without fonts
    expect(clinicFontBook(sharedFontBook(), brand.fonts)).toBe(book);
    expect(clinicFontBook(sharedFontBook(), undefined)).toBe(sharedFontBook());
    expect(sharedFontBook().chain('regular')[0]).toBe('sans-regular');
  });
});

describe.skipIf(missingToolReason('pdftotext') !== null)('clinic fonts: the PDF', () => {
  it('embeds the clinic font for body text and the bundled fallbacks for Arabic and symbols; the text reads back', async () => {
    const ws = workspace();
    const r = await buildHandout({ guide: ws.guide, clinic: ws.clinic });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const names = listFonts(r.pdf!).map((f) => f.name.replace(/^[A-Z]{6}\+/, ''));
    expect(names).toEqual(
      expect.arrayContaining(['NotoSansMono-Regular', 'NotoSans-Italic', 'NotoNaskhArabic-Regular', 'NotoSansSymbols2-Regular']),
    );
    expect(names).not.toContain('NotoSans-Regular'); // every body character is in the clinic font
    const text = pdftotext(r.pdf!).replace(/\s+/g, ' ');
    expect(text).toContain('Body text in the clinic font.');
    expect(text).toContain('مرحبا بكم');
    expect(text).toContain('✓');
  });

  it('records the fonts as inputs of the build, and a long-running process notices a changed font file', async () => {
    const ws = workspace();
    const font = path.join(path.dirname(ws.clinic), 'fonts/NotoSansMono-Regular.ttf');
    const first = await buildHandout({ guide: ws.guide, clinic: ws.clinic, recordInputs: true });
    expect(first.inputs!.map((i) => i.path)).toContain(font);

    const before = await buildHandout({ guide: ws.guide, clinic: ws.clinic });
    expect(listFonts(before.pdf!).some((f) => f.name.endsWith('+NotoSansMono-Regular'))).toBe(true);
    // the same clinic.yaml, another font behind the same name
    copyFileSync(path.resolve('fonts/NotoSans-Bold.ttf'), font);
    utimesSync(font, new Date(), new Date(Date.now() + 5000));
    const after = await buildHandout({ guide: ws.guide, clinic: ws.clinic });
    const names = listFonts(after.pdf!).map((f) => f.name.replace(/^[A-Z]{6}\+/, ''));
    expect(names).not.toContain('NotoSansMono-Regular');
    expect(names.filter((n) => n === 'NotoSans-Bold').length).toBeGreaterThan(0);
  });
});
