/** Images (scaled to the column, never taller than a page) and rules. */
import type { ImageBlock, PrintWidth, RuleBlock } from '../../types/layout-tree.js';
import type { PageItem } from '../../types/paged.js';
import type { FlowBuilder } from '../flow.js';
import { shiftItem } from '../flow.js';
import { layoutParagraph } from '../inline/lines.js';
import { addNode, type BlockContext, type BlockFrame } from './context.js';
import { runOwner } from './paragraph.js';
import type { Diagnostics, SourcePlace } from '../../diagnostics.js';
import { PRINT_MIN_PPI, PRINT_MAX_PPI, pixelsPerInch } from '../../assets/print-resolution.js';

/** Default of {@link ImageBlock.captionGap}. */
export const DEFAULT_CAPTION_GAP = 4;

/**
 * Lays out an image with its optional caption as one box, scaled to the
 * column with its aspect ratio kept. It is scaled down to fit `ctx.bodyHeight`
 * (which the caller reduces when the image must share its page with a kept
 * heading); only an image taller than the whole page (`pageHeight`) warns.
 */
export function image(b: ImageBlock, flow: FlowBuilder, frame: BlockFrame, ctx: BlockContext, pageHeight: number = ctx.bodyHeight): void {
  const CAPTION_GAP = b.captionGap ?? DEFAULT_CAPTION_GAP;
  const node = b.decorative ? null : addNode(ctx, frame, 'Figure', { alt: b.alt });
  const captionNode = node !== null && b.caption ? ctx.structure.add('Caption', node) : null;
  const captionLines = b.caption
    ? layoutParagraph(b.caption, {
        measurer: ctx.measurer,
        direction: ctx.direction,
        width: frame.width,
        align: b.align === 'center' ? 'center' : 'start',
        lang: 'und',
        hyphenate: false,
        diags: ctx.diags,
        place: b.place,
        owner: runOwner(ctx, captionNode),
      })
    : [];
  const captionHeight = captionLines.reduce((h, l) => h + l.height, 0) + (captionLines.length ? CAPTION_GAP : 0);
  const natural = { w: b.image.width * 0.75, h: b.image.height * 0.75 };
  let width = b.printWidth ? asked(b.printWidth, b.place, frame.width, ctx.diags) : Math.min(b.maxWidth, frame.width, natural.w);
  let height = (width * b.image.height) / b.image.width;
  const maxHeight = Math.min(b.maxHeight ?? Infinity, ctx.bodyHeight - captionHeight);
  if (height > maxHeight) {
    if (height > pageHeight - captionHeight) {
      ctx.diags.warning(
        b.place,
        `image is taller than the page (${Math.round(height)}pt at the column width, ` +
          `${Math.round(pageHeight - captionHeight)}pt available); scaled down to fit — crop it or use a wider, shorter picture`,
        'image-too-tall',
      );
    }
    width = (width * maxHeight) / height;
    height = maxHeight;
  }
  warnIfLowResolution(b, width, ctx.diags);
  // `start`/`end` follow the document's direction
  const atEnd = (b.align === 'end') !== (ctx.direction === 'rtl');
  const x = frame.x + (b.align === 'center' ? (frame.width - width) / 2 : atEnd ? frame.width - width : 0);
  const items: PageItem[] = [{ kind: 'image', x, y: 0, width, height, image: b.image, owner: node }];
  let y = height + (captionLines.length ? CAPTION_GAP : 0);
  for (const line of captionLines) {
    for (const it of line.items) items.push(shiftItem(it, frame.x, y));
    y += line.height;
  }
  flow.box({ height: y, items, marks: [] });
}

/** Lays out a horizontal rule (an artifact: it only separates). */
export function rule(b: RuleBlock, flow: FlowBuilder, frame: BlockFrame): void {
  const y = b.thickness / 2;
  flow.box({
    height: b.thickness,
    items: [{ kind: 'line', x1: frame.x, y1: y, x2: frame.x + frame.width, y2: y, color: b.color, width: b.thickness, owner: null }],
    marks: [],
  });
}

/** The width the author gave (a share of the column, or a length), at most the column (`image-too-wide` if it was more). */
function asked(w: PrintWidth, place: SourcePlace, column: number, diags: Diagnostics): number {
  if ('fraction' in w) return column * w.fraction;
  if (w.points > column + 0.5) {
    diags.warning(
      place,
      `the image is ${(w.points / CM).toFixed(1)} cm wide, wider than the column (${(column / CM).toFixed(1)} cm); it is printed ` +
        `at the column's width — give a smaller width or a share of the column (\`{width=100%}\`)`,
      'image-too-wide',
    );
    return column;
  }
  return w.points;
}

/** Points per centimetre. */
const CM = 72 / 2.54;

/** The widest an image `pixels` wide prints sharp (at {@link PRINT_MIN_PPI}), in whole millimetres, e.g. `42mm`. */
function sharpWidth(pixels: number): string {
  return `${Math.max(1, Math.floor((pixels / PRINT_MIN_PPI) * 25.4))}mm`;
}

/** Places (per document) already warned about, so a logo repeated on every page warns once. */
const warnedLowResolution = new WeakMap<Diagnostics, Set<string>>();

/** Warns (`image-low-resolution`) when `b` has fewer than 150 pixels per inch printed `width` points wide. */
function warnIfLowResolution(b: ImageBlock, width: number, diags: Diagnostics): void {
  const ppi = pixelsPerInch(b.image.width, width);
  if (ppi >= PRINT_MIN_PPI) return;
  const at = `${b.place.file}\0${b.place.line}\0${b.place.column}`;
  let warned = warnedLowResolution.get(diags);
  if (!warned) warnedLowResolution.set(diags, (warned = new Set()));
  if (warned.has(at)) return;
  warned.add(at);
  const inches = width / 72;
  diags.warning(
    b.place,
    `image has ${Math.floor(ppi)} pixels per inch at its printed size (${b.image.width}×${b.image.height} pixels over ` +
      `${inches.toFixed(1)} in); it will look blurry on paper — use one at least ${Math.ceil(inches * PRINT_MIN_PPI)} pixels ` +
      `wide (${PRINT_MAX_PPI} ppi: ${Math.ceil(inches * PRINT_MAX_PPI)})`,
    'image-low-resolution',
    b.inGuide ? `or print it smaller: at most ${sharpWidth(b.image.width)} wide, e.g. \`{width=${sharpWidth(b.image.width)}}\`` : undefined,
  );
}
