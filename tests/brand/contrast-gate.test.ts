/** The brand contrast gate: a low-contrast clinic colour is refused at its line, with both colours, the ratio and a fix. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadClinic } from '../../src/brand/load-clinic.js';
import { contrastRatio, formatRatio, nearestPassing } from '../../src/brand/contrast.js';
import { Diagnostics, formatDiagnostic } from '../../src/diagnostics.js';
import { nodeWorld } from '../../src/world.js';
import { buildHandout } from '../../src/build.js';

function clinic(colors: string): string {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'handoutkit-contrast-')), 'c');
  mkdirSync(dir);
  const file = path.join(dir, 'clinic.yaml');
  writeFileSync(file, `name: Pale Clinic\ncolors:\n${colors}\n`);
  return file;
}

async function load(file: string) {
  const diags = new Diagnostics();
  const brand = await loadClinic(file, diags, nodeWorld);
  return { brand, diags };
}

describe('contrast (WCAG 2.2)', () => {
  it('measures ratios as WCAG does', () => {
    expect(contrastRatio('#000000', '#FFFFFF')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#FFFFFF')).toBeCloseTo(4.48, 2);
    expect(formatRatio(4.4999)).toBe('4.4:1');
  });

  it('suggests the nearest passing colour of the same hue', () => {
    const fix = nearestPassing('#7FB2E5', '#FFFFFF', 4.5);
    expect(contrastRatio(fix, '#FFFFFF')).toBeGreaterThanOrEqual(4.5);
    // the same hue: blue stays blue (blue channel the largest)
    const n = Number.parseInt(fix.slice(1), 16);
    expect(n & 0xff).toBeGreaterThan((n >> 16) & 0xff);
  });
});

describe('brand contrast gate', () => {
  it('refuses a pale primary at its line, naming both colours, the ratio and a fix', async () => {
    const file = clinic('  primary: "#9CC3E6"\n  text: "#1A1A1A"');
    const { brand, diags } = await load(file);
    expect(brand).toBeUndefined();
    expect(diags.list.map((d) => `${d.line}:${d.column} ${d.ruleId}`)).toEqual(['3:12 clinic-low-contrast']);
    const m = diags.list[0]!.message;
    expect(m).toContain('#9CC3E6');
    expect(m).toContain('white #FFFFFF');
    expect(m).toContain(`${formatRatio(contrastRatio('#9CC3E6', '#FFFFFF'))}`);
    expect(m).toContain('4.5:1');
    expect(m).toMatch(/nearest passing colour of the same hue is #[0-9A-F]{6}/);
    expect(formatDiagnostic(diags.list[0]!)).toContain(`${file}:3:12: error`);
  });

  it('refuses grey body text on white and an accent too dark for text on it', async () => {
    const { diags } = await load(clinic('  primary: "#1F5FAD"\n  text: "#999999"\n  accent: "#1F5FAD"'));
    expect(diags.list.map((d) => `${d.line} ${d.ruleId}`)).toEqual(['4 clinic-low-contrast', '5 clinic-low-contrast']);
    expect(diags.list[0]!.message).toContain('2.8:1');
  });

  it('gives no handout for a low-contrast clinic (exit 1 from the CLI, no PDF from the API)', async () => {
    const r = await buildHandout({ guide: 'content/guides/before-session/en.md', clinic: clinic('  primary: "#FFD966"') });
    expect(r.pdf).toBeUndefined();
    expect(r.diagnostics.map((d) => d.ruleId)).toEqual(['clinic-low-contrast']);
  });

  it('passes the sample and fixture clinics', async () => {
    for (const f of ['content/clinics/example-community/clinic.yaml', 'tests/fixtures/clinics/harbor-health/clinic.yaml']) {
      const { diags } = await load(f);
      expect(diags.list, f).toEqual([]);
    }
  });
});
