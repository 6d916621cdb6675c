/**
 * Font subsets shared across documents (`src/render/pdf-adapter/shared-subsets.ts`) rely on
 * PDFKit/fontkit internals; these tests fail if an upgrade changes them, and check that a
 * cached subset gives the same bytes as encoding it again.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { disableWordStores, enableWordStores } from '../../../src/layout/word-store.js';
import { tempDir } from '../../helpers/cli.js';
import { buildHandout } from '../../../src/build.js';
import { sharedFontBook } from '../../../src/layout/fonts/font-book.js';
import { createPdfDocument, documentBytes, type Doc } from '../../../src/render/pdf-adapter/index.js';
import {
  MAX_SUBSET_BYTES,
  STORE_WHILE_ENCODED_BELOW,
  clearSharedSubsets,
  shareSubsets,
  sharedSubsetStats,
  supportsSharedSubsets,
} from '../../../src/render/pdf-adapter/shared-subsets.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const info = { title: 't', author: 'a', subject: 's', lang: 'en', created: new Date(0), direction: 'ltr' as const };

/** A one-page document drawing `text` in `key`, with or without the shared cache (and its font file compressed once). */
async function pdfOf(text: string, key: string, share: boolean, deflateOnce = true): Promise<Buffer> {
  return documentBytes(docOf(text, key, share, deflateOnce));
}

function docOf(text: string, key: string, share: boolean, deflateOnce = true): Doc {
  const doc = createPdfDocument(info, false, false);
  doc.registerFont(key, sharedFontBook().font(key) as unknown as string);
  doc.addPage({ size: [300, 300], margin: 0 });
  doc.font(key);
  if (share) shareSubsets(doc, deflateOnce);
  doc.fontSize(12).text(text, 10, 10, { lineBreak: false });
  return doc;
}

/** The font file reference PDFKit's `embed` wrote for the document's current font (after `documentBytes`). */
function fontFileOf(doc: Doc): { compress: boolean } {
  type Ref = { data: Record<string, Ref | Ref[] | undefined>; compress: boolean };
  const font = (doc as unknown as { _font: { dictionary: Ref } })._font.dictionary;
  const descendant = (font.data.DescendantFonts as Ref[])[0]!;
  const descriptor = descendant.data.FontDescriptor as Ref;
  return (descriptor.data.FontFile2 ?? descriptor.data.FontFile3) as Ref;
}

describe('shared font subsets', () => {
  it('finds the internals it relies on', () => {
    const doc = createPdfDocument(info, false, false);
    doc.registerFont('sans-regular', sharedFontBook().font('sans-regular') as unknown as string);
    doc.font('sans-regular');
    expect(supportsSharedSubsets((doc as unknown as { _font: unknown })._font)).toBe(true);
  });

  it('serves a repeated glyph set from the cache, with the bytes of its first (unhinted) encoding', async () => {
    clearSharedSubsets();
    // "À" is a composite glyph in Noto Sans: its components join the subset while it is encoded
    for (const [text, key] of [
      ['Hello, shared subsets À', 'sans-regular'],
      ['مرحبا', 'arabic'],
      ['Bold words', 'sans-bold'],
    ] as const) {
      const own = await pdfOf(text, key, false);
      const first = await pdfOf(text, key, true);
      const before = sharedSubsetStats().hits;
      const second = await pdfOf(text, key, true);
      expect(sharedSubsetStats().hits).toBe(before + 1);
      expect(second.equals(first)).toBe(true);
      expect(first.length, 'hinting dropped from the subset').toBeLessThan(own.length);
    }
    // another glyph set is encoded afresh
    const other = await pdfOf('Different text', 'sans-regular', true);
    expect(other.equals(await pdfOf('Hello, shared subsets À', 'sans-regular', true))).toBe(false);
    expect(sharedSubsetStats().size).toBe(4);
  });

  it("compresses each subset's font file once: the bytes PDFKit writes when it compresses them itself", async () => {
    clearSharedSubsets();
    for (const [text, key] of [
      ['Compressed once À', 'sans-regular'],
      ['مرحبا', 'arabic'],
    ] as const) {
      const own = await pdfOf(text, key, true, false); // PDFKit deflates the subset itself
      const miss = docOf(text, key, true);
      const missBytes = await documentBytes(miss);
      const hit = docOf(text, key, true);
      const hitBytes = await documentBytes(hit);
      expect(missBytes.equals(own)).toBe(true);
      expect(hitBytes.equals(own)).toBe(true);
      // the compressed bytes were handed over: PDFKit's reference did not compress them again
      expect(fontFileOf(miss).compress).toBe(false);
      expect(fontFileOf(hit).compress).toBe(false);
    }
    const plain = docOf('Compressed by PDFKit', 'sans-regular', true, false);
    await documentBytes(plain);
    expect(fontFileOf(plain).compress).toBe(true);
  });

  it('is bounded by bytes: each new subset counts its size, and the cache is emptied before it would pass the bound', async () => {
    clearSharedSubsets();
    expect(sharedSubsetStats()).toEqual({ size: 0, bytes: 0, hits: 0, stored: 0 });
    const one = await pdfOf('Counted', 'sans-regular', true);
    const { bytes } = sharedSubsetStats();
    expect(bytes).toBeGreaterThan(1000); // the encoded font program, compressed and not, and its glyph list
    expect(bytes).toBeLessThan(one.length + 48 * 16);
    // glyph sets of 200 CJK ideographs each (about 150 KB): the bound is reached after about 27
    const sizes: number[] = [];
    for (let i = 0; i < 40; i++) {
      const text = Array.from({ length: 200 }, (_, j) => String.fromCodePoint(0x4e00 + i * 200 + j)).join('');
      await pdfOf(text, 'cjk-sc', true);
      sizes.push(sharedSubsetStats().bytes);
    }
    expect(Math.max(...sizes)).toBeLessThanOrEqual(MAX_SUBSET_BYTES);
    expect(
      sizes.some((b, i) => i > 0 && b < sizes[i - 1]!),
      'emptied on the way',
    ).toBe(true);
  });

  it('gives the same handout bytes cold and warm', async () => {
    const guide = path.join(root, 'content/guides/first-ketamine-session/es.md');
    clearSharedSubsets();
    const cold = await buildHandout({ guide });
    const hitsBefore = sharedSubsetStats().hits;
    const warm = await buildHandout({ guide });
    expect(sharedSubsetStats().hits).toBeGreaterThan(hitsBefore);
    expect(warm.pdf!.equals(cold.pdf!)).toBe(true);
  });

  it('keeps subsets for later processes only while this one is new', async () => {
    clearSharedSubsets();
    const dir = tempDir('shared-subsets-store-');
    enableWordStores({ dir, key: 'shared-subsets-test' });
    try {
      const count = (): number => readdirSync(dir).filter((f) => f.startsWith('subset-')).length;
      for (let i = 0; i < STORE_WHILE_ENCODED_BELOW + 4; i++)
        await pdfOf(`Glyph set ${'ABCDEFGHIJKLMNOP'.slice(0, i + 1)}`, 'sans-regular', true);
      expect(count()).toBe(STORE_WHILE_ENCODED_BELOW); // the first ones; then the process is warm and touches no files
      clearSharedSubsets(); // a new process: reads them back
      await pdfOf('Glyph set A', 'sans-regular', true);
      expect(sharedSubsetStats().stored).toBe(1);
    } finally {
      disableWordStores();
      clearSharedSubsets();
    }
  });
});
