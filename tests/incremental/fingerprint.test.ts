/** The run fingerprint: every build option counts, except fill-in values and the time budget. */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFingerprint, type RunOptions } from '../../src/incremental/fingerprint.js';
import { defaultSettings } from '../../src/settings.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'handout-fp-'));
const id = (o: RunOptions): string => runFingerprint(o, dir).id;

describe('runFingerprint', () => {
  it('hashes every resolved setting except the ones documented as left out', () => {
    const fp = runFingerprint({}, dir).settings.settings as Record<string, unknown>;
    const left = Object.keys(defaultSettings()).filter((k) => !(k in fp));
    expect(left.sort()).toEqual(['fill', 'patientLanguage']);
    expect(fp.limits).not.toHaveProperty('timeBudgetMs');
  });

  it('changes with the options that change output', () => {
    const base = id({});
    expect(id({})).toBe(base);
    for (const o of [
      { paper: 'a4' },
      { archival: true },
      { translations: 'fallback' },
      { limits: { maxPages: 3 } },
      { maxPages: 3 },
      { fillable: true },
    ] as RunOptions[]) {
      expect(id(o)).not.toBe(base);
    }
    expect(id({ limits: { maxPages: 3 } })).toBe(id({ maxPages: 3 }));
  });

  it('ignores fill-in values, recordInputs and the time budget, and keeps fill values out of the settings', () => {
    const base = runFingerprint({}, dir);
    const other = runFingerprint({ fill: { patientName: 'Zebulon' }, recordInputs: true, limits: { timeBudgetMs: 5 } }, dir);
    expect(other.id).toBe(base.id);
    expect(JSON.stringify(other.settings)).not.toContain('Zebulon');
  });

  it('changes with SOURCE_DATE_EPOCH', () => {
    const before = process.env.SOURCE_DATE_EPOCH;
    try {
      delete process.env.SOURCE_DATE_EPOCH;
      const a = id({});
      process.env.SOURCE_DATE_EPOCH = '1700000000';
      expect(id({})).not.toBe(a);
    } finally {
      if (before === undefined) delete process.env.SOURCE_DATE_EPOCH;
      else process.env.SOURCE_DATE_EPOCH = before;
    }
  });
});
