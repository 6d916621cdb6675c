/** Which SVGs are embedded as vector graphics (`src/assets/svg-vector.ts`), and that decoding says so. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeImage } from '../../src/assets/decode-image.js';
import { isVectorSafe } from '../../src/assets/svg-vector.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const svg = (body: string, rootAttrs = ''): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" viewBox="0 0 40 20"${rootAttrs}>${body}</svg>`;

describe('SVGs drawn as vector graphics', () => {
  it('accepts shapes, paths, groups, gradients and descriptions', () => {
    expect(isVectorSafe(readFileSync(path.join(root, 'content/clinics/example-community/logo.svg'), 'utf8'))).toBe(true);
    expect(
      isVectorSafe(
        svg(
          '<title>Logo</title><desc>a <b>mark</b></desc><defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs>' +
            '<g transform="translate(2 2)" style="opacity:.5"><rect width="10" height="5" fill="url(#g)"/><circle cx="3" cy="3" r="2"/><ellipse cx="1" cy="1" rx="1" ry="2"/>' +
            '<line x1="0" y1="0" x2="4" y2="4" stroke="#000"/><polyline points="0,0 1,1"/><polygon points="0,0 1,1 1,0"/><path d="M0 0h4v4z"/></g>',
        ),
      ),
    ).toBe(true);
  });

  it.each([
    ['text', svg('<text x="1" y="10">Clinic</text>')],
    ['an embedded image', svg('<image href="data:image/png;base64,AA==" width="4" height="4"/>')],
    ['a filter attribute', svg('<rect width="4" height="4" filter="url(#f)"/>')],
    ['a filter in a style attribute', svg('<rect width="4" height="4" style="filter: blur(2px)"/>')],
    ['a mask', svg('<mask id="m"><rect width="4" height="4"/></mask><rect width="4" height="4" mask="url(#m)"/>')],
    ['a clip path', svg('<clipPath id="c"><rect width="4" height="4"/></clipPath><rect width="9" height="9" clip-path="url(#c)"/>')],
    ['a style sheet', svg('<style>.a{fill:red}</style><rect class="a" width="4" height="4"/>')],
    ['<use>', svg('<defs><path id="p" d="M0 0h4v4z"/></defs><use href="#p"/>')],
    ['an external paint server', svg('<rect width="4" height="4" fill="url(other.svg#g)"/>')],
    ['a nested viewport', svg('<svg width="4" height="4"><rect width="4" height="4"/></svg>')],
    [
      'a pattern',
      svg('<pattern id="p" width="2" height="2"><rect width="1" height="1"/></pattern><rect width="4" height="4" fill="url(#p)"/>'),
    ],
  ])('keeps the raster path for %s', (_what, text) => {
    expect(isVectorSafe(text)).toBe(false);
  });

  it('is not fooled by a document that is not SVG', () => {
    expect(isVectorSafe('<html><body/></html>')).toBe(false);
    expect(isVectorSafe('')).toBe(false);
  });

  it('decoding keeps the raster and adds the vector source only for a safe SVG', async () => {
    const safe = await decodeImage(Buffer.from(svg('<rect width="40" height="20" fill="#1F5FAD"/>')), 40_000_000);
    expect(safe.ok && safe.asset.format).toBe('png');
    expect(safe.ok && safe.asset.vector).toMatchObject({ width: 40, height: 20 });
    const withText = await decodeImage(Buffer.from(svg('<text x="1" y="10" font-size="8">Clinic</text>')), 40_000_000);
    expect(withText.ok && withText.asset.format).toBe('png');
    expect(withText.ok && withText.asset.vector).toBeUndefined();
  });
});
