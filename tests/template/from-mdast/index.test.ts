import { readFileSync } from 'node:fs';
import path from 'node:path';
import { labelsFor } from '../../../src/template/from-mdast/labels.js';
import { localeLoader } from '../../../src/template/locale.js';
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../../src/diagnostics.js';
import { defaultSettings } from '../../../src/settings.js';
import { parse } from '../../../src/parse/parse.js';
import { resolve } from '../../../src/resolve/resolve.js';
import { fromMdast } from '../../../src/template/from-mdast/index.js';
import { nodeWorld } from '../../../src/world.js';
import { as, BRAND, text, THEME } from './helpers.js';

describe('fromMdast', () => {
  it('converts the seed guide end to end', async () => {
    const file = 'content/guides/first-ketamine-session/en.md';
    const diags = new Diagnostics();
    const doc = parse(file, readFileSync(file, 'utf8'), diags);
    const resolved =
      doc &&
      (await resolve(
        { doc, brand: { ...BRAND, contact: { website: 'https://example.org' } }, world: nodeWorld, roots: ['content'] },
        defaultSettings(),
        diags,
      ));
    if (!resolved) throw new Error(JSON.stringify(diags.list));
    const out = fromMdast(resolved.root, {
      theme: THEME,
      labels: labelsFor(localeLoader(nodeWorld, path.resolve('locales'), diags), resolved.meta.lang),
      lang: resolved.meta.lang,
      file,
      images: resolved.images,
      diags,
      contentWidth: 468,
    });
    expect(diags.list).toEqual([]);
    const headings = out.filter((b) => b.kind === 'heading');
    expect(headings).toHaveLength(12);
    expect(as(headings[0], 'heading')).toMatchObject({
      level: 2,
      anchor: 'understanding-ketamine-therapy',
      place: { file, line: 11, column: 1 },
    });
    // the 'Before your session' checklist group, its warning and the clinic website's QR code
    expect(out.filter((b) => b.kind !== 'heading' && b.kind !== 'paragraph').map((b) => b.kind)).toEqual(['group', 'quote', 'qr']);
    // Smart typography made it through resolve.
    expect(text(as(out[0], 'paragraph').inlines)).toContain('You’ll need');
    expect(text(as(out[0], 'paragraph').inlines)).not.toContain("'");
  });
});
