/** Guides written to a temporary content folder, built with the sample clinic. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildHandout, type BuildInput, type BuildResult } from '../../src/build.js';

/** Writes `body` as `guides/<id>/en.md` (with front matter) and returns its path. */
export function writeGuide(body: string, id = 't', extraFrontMatter = ''): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'handoutkit-directive-'));
  const dir = path.join(root, 'guides', id);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'en.md');
  writeFileSync(file, `---\nid: ${id}\ntitle: "Test guide"\nlang: en\nversion: 1\n${extraFrontMatter}---\n\n${body}`);
  return file;
}

/** Builds `body` as a guide. */
export async function buildBody(body: string, options: Omit<BuildInput, 'guide'> = {}, extraFrontMatter = ''): Promise<BuildResult> {
  return buildHandout({ guide: writeGuide(body, 't', extraFrontMatter), ...options });
}

/** `line:column severity rule` of each diagnostic. */
export function brief(r: BuildResult): string[] {
  return r.diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.ruleId}`);
}
