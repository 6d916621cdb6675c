/**
 * Whether an SVG can be embedded as vector graphics (drawn with `svg-to-pdfkit` at render time)
 * instead of the 300 dpi raster: only when every element is one whose drawing `svg-to-pdfkit`
 * and the rasteriser agree on — shapes, paths, groups and gradients. Text (it would need fonts
 * outside our font book), embedded images, filters, masks, clipping, patterns, markers, `<use>`,
 * `<style>` sheets and external references keep the raster path. Pure: text in, verdict out.
 */
import { Parser } from 'htmlparser2';

/** Elements drawn as vector graphics. */
const DRAWN = new Set([
  'svg',
  'g',
  'path',
  'rect',
  'circle',
  'ellipse',
  'line',
  'polyline',
  'polygon',
  'defs',
  'linearGradient',
  'radialGradient',
  'stop',
]);
/** Elements whose whole content is description, never drawn. */
const DESCRIPTIVE = new Set(['title', 'desc', 'metadata']);
/** Attributes (presentation or inline style) that ask for something only the raster path draws. */
const REFUSED_PROPERTY = /(?:^|[\s;])(?:filter|mask|clip-path|marker(?:-start|-mid|-end)?)\s*:|url\(\s*['"]?[^#'")\s]/i;

/** The SVG's natural size in user units (CSS pixels), and its text, for drawing as vector graphics. */
export interface VectorSource {
  readonly svg: string;
  readonly width: number;
  readonly height: number;
}

/** Whether `text` (an SVG document, after preflight) uses only what is drawn as vector graphics. */
export function isVectorSafe(text: string): boolean {
  let ok = true;
  let sawRoot = false;
  let descriptive = 0;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (descriptive > 0 || DESCRIPTIVE.has(name)) {
          descriptive++;
          return;
        }
        if (!DRAWN.has(name)) ok = false;
        if (name === 'svg') {
          if (sawRoot) ok = false; // nested viewports: keep the raster path
          sawRoot = true;
        }
        for (const [attr, value] of Object.entries(attrs)) {
          const a = attr.toLowerCase();
          if (a === 'filter' || a === 'mask' || a === 'clip-path' || a.startsWith('marker') || a.includes('href')) ok = false;
          else if (REFUSED_PROPERTY.test(a === 'style' ? value : `${a}:${value}`)) ok = false;
        }
      },
      onclosetag() {
        if (descriptive > 0) descriptive--;
      },
      onprocessinginstruction(name) {
        if (name.toLowerCase() === '!doctype') ok = false; // entities could add content
      },
    },
    { xmlMode: true },
  );
  parser.end(text);
  return ok && sawRoot;
}
