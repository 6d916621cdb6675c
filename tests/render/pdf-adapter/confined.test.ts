/** Only the adapter reaches PDFKit and fontkit internals. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const INTERNALS =
  /\._root\b|dictionary\.data|\.openImage\b|\.getGlyph\b|\._font\b|\bendMetadata\b|\bendAcroForm\b|\bappendXML\b|layoutCached|\.annotations\b/;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

describe('pdf-adapter confinement', () => {
  it('finds PDFKit/fontkit internals only under src/render/pdf-adapter/', () => {
    const adapter = path.join('src', 'render', 'pdf-adapter') + path.sep;
    const outside = files('src')
      .filter((f) => !f.startsWith(adapter))
      .flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .map((line, i) => ({ f, i, line })),
      )
      .filter(({ line }) => INTERNALS.test(line) && !/^\s*(\*|\/\/)/.test(line))
      .map(({ f, i, line }) => `${f}:${i + 1}: ${line.trim()}`);
    expect(outside).toEqual([]);
  });
});
