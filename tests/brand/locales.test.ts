import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diagnostics.js';
import { loadClinic } from '../../src/brand/load-clinic.js';
import { nodeWorld } from '../../src/world.js';

async function load(yaml: string) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'clinic-'));
  const file = path.join(dir, 'clinic.yaml');
  writeFileSync(file, yaml);
  const diags = new Diagnostics();
  const brand = await loadClinic(file, diags, nodeWorld);
  return { brand, diags };
}

describe('clinic languages', () => {
  it('reads locales and languageAssistance, canonicalising tags', async () => {
    const { brand, diags } = await load(
      'name: C\ncolors: { primary: "#123456" }\nlocales: [en, es, zh-hans, AR]\nlanguageAssistance: { languages: [es, ko] }\n',
    );
    expect(diags.list.filter((d) => d.severity === 'error')).toEqual([]);
    expect(brand?.locales).toEqual(['en', 'es', 'zh-Hans', 'ar']);
    expect(brand?.languageAssistance?.languages).toEqual(['es', 'ko']);
  });

  it('rejects a malformed language tag with a positioned error', async () => {
    const { brand, diags } = await load('name: C\ncolors: { primary: "#123456" }\nlocales: [en, "not a tag!"]\n');
    expect(brand).toBeUndefined();
    const err = diags.list.find((d) => d.severity === 'error')!;
    expect(err.message).toContain('locales');
    expect(err.message).toContain('not a tag!');
  });
});

describe('clinic language messages', () => {
  it('names the bad tag at the locales line', async () => {
    const { diags } = await load('name: C\ncolors: { primary: "#123456" }\nlocales: [en, "not a tag!"]\n');
    const err = diags.list.find((d) => d.severity === 'error')!;
    expect(err.line).toBe(3);
    expect(err.message).toContain('BCP 47');
  });
});
