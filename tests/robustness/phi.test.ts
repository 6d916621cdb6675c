/**
 * PHI hygiene of personalised fill-in fields: the values reach the page
 * content and nowhere else (diagnostics, metadata, file names, temp files).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { runHandout, type CliRun } from '../helpers/cli.js';
import { redactFill } from '../../src/redact.js';
import { extractPageTexts, openPdf } from '../helpers/pdf-read.js';
import { buildSource, FRONT_MATTER, tempDir } from './helpers.js';
import { ensureDist } from './ensure-dist.js';

beforeAll(async () => {
  await ensureDist(); // every document is built in a worker thread, from dist/
}, 120_000);

const NAME = 'Ana Ruiz-Zyxwvut';
const WHEN = 'May 3, 10:30 QQ';
const GUIDE = `${FRONT_MATTER}# Your visit, {{fill.patientName}}\n\nPlease arrive at {{fill.appointment}}.\n`;

function allFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? allFiles(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );
}

describe('fill-in fields', () => {
  test('values are printed on the page', async () => {
    const r = await buildSource(GUIDE, tempDir(), 'guide.md', { fill: { patientName: NAME, appointment: WHEN } });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const text = extractPageTexts(r.pdf!).join(' ');
    expect(text).toContain('Ana Ruiz');
    expect(text).toContain('10:30 QQ');
  });

  test('values never appear in PDF metadata (Info Title/Subject/Keywords, XMP)', async () => {
    const r = await buildSource(GUIDE, tempDir(), 'guide.md', { fill: { patientName: NAME, appointment: WHEN } });
    const doc = openPdf(r.pdf!);
    for (const key of ['info:Title', 'info:Subject', 'info:Keywords', 'info:Author', 'info:Creator', 'info:Producer']) {
      const v = doc.getMetaData(key) ?? '';
      expect(v, key).not.toContain('Zyxwvut');
      expect(v, key).not.toContain('QQ');
    }
    const meta = doc.getTrailer().get('Root').get('Metadata');
    if (meta.isStream()) expect(meta.readStream().asString()).not.toMatch(/Zyxwvut|10:30 QQ/);
  });

  test('a missing value is an error naming the field, never a value', async () => {
    const source = GUIDE;
    const r = await buildSource(source, tempDir(), 'guide.md', { fill: { patientName: NAME } });
    expect(r.pdf).toBeUndefined();
    const e = r.diagnostics.find((d) => d.ruleId === 'missing-fill-value');
    expect(e).toMatchObject({ line: 10, column: 18 });
    expect(e!.message).toContain('fill-in field `appointment` has no value; pass it with `--fill appointment=…`');
    expect(JSON.stringify(r.diagnostics)).not.toContain('Zyxwvut');
  });

  test('values are redacted from any diagnostic that would quote them', () => {
    const d = { file: 'g.md', line: 1, column: 1, severity: 'warning' as const, message: `word \`${NAME}\` is too wide`, ruleId: 'x' };
    expect(redactFill([d], { patientName: NAME })[0]!.message).toBe('word `‹fill.patientName›` is too wide');
  });

  test('invalid field names are refused without quoting them', async () => {
    const r = await buildSource(GUIDE, tempDir(), 'guide.md', { fill: { 'Ana Ruiz': 'x' } });
    expect(r.pdf).toBeUndefined();
    expect(r.diagnostics[0]!.ruleId).toBe('invalid-fill');
    expect(JSON.stringify(r.diagnostics)).not.toContain('Ana Ruiz');
  });

  test('named destinations never derive from fill values; the decompressed PDF carries them only where the page shows them', async () => {
    const source = `${FRONT_MATTER}# Plan for {{fill.patientName}}\n\nSee [your plan](#plan-for-jane-q-patient).\n\n## Contact\n\nCall us.\n`;
    const r = await buildSource(source, tempDir(), 'guide.md', { fill: { patientName: 'Jane Q Patient' } });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const dir = tempDir('handout-phi-qdf-');
    writeFileSync(path.join(dir, 'in.pdf'), r.pdf!);
    execFileSync('qpdf', ['--qdf', '--object-streams=disable', path.join(dir, 'in.pdf'), path.join(dir, 'out.pdf')]);
    const raw = readFileSync(path.join(dir, 'out.pdf')).toString('latin1');
    expect(raw).toMatch(/\/Dests|\/Names/);
    for (const form of ['jane-q-patient', 'Jane-Q-Patient', 'jane_q_patient', 'janeqpatient'])
      expect(raw.toLowerCase(), form).not.toContain(form);
    expect(raw).toContain('(contact)'); // a heading without personal data keeps its readable anchor
    expect(raw).toContain('(section)'); // the personalised heading gets a neutral one
  }, 30_000);

  test('a fill-in value inside a link or image address is an error, never sent to a server', async () => {
    const source = `${FRONT_MATTER}Open [your portal](https://portal.example/p?name={{fill.patientName}}) today.\n`;
    const r = await buildSource(source, tempDir(), 'guide.md', { fill: { patientName: NAME } });
    expect(r.pdf).toBeUndefined();
    const e = r.diagnostics.find((d) => d.ruleId === 'fill-in-address')!;
    expect(e).toMatchObject({ line: 8, column: 50 });
    expect(e.message).toContain('fill-in field `patientName` cannot be used in a link or image address');
    expect(JSON.stringify(r.diagnostics)).not.toContain('Zyxwvut');
  });

  describe('CLI', () => {
    let dir: string;
    beforeAll(() => {
      dir = tempDir('handout-phi-');
    });

    const cli = (args: string[]): Promise<CliRun> => runHandout(args, dir);

    test('--fill values are printed only in the PDF: not on stdout/stderr, not in file names, no other files', async () => {
      writeFileSync(path.join(dir, 'visit.md'), GUIDE.replace('{{fill.appointment}}', '{{fill.appointment}} {{clinic.nam}}'));
      const bad = await cli(['build', 'visit.md', '--out-dir', 'out', '--fill', `patientName=${NAME}`, '--fill', `appointment=${WHEN}`]);
      expect(bad.code).toBe(1);
      expect(bad.err).toContain('unknown variable `clinic.nam`');
      writeFileSync(path.join(dir, 'visit.md'), GUIDE);
      const ok = await cli(['build', 'visit.md', '--out-dir', 'out', '--fill', `patientName=${NAME}`, '--fill', `appointment=${WHEN}`]);
      expect(ok.code).toBe(0);
      for (const s of [bad.out, bad.err, ok.out, ok.err]) expect(s).not.toMatch(/Zyxwvut|QQ/);
      const files = allFiles(dir);
      expect(files.map((f) => path.relative(dir, f)).sort()).toEqual(['out/fuzz.en.pdf', 'visit.md']);
      for (const f of files) expect(f).not.toMatch(/Zyxwvut|Ana/);
      expect(extractPageTexts(readFileSync(path.join(dir, 'out', 'fuzz.en.pdf'))).join(' ')).toContain('Ana Ruiz');
    });

    test('a --fill without `=` is a usage error that does not echo it', async () => {
      const r = await cli(['build', 'visit.md', '--fill', NAME]);
      expect(r.code).toBe(2);
      expect(r.err).toContain('--fill expects `name=value`');
      expect(r.err).not.toContain('Zyxwvut');
    });
  });
});
