/**
 * Accessibility by default: every handout passes the PDF/UA-1 structural checker, and the
 * structure tree read in order reproduces the guide's text in order.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildHandout } from '../../src/index.js';
import { expandPdf } from '../helpers/pdf-expand.js';
import { checkPdfUa, structureText } from '../helpers/pdfua-check.js';
import { guideSentences, squash } from './text-compare.js';

const SEED = path.resolve('content/guides/first-ketamine-session/en.md');
const RICH = path.resolve('tests/fixtures/guides/rich/en.md');

function expectInOrder(haystack: string, sentences: readonly string[]): void {
  const all = squash(haystack);
  let at = 0;
  for (const s of sentences) {
    const needle = squash(
      s.replace(/\{\{clinic\.name\}\}/g, 'Example Community Clinic').replace(/\{\{clinic\.contact\.phone\}\}/g, '(555) 010-0199'),
    );
    if (needle.length === 0) continue;
    const i = all.indexOf(needle, at);
    expect(i, `not found in order: ${s}`).toBeGreaterThanOrEqual(0);
    at = i + needle.length;
  }
}

describe('PDF/UA-1', () => {
  it('the seed handout passes the checker and its structure text follows the guide', async () => {
    const r = await buildHandout({ guide: SEED });
    expect(checkPdfUa(r.pdf!)).toEqual([]);
    expectInOrder(structureText(r.pdf!), guideSentences(SEED));
  });

  it('a guide with task lists, a table, images, a callout, footnotes and links passes', async () => {
    const r = await buildHandout({ guide: RICH });
    // the fixture's placeholder pictures (192×96 and 8×2 pixels) print at 96 ppi: warned as blurry, nothing else
    expect(r.diagnostics.map((d) => d.ruleId)).toEqual(['image-low-resolution', 'image-low-resolution']);
    expect(checkPdfUa(r.pdf!)).toEqual([]);
    const text = structureText(r.pdf!);
    for (const cell of [
      'Check-in and paperwork',
      'Treatment suite',
      'Photo ID and insurance card',
      'Do not drive',
      'A few lines a day is enough',
    ]) {
      expect(squash(text)).toContain(squash(cell));
    }
    // checkboxes tell their state: three open items and one done (ActualText on the list labels)
    const raw = expandPdf(r.pdf!).toString('latin1');
    expect(raw.match(/\/S \/Lbl[^>]*\/ActualText \(\xfe\xff\x26\x10\)/g) ?? []).toHaveLength(3);
    expect(raw.match(/\/S \/Lbl[^>]*\/ActualText \(\xfe\xff\x26\x11\)/g) ?? []).toHaveLength(1);
  });

  it('PDF/A-2a output also passes and declares both identifiers', async () => {
    const r = await buildHandout({ guide: SEED, archival: true });
    expect(checkPdfUa(r.pdf!)).toEqual([]);
    const xmp = expandPdf(r.pdf!).toString('latin1');
    expect(xmp).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(xmp).toContain('<pdfaid:conformance>A</pdfaid:conformance>');
    expect(xmp).toContain('<pdfuaid:part>1</pdfuaid:part>');
  });

  it('warns at a heading that skips a level', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const os = await import('node:os');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'handout-h-'));
    const file = path.join(dir, 'en.md');
    writeFileSync(file, '---\nid: h\ntitle: T\nlang: en\nversion: 1\n---\n\n## Two\n\nText.\n\n#### Four\n\nMore.\n');
    const r = await buildHandout({ guide: file });
    expect(r.pdf).toBeDefined();
    expect(r.diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId}`)).toEqual(['12:1 heading-skipped-level']);
  });
});

describe('PDF/UA-1 in other languages', () => {
  it('the Arabic sample passes the checker, with /Lang ar and a mirrored page', async () => {
    const r = await buildHandout({ guide: path.resolve('content/guides/first-ketamine-session/ar.md') });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(checkPdfUa(r.pdf!)).toEqual([]);
    expect(expandPdf(r.pdf!).toString('latin1')).toMatch(/\/Lang \(ar\)/);
  });

  it('language-assistance taglines are tagged with their own language', async () => {
    const { mkdtempSync, writeFileSync, readFileSync, copyFileSync } = await import('node:fs');
    const os = await import('node:os');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'handout-la-'));
    const sample = path.resolve('content/clinics/example-community');
    copyFileSync(path.join(sample, 'logo.svg'), path.join(dir, 'logo.svg'));
    writeFileSync(
      path.join(dir, 'clinic.yaml'),
      readFileSync(path.join(sample, 'clinic.yaml'), 'utf8') + 'languageAssistance: { languages: [es, zh-Hant, ar, vi] }\n',
    );
    const r = await buildHandout({ guide: SEED, clinic: path.join(dir, 'clinic.yaml') });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(checkPdfUa(r.pdf!)).toEqual([]);
    const raw = expandPdf(r.pdf!).toString('latin1');
    for (const lang of ['es', 'zh-Hant', 'ar', 'vi']) expect(raw).toContain(`/Lang (${lang})`);
  });
});

describe('spans in another language', () => {
  async function guideWith(body: string): Promise<string> {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const os = await import('node:os');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'handout-span-'));
    const file = path.join(dir, 'en.md');
    writeFileSync(file, `---\nid: s\ntitle: Spans\nlang: en\nversion: 1\n---\n\n${body}\n`);
    return file;
  }

  it('`:lang[…]{lang=…}` marks the span with its language, and the text is printed', async () => {
    const r = await buildHandout({ guide: await guideWith('Say :lang[¿Dónde está la farmacia?]{lang=es-mx} if you need the pharmacy.') });
    expect(r.diagnostics).toEqual([]);
    expect(checkPdfUa(r.pdf!)).toEqual([]);
    expect(expandPdf(r.pdf!).toString('latin1')).toContain('/Lang (es-MX)');
    expect(squash(structureText(r.pdf!))).toContain(squash('Say ¿Dónde está la farmacia? if you need the pharmacy.'));
  });

  it('an invalid or missing language is a positioned error', async () => {
    const bad = await buildHandout({ guide: await guideWith('Say :lang[hola]{lang=español} now.') });
    expect(bad.pdf).toBeUndefined();
    expect(bad.diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId}`)).toEqual(['8:5 invalid-lang-span']);
    const none = await buildHandout({ guide: await guideWith('Say :lang[hola] now.') });
    expect(none.diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId}`)).toEqual(['8:5 invalid-lang-span']);
  });
});
