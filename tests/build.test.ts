/** `buildHandout`: the clinic profile is kept per process, and a recording build still records every file it comes from. */
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildHandout } from '../src/build.js';
import { sha256 } from '../src/incremental/hash.js';
import { SAMPLE_CLINIC, copySampleClinic } from './helpers/cli.js';

function library(): { guide: string; clinic: string; logo: string } {
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'handout-build-')));
  const clinic = copySampleClinic(path.join(dir, 'clinics', 'a'), readFileSync(SAMPLE_CLINIC, 'utf8'));
  const guideDir = path.join(dir, 'guides', 'g');
  mkdirSync(guideDir, { recursive: true });
  const guide = path.join(guideDir, 'en.md');
  writeFileSync(guide, '---\nid: g\ntitle: A guide\nlang: en\nversion: 1\n---\n\nCall {{clinic.name}} if you have questions.\n');
  return { guide, clinic, logo: path.join(path.dirname(clinic), 'logo.svg') };
}

describe('buildHandout with a kept clinic profile', () => {
  it('records the profile and its logo in every recording build, also when the profile comes from the cache', async () => {
    const { guide, clinic, logo } = library();
    const first = await buildHandout({ guide, clinic, recordInputs: true });
    expect(first.pdf).toBeDefined();
    const plain = await buildHandout({ guide, clinic }); // not recording: fills nothing in, changes nothing
    const second = await buildHandout({ guide, clinic, recordInputs: true });
    expect(second.inputs).toEqual(first.inputs);
    expect(Buffer.compare(second.pdf!, first.pdf!)).toBe(0);
    expect(Buffer.compare(plain.pdf!, first.pdf!)).toBe(0);
    const inputs = new Map((second.inputs ?? []).map((i) => [i.path, i.sha256]));
    expect(inputs.get(clinic)).toBe(sha256(readFileSync(clinic)));
    expect(inputs.get(logo)).toBe(sha256(readFileSync(logo)));
    expect(inputs.get(guide)).toBe(sha256(readFileSync(guide)));
  });

  it('an edited logo is read again: the next build records (and draws) the new one', async () => {
    const { guide, clinic, logo } = library();
    const before = await buildHandout({ guide, clinic, recordInputs: true });
    writeFileSync(logo, readFileSync(logo, 'utf8').replace('</svg>', '<rect x="0" y="0" width="1" height="1" /></svg>'));
    const after = await buildHandout({ guide, clinic, recordInputs: true });
    const hashOf = (r: typeof before, p: string): string | null | undefined => r.inputs?.find((i) => i.path === p)?.sha256;
    expect(hashOf(before, logo)).not.toBe(hashOf(after, logo));
    expect(hashOf(after, logo)).toBe(sha256(readFileSync(logo)));
    expect(Buffer.compare(after.pdf!, before.pdf!)).not.toBe(0);
  });

  it('an edited profile is read again, even one of the same size with its modification time put back', async () => {
    const { guide, clinic } = library();
    utimesSync(clinic, 1_700_000_000, 1_700_000_000); // a whole second, so it can be put back exactly
    const before = await buildHandout({ guide, clinic, recordInputs: true });
    const text = readFileSync(clinic, 'utf8');
    const name = /^name: (.+)$/m.exec(text)![1]!;
    const renamed = name.replace(/^./, (c) => (c === 'X' ? 'Y' : 'X')); // same length
    writeFileSync(clinic, text.replace(`name: ${name}`, `name: ${renamed}`));
    utimesSync(clinic, 1_700_000_000, 1_700_000_000);
    expect(statSync(clinic, { bigint: true }).mtimeNs).toBe(1_700_000_000_000_000_000n);
    const after = await buildHandout({ guide, clinic, recordInputs: true });
    const hashOf = (r: typeof before): string | null | undefined => r.inputs?.find((i) => i.path === clinic)?.sha256;
    expect(hashOf(after)).toBe(sha256(readFileSync(clinic)));
    expect(hashOf(after)).not.toBe(hashOf(before));
    expect(Buffer.compare(after.pdf!, before.pdf!)).not.toBe(0);
  });
});
