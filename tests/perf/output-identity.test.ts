/**
 * Performance work must not change a byte: a few documents (sample guides in
 * three scripts, the stress fixtures, a branded PNG-logo clinic) are built in
 * process and their SHA-256s compared with `output-identity.sha256.json`.
 * A change meant to alter the output rewrites the file with `UPDATE=1` (and says
 * so in its commit).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildHandout } from '../../src/build.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const hashFile = path.join(root, 'tests/perf/output-identity.sha256.json');
const update = process.env.UPDATE === '1';

/** Name → what to build (paths relative to the repository). */
const cases: Record<string, { guide: string; clinic?: string }> = {
  'sample.en': { guide: 'content/guides/first-ketamine-session/en.md' },
  'sample.ar': { guide: 'content/guides/first-ketamine-session/ar.md' },
  'sample.zh-Hans': { guide: 'content/guides/first-ketamine-session/zh-Hans.md' },
  'sample.en.harbor-health': {
    guide: 'content/guides/first-ketamine-session/en.md',
    clinic: 'tests/fixtures/clinics/harbor-health/clinic.yaml',
  },
  'stress.long-text': { guide: 'tests/fixtures/stress/long-text.md' },
  'stress.tables': { guide: 'tests/fixtures/stress/tables.md' },
  'stress.images': { guide: 'tests/fixtures/stress/images.md' },
  'rich.en': { guide: 'tests/fixtures/guides/rich/en.md' },
};

const expected: Record<string, string> = update ? {} : (JSON.parse(readFileSync(hashFile, 'utf8')) as Record<string, string>);
const actual: Record<string, string> = {};

describe('output identity (byte-identical PDFs across performance changes)', () => {
  for (const [name, c] of Object.entries(cases)) {
    it(name, { timeout: 60_000 }, async () => {
      const r = await buildHandout({ guide: path.join(root, c.guide), ...(c.clinic ? { clinic: path.join(root, c.clinic) } : {}) });
      expect(r.pdf, `${name} builds`).toBeDefined();
      const sha = createHash('sha256').update(r.pdf!).digest('hex');
      actual[name] = sha;
      if (update) {
        writeFileSync(hashFile, JSON.stringify({ ...(JSON.parse(safeRead()) as Record<string, string>), ...actual }, null, 2) + '\n');
      } else {
        expect(sha, `${name}: SHA-256 differs from tests/perf/output-identity.sha256.json (UPDATE=1 rewrites it)`).toBe(expected[name]);
      }
    });
  }
});

function safeRead(): string {
  try {
    return readFileSync(hashFile, 'utf8');
  } catch {
    return '{}';
  }
}
