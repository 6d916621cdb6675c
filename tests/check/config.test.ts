/** The `check:` section of handout.config.yaml. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CHECK_CONFIG, errorRulesOnly, loadCheckConfig } from '../../src/check/config.js';

function file(text: string): string {
  const f = path.join(mkdtempSync(path.join(os.tmpdir(), 'handout-config-')), 'handout.config.yaml');
  writeFileSync(f, text);
  return f;
}

describe('check config', () => {
  it('refuses a FIFO or a config that is not UTF-8 at once, as a positioned error (never waits for a writer)', () => {
    const fifo = path.join(mkdtempSync(path.join(os.tmpdir(), 'handout-config-')), 'handout.config.yaml');
    execFileSync('mkfifo', [fifo]);
    for (const required of [false, true])
      expect(loadCheckConfig(fifo, required).diagnostics).toMatchObject([
        { file: fifo, line: 1, column: 1, ruleId: 'config-invalid', message: expect.stringContaining('not a regular file') as string },
      ]);
    const latin1 = file('check:\n  minEase: { es: 5 }\n');
    writeFileSync(latin1, Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from('\ncheck: {}\n')]));
    expect(loadCheckConfig(latin1, true).diagnostics).toMatchObject([{ line: 1, column: 6, ruleId: 'config-invalid' }]);
  });

  it('gives the defaults when the implicit file is absent, an error when a named one is', () => {
    const missing = path.join(os.tmpdir(), 'no-such-dir-handout', 'handout.config.yaml');
    expect(loadCheckConfig(missing, false)).toEqual({ config: DEFAULT_CHECK_CONFIG, diagnostics: [] });
    expect(loadCheckConfig(missing, true).diagnostics).toMatchObject([{ ruleId: 'config-invalid', line: 1, column: 1 }]);
  });

  it('reads thresholds and levels and ignores other sections', () => {
    const r = loadCheckConfig(
      file('batch:\n  jobs: 2\n  anything: [1, 2]\ncheck:\n  maxGrade: 6\n  rules:\n    passive-voice: off\n    no-summary: error\n'),
      true,
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.config!.maxGrade).toBe(6);
    expect(r.config!.maxSentenceWords).toBe(20);
    expect(r.config!.levels['passive-voice']).toBe('off');
    expect(r.config!.levels['no-summary']).toBe('error');
    expect(r.config!.levels['jargon']).toBe('warning');
  });

  it('reports unknown keys, unknown rules and bad values at their line and column', () => {
    const f = file('check:\n  maxGrde: 6\n  rules:\n    passive: off\n  maxSentenceWords: -3\n');
    const r = loadCheckConfig(f, true);
    expect(r.config).toBeUndefined();
    const byLine = r.diagnostics.map((d) => [d.line, d.column, d.ruleId]);
    expect(byLine).toEqual(
      expect.arrayContaining([
        [2, 3, 'config-invalid'],
        [4, 5, 'config-invalid'],
        [5, 21, 'config-invalid'],
      ]),
    );
    const typo = r.diagnostics.find((d) => d.line === 2)!;
    expect(typo.message).toContain('maxGrde');
    expect(typo.hint).toMatch(/^did you mean `maxGrade`\?; known: /);
  });

  it('reports YAML syntax errors', () => {
    expect(loadCheckConfig(file('check:\n  maxGrade: [6\n'), true).diagnostics[0]).toMatchObject({
      ruleId: 'config-invalid',
      message: expect.stringMatching(/YAML syntax/),
    });
  });

  it('the build enforces only error-level rules, and none by default', () => {
    expect(errorRulesOnly(DEFAULT_CHECK_CONFIG)).toBeUndefined();
    const cfg = { ...DEFAULT_CHECK_CONFIG, levels: { ...DEFAULT_CHECK_CONFIG.levels, 'no-summary': 'error' as const } };
    const enforced = errorRulesOnly(cfg)!;
    expect(Object.entries(enforced.levels).filter(([, l]) => l !== 'off')).toEqual([['no-summary', 'error']]);
    expect(errorRulesOnly({ ...cfg, enforceInBuild: false })).toBeUndefined();
  });
});
