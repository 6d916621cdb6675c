/** Templates are read through the World on every build; the compiled set is reused while their texts are the same. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTemplates, TemplateError } from '../../src/template/environment.js';
import { recordingWorld } from '../../src/incremental/recording-world.js';
import { nodeWorld } from '../../src/world.js';

function copyTemplates(): string {
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'handout-tpl-')), 'templates');
  cpSync(path.resolve('templates'), dir, { recursive: true });
  return dir;
}

describe('loadTemplates', () => {
  it('reuses the compiled set until a template file changes', () => {
    const dir = copyTemplates();
    const footer = path.join(dir, 'partials', 'footer.hbs');
    const first = loadTemplates('handout.hbs', [dir], nodeWorld);
    expect(loadTemplates('handout.hbs', [dir], nodeWorld)).toBe(first);
    // same size and time would not matter: the texts are compared
    writeFileSync(footer, `${readFileSync(footer, 'utf8')}{{!-- edited --}}`);
    const second = loadTemplates('handout.hbs', [dir], nodeWorld);
    expect(second).not.toBe(first);
    expect(second.sources.find((s) => s.file === footer)?.text).toContain('edited');
  });

  it('reads every template through the World, even when the compiled set is cached, and records the overrides it looked for', () => {
    const bundled = copyTemplates();
    const clinic = path.join(path.dirname(bundled), 'clinic-templates');
    loadTemplates('handout.hbs', [clinic, bundled], nodeWorld);
    const rec = recordingWorld(nodeWorld);
    loadTemplates('handout.hbs', [clinic, bundled], rec.world);
    const reads = rec.reads();
    expect(reads.find((r) => r.path === path.join(bundled, 'partials', 'footer.hbs'))?.sha256).toMatch(/^[0-9a-f]{64}$/);
    // an override that does not exist yet is recorded as absent: adding it later is a change
    expect(reads.find((r) => r.path === path.join(clinic, 'partials', 'footer.hbs'))).toEqual({
      path: path.join(clinic, 'partials', 'footer.hbs'),
      sha256: null,
    });
  });

  it('sees a partial added or removed between two loads (the listing of a folder is kept only while it is unchanged)', () => {
    const dir = copyTemplates();
    const extra = path.join(dir, 'partials', 'added-later.hbs');
    expect(loadTemplates('handout.hbs', [dir], nodeWorld).sources.map((s) => s.file)).not.toContain(extra);
    writeFileSync(extra, 'added');
    expect(loadTemplates('handout.hbs', [dir], nodeWorld).sources.map((s) => s.file)).toContain(extra);
    rmSync(extra);
    expect(loadTemplates('handout.hbs', [dir], nodeWorld).sources.map((s) => s.file)).not.toContain(extra);
  });

  it('refuses a template that is not a regular file, as a positioned error', () => {
    const dir = copyTemplates();
    const world = {
      read: (ref: string, base: string, roots: readonly string[], max?: number) =>
        ref === 'partials/header.hbs'
          ? { ok: false as const, path: path.join(base, ref), reason: 'not-a-file' as const, detail: '`partials/header.hbs` is a pipe' }
          : nodeWorld.read(ref, base, roots, max),
    };
    expect(() => loadTemplates('handout.hbs', [dir], world)).toThrow(TemplateError);
  });
});
