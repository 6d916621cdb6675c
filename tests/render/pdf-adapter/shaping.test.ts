/**
 * The cross-document shaping cache (`src/render/pdf-adapter/shaping.ts`) relies on
 * PDFKit internals; these tests fail loudly if a PDFKit upgrade changes them,
 * and check that sharing never changes a byte. No timing here (see `npm run bench`).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildHandout } from '../../../src/build.js';
import { sharedFontBook } from '../../../src/layout/fonts/font-book.js';
import { createPdfDocument } from '../../../src/render/pdf-adapter/document.js';
import {
  clearSharedShaping,
  MAX_RUNS,
  shareShaping,
  sharedShapingSize,
  supportsSharedShaping,
} from '../../../src/render/pdf-adapter/shaping.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const guides = {
  en: path.join(root, 'content/guides/first-ketamine-session/en.md'),
  ar: path.join(root, 'content/guides/first-ketamine-session/ar.md'),
  rich: path.join(root, 'tests/fixtures/guides/rich/en.md'),
};

async function pdfOf(guide: string): Promise<Buffer> {
  const r = await buildHandout({ guide });
  expect(r.pdf, `build of ${guide}`).toBeDefined();
  return r.pdf!;
}

describe('shared shaping across documents', () => {
  it('finds the PDFKit internals it relies on', () => {
    const doc = createPdfDocument({ title: 't', author: 'a', subject: 's', lang: 'en', created: new Date(0), direction: 'ltr' }, false);
    const fonts = sharedFontBook();
    doc.registerFont('sans-regular', fonts.font('sans-regular') as unknown as string);
    doc.addPage();
    doc.font('sans-regular');
    const ef = (doc as unknown as { _font: unknown })._font;
    expect(supportsSharedShaping(ef)).toBe(true);

    clearSharedShaping();
    shareShaping(doc);
    doc.text('shaped once', 10, 10, { lineBreak: false });
    expect(sharedShapingSize()).toBeGreaterThan(0);
  });

  it('gives the same bytes whether the cache is cold, warm from other guides, or shared by concurrent builds', async () => {
    clearSharedShaping();
    const cold = { en: await pdfOf(guides.en) };
    clearSharedShaping();
    const coldAr = await pdfOf(guides.ar);
    clearSharedShaping();
    const coldRich = await pdfOf(guides.rich);

    // warm: other guides first, then the same ones again
    await pdfOf(guides.rich);
    await pdfOf(guides.ar);
    expect((await pdfOf(guides.en)).equals(cold.en)).toBe(true);
    expect((await pdfOf(guides.ar)).equals(coldAr)).toBe(true);

    // concurrent documents in one process
    const [en, ar, rich] = await Promise.all([pdfOf(guides.en), pdfOf(guides.ar), pdfOf(guides.rich)]);
    expect(en.equals(cold.en)).toBe(true);
    expect(ar.equals(coldAr)).toBe(true);
    expect(rich.equals(coldRich)).toBe(true);
  });

  it('stays bounded', async () => {
    await pdfOf(guides.en);
    expect(sharedShapingSize()).toBeGreaterThan(0);
    expect(sharedShapingSize()).toBeLessThanOrEqual(MAX_RUNS);
  });
});
