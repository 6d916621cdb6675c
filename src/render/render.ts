/**
 * The render stage: a loop that draws positioned items with PDFKit. Text is
 * drawn at explicit coordinates with `lineBreak: false`; PDFKit never wraps.
 */
import type { FontBook } from '../layout/fonts/font-book.js';
import type { LinkItem, PageItem, PagedDocument, TextItem } from '../types/paged.js';
import { drawItem, type DrawState } from './draw.js';
import { addOutline } from './outline.js';
import { FormFields } from './form-fields.js';
import {
  beginTextObject,
  canDrawVector,
  createPdfDocument,
  documentBytes,
  endTextObject,
  prepareImages,
  registerFontkitFont,
  setTabOrder,
} from './pdf-adapter/index.js';
import { Tagger } from './tags.js';
import type { Settings } from '../settings.js';
import type { ImageAsset } from '../types/image.js';
import { imageForPrint } from '../assets/print-resolution.js';

/** Input of the render stage. */
export interface RenderInput {
  readonly paged: PagedDocument;
  readonly fonts: FontBook;
  /**
   * Task-list checkboxes and fill-in fields are also form fields a reader can tick or type in:
   * `settings.fillable` or the guide's front matter `fillable: true`.
   */
  readonly fillable: boolean;
  /** Tag the content (default true; false only to measure what tagging costs). */
  readonly tagged?: boolean;
  /**
   * Consecutive text items on a page share one text object (default true; false only for the test that compares
   * both, `tests/render/render.test.ts`: each item then has its own `q … BT … ET Q`).
   */
  readonly textObjects?: boolean;
}

/** A text item that may share a text object with its neighbours: one without rules (an underline is a path, drawn outside it). */
function sharesTextObject(item: PageItem): boolean {
  return item.kind === 'text' && !item.underline && !item.strike;
}

/** A page's text items by owner, in drawing order (for {@link linkText}). */
function textByOwner(items: readonly PageItem[]): Map<number | null, TextItem[]> {
  const byOwner = new Map<number | null, TextItem[]>();
  for (const i of items) {
    if (i.kind !== 'text') continue;
    const list = byOwner.get(i.owner);
    if (list) list.push(i);
    else byOwner.set(i.owner, [i]);
  }
  return byOwner;
}

function linkText(texts: ReadonlyMap<number | null, readonly TextItem[]>, link: LinkItem): string {
  const words = (texts.get(link.owner) ?? []).filter((i) => i.x >= link.x - 0.5 && i.x < link.x + link.width);
  return (
    words
      .map((w) => w.text)
      .join('')
      .trim() || (link.target.kind === 'url' ? link.target.url : link.target.anchor)
  );
}

/**
 * The bytes to embed for each image drawn in the document as a raster (not those drawn as vector graphics): at most 300 ppi at
 * its largest printed size (`assets/print-resolution.ts`), resampled once per process.
 */
async function printImages(paged: PagedDocument): Promise<Map<Buffer, Buffer>> {
  const largest = new Map<Buffer, { asset: ImageAsset; width: number; height: number }>();
  for (const page of paged.pages)
    for (const item of page.items) {
      if (item.kind !== 'image') continue;
      const vector = item.image.vector;
      if (vector && canDrawVector(vector)) continue; // drawn as vector graphics, nothing to resample
      const seen = largest.get(item.image.data);
      largest.set(item.image.data, {
        asset: item.image,
        width: Math.max(seen?.width ?? 0, item.width),
        height: Math.max(seen?.height ?? 0, item.height),
      });
    }
  const out = new Map<Buffer, Buffer>();
  await Promise.all([...largest].map(async ([data, use]) => out.set(data, await imageForPrint(use.asset, use.width, use.height))));
  return out;
}

/** Renders a paged document to PDF bytes (PDF/A-2a too with `settings.archival`). */
export async function render(input: RenderInput, settings: Pick<Settings, 'archival'>): Promise<Buffer> {
  const { paged, fonts } = input;
  const tagged = input.tagged ?? true;
  const textObjects = input.textObjects ?? true;
  const doc = createPdfDocument(paged.info, settings.archival, tagged);
  const printed = await printImages(paged);
  await prepareImages(doc, new Set(printed.values())); // decoded and compressed once per process, replayed into each document
  for (const key of fonts.keys) registerFontkitFont(doc, key, fonts.font(key));
  const tagger = new Tagger(doc, paged.structure, tagged);
  const state: DrawState = { doc, images: new Map(), printed };
  const fields = input.fillable ? new FormFields(doc) : undefined;
  const anchorsByPage = new Map<number, [string, number][]>();
  for (const [anchor, target] of paged.anchors) {
    const list = anchorsByPage.get(target.page) ?? [];
    list.push([anchor, target.y]);
    anchorsByPage.set(target.page, list);
  }

  paged.pages.forEach((page, pageIndex) => {
    doc.addPage({ size: [page.width, page.height], margin: 0 });
    for (const [anchor, y] of anchorsByPage.get(pageIndex) ?? []) {
      doc.addNamedDestination(anchor, 'XYZ', 0, page.height - y + 6, null);
    }
    const fieldsBefore = fields?.count ?? 0;
    let afterRtl = false;
    for (const item of page.items) {
      if (item.kind === 'link') continue;
      // begun before the item's marked content (which must end inside it), ended before anything that is not shared text;
      // right-to-left runs (drawn word by word from the right) and the run after one each get a text object of their own
      const rtl = item.kind === 'text' && item.direction === 'rtl';
      if (textObjects && sharesTextObject(item)) beginTextObject(doc, rtl || afterRtl);
      else endTextObject(doc);
      afterRtl = rtl;
      // a fillable checkbox is drawn only by its widget's appearance, so ticking it on screen changes what shows
      if (item.kind === 'checkbox' && fields && item.owner !== null) {
        tagger.formField(item.owner, (parent) => fields.add(item, parent));
        continue;
      }
      if (item.kind === 'field') {
        // the writing line is print decoration; with fillable output the field itself is a Form element in the label's paragraph
        tagger.content(null, () => drawItem(state, item));
        if (fields && item.owner !== null) tagger.formField(item.owner, (parent) => fields.addText(item, parent));
        continue;
      }
      tagger.content(item.owner, () => drawItem(state, item), item.owner === null && item.kind === 'text' ? 'Pagination' : 'Layout');
    }
    endTextObject(doc);
    // annotations after content so their struct parents exist
    let texts: Map<number | null, TextItem[]> | undefined;
    for (const item of page.items) {
      if (item.kind !== 'link') continue;
      texts ??= textByOwner(page.items);
      const contents = new String(linkText(texts, item));
      const structParent = item.owner === null ? undefined : tagger.annotationParent(item.owner);
      const opts = { Contents: contents, ...(structParent ? { structParent } : {}) } as PDFKit.Mixins.AnnotationOption;
      if (item.target.kind === 'url') doc.link(item.x, item.y, item.width, item.height, item.target.url, opts);
      else if (paged.anchors.has(item.target.anchor)) doc.goTo(item.x, item.y, item.width, item.height, item.target.anchor, opts);
    }
    const hasFields = (fields?.count ?? 0) > fieldsBefore;
    if (hasFields || page.items.some((i) => i.kind === 'link')) setTabOrder(doc, 'S');
  });
  addOutline(doc, paged);
  tagger.finish();
  return documentBytes(doc);
}
