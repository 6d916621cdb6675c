/** Personalised fill-in fields (issue 10): empty values, blank forms, misspelt names, exact values, missing glyphs. */
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runHandout } from '../helpers/cli.js';
import { extractPageTexts } from '../helpers/pdf-read.js';
import { buildSource, FRONT_MATTER, tempDir } from '../robustness/helpers.js';

const GUIDE = `${FRONT_MATTER}Patient: {{fill.name}}\n\nIt's your "first" visit -- welcome.\n`;

const cli = runHandout;

describe('fill-in fields', () => {
  it('--fill with an empty value is a usage error; so is an empty value in the API', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'visit.md'), GUIDE);
    const r = await cli(['build', 'visit.md', '--fill', 'name='], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--fill `name` has an empty value');
    const api = await buildSource(GUIDE, dir, 'visit.md', { fill: { name: '  ' } });
    expect(api.pdf).toBeUndefined();
    expect(api.diagnostics.map((d) => d.ruleId)).toEqual(['invalid-fill']);
  });

  it('without any --fill, a field prints as a blank line to write on (a printable blank form)', async () => {
    const r = await buildSource(GUIDE, tempDir(), 'visit.md');
    expect(r.diagnostics).toEqual([]);
    expect(extractPageTexts(r.pdf!).join(' ')).toContain('Patient: ____________________');
  });

  it('with some --fill values, a missing one is still an error, suggesting a misspelt given name', async () => {
    const r = await buildSource(`${GUIDE}\nOn {{fill.date}}.\n`, tempDir(), 'visit.md', { fill: { name: 'Ana', daet: 'May 3' } });
    expect(r.pdf).toBeUndefined();
    const missing = r.diagnostics.find((d) => d.ruleId === 'missing-fill-value')!;
    expect(missing.message).toContain('fill-in field `date` has no value');
    expect(missing.hint).toBe('was it misspelt as `daet`?');
  });

  it('a --fill name the guide does not use is an error with "did you mean"', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'visit.md'), GUIDE);
    const r = await cli(['build', 'visit.md', '--fill', 'nmae=Jane'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /visit\.md:1:1: error `--fill nmae=…` is not a field of this guide \(it uses `name`\) \[unknown-fill\]\n {2}hint: did you mean `name`\?\n/,
    );
    expect(r.err).not.toContain('Jane');
  });

  it('with several guides, a --fill name that no guide uses is a usage error; one each guide lacks is fine', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'visit.md'), GUIDE);
    writeFileSync(path.join(dir, 'plain.md'), `${FRONT_MATTER.replace('id: fuzz', 'id: plain')}Hello.\n`);
    const bad = await cli(['build', 'visit.md', 'plain.md', '--fill', 'nmae=Jane', '--jobs', '1'], dir);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--fill `nmae` is not a field of any guide in this build (they use `name`); did you mean `name`?');
    const ok = await cli(['build', 'visit.md', 'plain.md', '--fill', 'name=Jane', '--jobs', '1'], dir);
    expect(ok.err).toBe('');
    expect(ok.code).toBe(0);
  });

  it('fill values are printed exactly as given (no smart quotes or dashes); the guide text still gets typography', async () => {
    const value = `O'Neil "Jr" -- 5'10"`;
    const r = await buildSource(GUIDE, tempDir(), 'visit.md', { fill: { name: value } });
    expect(r.diagnostics).toEqual([]);
    const text = extractPageTexts(r.pdf!).join(' ');
    expect(text).toContain(`Patient: ${value}`);
    expect(text).toContain('It’s your “first” visit – welcome.');
  });

  it('a character no font has in a fill value names the field and the script, never the character', async () => {
    const r = await buildSource(GUIDE, tempDir(), 'visit.md', { fill: { name: 'Ana 𓀀 Ruiz' } });
    expect(r.pdf).toBeUndefined();
    expect(r.diagnostics).toHaveLength(1);
    const d = r.diagnostics[0]!;
    expect(d).toMatchObject({ ruleId: 'missing-glyph', line: 8, column: 10 });
    expect(d.message).toContain('fill-in field `name` has a character in the Egyptian Hieroglyphs script');
    expect(d.message).not.toMatch(/𓀀|13000|Ana|Ruiz/);
  });
});
