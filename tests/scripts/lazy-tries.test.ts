/**
 * `scripts/lazy-tries.mjs`: the Unicode tries of fontkit's complex-script shapers and of unicode-properties built on
 * first use in the workers' bundle. Bundled with the plugin, both packages give exactly what the originals give: every
 * code point's properties, and the glyphs and positions of Arabic, Devanagari, Khmer and Myanmar text (the Arabic, Indic
 * and universal shapers, one trie each). A file without the expected lines is left alone.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as fontkit from 'fontkit';
import * as unicode from 'unicode-properties';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lazyTries, lazyTriesPlugin } from '../../scripts/lazy-tries.mjs';
import { bundleForTest } from './bundle-for-test.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);

/** The lookups of unicode-properties compared here (its own types declare only some of them). */
interface Props {
  getCategory(cp: number): string;
  getScript(cp: number): string;
  getCombiningClass(cp: number): string;
  getEastAsianWidth(cp: number): string;
  getNumericValue(cp: number): number | null;
}
const original = unicode as unknown as Props;
interface Bundled {
  readonly fontkit: typeof fontkit;
  readonly unicode: Props;
}

let dir = '';
let bundled: Bundled;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'lazy-tries-'));
  const entry = path.join(dir, 'entry.mjs');
  writeFileSync(entry, "export * as fontkit from 'fontkit';\nexport * as unicode from 'unicode-properties';\n");
  const out = path.join(dir, 'bundle.cjs');
  await bundleForTest(entry, out, [lazyTriesPlugin]);
  expect(readFileSync(out, 'utf8').match(/var \$[0-9a-z]+\$var\$trie = \{ get: /g)).toHaveLength(4);
  bundled = require(out) as Bundled;
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('lazy Unicode tries', () => {
  it('gives every code point the properties the original gives', () => {
    for (let cp = 0; cp <= 0x10ffff; cp += cp < 0x30000 ? 1 : 97) {
      if (
        bundled.unicode.getCategory(cp) !== original.getCategory(cp) ||
        bundled.unicode.getScript(cp) !== original.getScript(cp) ||
        bundled.unicode.getCombiningClass(cp) !== original.getCombiningClass(cp) ||
        bundled.unicode.getEastAsianWidth(cp) !== original.getEastAsianWidth(cp) ||
        bundled.unicode.getNumericValue(cp) !== original.getNumericValue(cp)
      ) {
        expect.fail(`U+${cp.toString(16)} differs`);
      }
    }
  });

  it('shapes complex scripts as the original fontkit does', () => {
    const samples: [font: string, text: string][] = [
      ['NotoNaskhArabic-Regular.ttf', 'مرحبا بكم في العيادة، لا تأكل قبل الموعد'],
      ['NotoSansDevanagari-Regular.ttf', 'क्लिनिक में आपका स्वागत है, कृपया समय पर आएँ'],
      ['NotoSansKhmer-Regular.ttf', 'សូមស្វាគមន៍មកកាន់គ្លីនិក'],
      ['NotoSansMyanmar-Regular.ttf', 'ဆေးခန်းမှ ကြိုဆိုပါသည်'],
    ];
    for (const [file, text] of samples) {
      const bytes = readFileSync(path.join(root, 'fonts', file));
      const run = (kit: typeof fontkit): string => {
        const r = (kit.create(bytes) as fontkit.Font).layout(text);
        return JSON.stringify([r.glyphs.map((g) => g.id), r.positions.map((p) => [p.xAdvance, p.yAdvance, p.xOffset, p.yOffset])]);
      };
      expect(run(bundled.fontkit), file).toBe(run(fontkit));
    }
  });

  it('leaves a file without the expected trie lines alone', () => {
    expect(lazyTries('const $ab$var$trie = makeTrie();', 1)).toBeUndefined();
    const used = 'const $ab$var$trie = new (0, $x$unicodetrie)(data);\nexport const t = $ab$var$trie;\n';
    expect(lazyTries(used, 1)).toBeUndefined(); // used other than through get
    const fine = 'const $ab$var$trie = new (0, $x$unicodetrie)(data);\nexport const g = (c) => $ab$var$trie.get(c);\n';
    expect(lazyTries(fine, 1)).toContain('let $ab$var$trie = { get: (c) => ($ab$var$trie = new (0, $x$unicodetrie)(data)).get(c) };');
  });
});
