/**
 * `src/batch/worker.ts`: a document with fill-in values (personal data) leaves none of its words, glyph lists or
 * results in the stores' cache folder, which the build workers otherwise fill; the stores are still read for it.
 */
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildInWorker } from '../../src/batch/worker.js';
import { disableWordStores, enableWordStores, persistWordStores } from '../../src/layout/word-store.js';
import { tempDir } from '../helpers/cli.js';

afterEach(() => disableWordStores());

const NAME = 'Zqxvbnor Wrtyplkas'; // words no other test writes, hyphenated at a break opportunity or two

/** A guide using a fill-in field, in a new folder (so its parse and typography are new to the stores too). */
function guide(): string {
  const dir = path.join(tempDir('worker-fill-'), 'visit');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'en.md');
  writeFileSync(file, '---\nid: visit\ntitle: Your visit\nlang: en\nversion: 1\n---\n\nThis plan is for {{fill.name}}.\n');
  return file;
}

/** Every file the stores wrote in `dir`, as text. */
const stored = (dir: string): string =>
  readdirSync(dir)
    .map((f) => readFileSync(path.join(dir, f), 'latin1'))
    .join('\n');

describe('buildInWorker', () => {
  it('records nothing of a document with fill-in values in the stores', async () => {
    const dir = tempDir('worker-stores-');
    enableWordStores({ dir, key: 'worker-fill-test' });
    await buildInWorker({ guide: guide(), fill: { name: NAME } });
    persistWordStores();
    expect(stored(dir)).not.toContain('Zqxvbnor');
    expect(readdirSync(dir).filter((f) => /^(words|subset|result)-/.test(f))).toEqual([]);

    // a name written in the guide (not a fill-in value) is recorded: the check above can fail
    const file = guide();
    writeFileSync(file, readFileSync(file, 'utf8').replace('{{fill.name}}', 'Qwxzvmor Plkjhyas'));
    await buildInWorker({ guide: file });
    persistWordStores();
    expect(stored(dir)).toContain('Qwxzvmor');
    expect(stored(dir)).not.toContain('Zqxvbnor');
  });
});
