/** Large print: a new layout with every body glyph at ≥ 18 pt, left-aligned, never hyphenated, no keep rule broken. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildHandout } from '../../src/build.js';
import { Diagnostics } from '../../src/diagnostics.js';
import { parse } from '../../src/parse/parse.js';
import { resolve } from '../../src/resolve/resolve.js';
import { applyTemplate } from '../../src/template/apply-template.js';
import { layout } from '../../src/layout/layout.js';
import { sharedFontBook } from '../../src/layout/fonts/font-book.js';
import { loadClinic } from '../../src/brand/load-clinic.js';
import { defaultSettings, sampleClinicPath } from '../../src/settings.js';
import { contentRootOf } from '../../src/build.js';
import { nodeWorld } from '../../src/world.js';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';

const SEED = path.join('content', 'guides', 'first-ketamine-session', 'en.md');

async function largeSeed() {
  const diags = new Diagnostics();
  const settings = defaultSettings({ largePrint: true });
  const brand = (await loadClinic(sampleClinicPath(), diags, nodeWorld))!;
  const doc = parse(SEED, readFileSync(SEED, 'utf8'), diags)!;
  const resolved = (await resolve(
    { doc, brand, world: nodeWorld, roots: [path.dirname(path.resolve(SEED)), contentRootOf(path.resolve(SEED))] },
    settings,
    diags,
  ))!;
  const tree = applyTemplate({ doc: resolved, world: nodeWorld }, settings, diags)!;
  const paged = layout({ tree, fonts: sharedFontBook() }, settings, diags)!;
  return { tree, paged, diags };
}

describe('large print', () => {
  it('sets every glyph on every page at 18 pt or more (header and footer too), breaks no keep rule, never hyphenates or justifies', async () => {
    const { tree, paged, diags } = await largeSeed();
    expect(diags.list).toEqual([]);
    const texts = paged.pages.flatMap((p) => p.items.filter((i) => i.kind === 'text'));
    const body = texts.filter((i) => i.owner !== null);
    expect(body.length).toBeGreaterThan(100);
    // the running header and footer (artifacts) are on every page, and at least as large as the body text
    for (const p of paged.pages) expect(p.items.filter((i) => i.kind === 'text' && i.owner === null).length).toBeGreaterThan(3);
    const small = texts
      .filter((t) => t.kind === 'text' && t.size < 18)
      .map((t) => (t.kind === 'text' ? `${t.size.toFixed(1)} pt ${t.text}` : ''));
    expect(small).toEqual([]);
    expect(paged.breakViolations).toEqual([]);
    expect(body.filter((t) => t.kind === 'text' && t.wordSpacing !== 0)).toEqual([]);
    const paragraphs = tree.body.filter((b) => b.kind === 'paragraph');
    expect(paragraphs.every((p) => p.kind === 'paragraph' && !p.hyphenate && p.align === 'start')).toBe(true);
  });

  it('is a new layout with more pages, not a scaled page', async () => {
    const [normal, large] = await Promise.all([buildHandout({ guide: SEED }), buildHandout({ guide: SEED, largePrint: true })]);
    expect(large.pages!).toBeGreaterThan(normal.pages! * 2);
    const { paged } = await largeSeed();
    expect(paged.pages[0]!.width).toBe(612);
  });

  it('fits an 18 pt footer with a review date on Letter and A4 (the page chrome never refused as too tall)', async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'handoutkit-large-')), 'guides', 'visit');
    mkdirSync(dir, { recursive: true });
    const guide = path.join(dir, 'en.md');
    writeFileSync(
      guide,
      '---\nid: visit\ntitle: "Your visit plan"\nlang: en\nversion: 1\nreviewed: 2026-10-01\n---\n\nBring a support person.\n',
    );
    for (const paper of ['letter', 'a4'] as const) {
      const r = await buildHandout({ guide, largePrint: true, paper });
      expect(r.diagnostics).toEqual([]);
      expect(r.pdf).toBeDefined();
    }
  });
});
