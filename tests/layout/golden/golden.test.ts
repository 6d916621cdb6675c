/**
 * Golden tests of the positioned page items: each fixture's PagedDocument is
 * serialised (numbers rounded to 0.01 pt) and compared with the stored JSON.
 * Rewrite the goldens with `UPDATE=1 npx vitest run tests/layout/golden`.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PagedDocument } from '../../../src/types/paged.js';
import { layoutGuide } from '../quality/page-quality.js';

const DIR = path.join('tests', 'layout', 'golden');
const UPDATE = process.env.UPDATE === '1';

/** A stable, diffable JSON form of a paged document. */
export function serialise(doc: PagedDocument): unknown {
  const round = (_key: string, value: unknown): unknown => {
    if (typeof value === 'number') return Math.round(value * 100) / 100;
    if (value instanceof Map) return Object.fromEntries(value);
    return value;
  };
  const pages = doc.pages.map((p) => ({
    width: p.width,
    height: p.height,
    items: p.items.map((i) => (i.kind === 'image' ? { ...i, image: i.image.key } : i)),
  }));
  return JSON.parse(JSON.stringify({ pages, anchors: doc.anchors, outline: doc.outline, breakViolations: doc.breakViolations, structure: doc.structure.map((n) => `${n.id}:${n.role}<${n.parent ?? '-'}`) }, round));
}

describe('golden page items', () => {
  for (const md of readdirSync(DIR).filter((f) => f.endsWith('.md')).sort()) {
    it(md, async () => {
      const { paged, diags } = await layoutGuide(path.join(DIR, md));
      expect(diags.list.filter((d) => d.severity === 'error')).toEqual([]);
      const actual = serialise(paged!);
      const file = path.join(DIR, md.replace(/\.md$/, '.json'));
      if (UPDATE) writeFileSync(file, JSON.stringify(actual, null, 1) + '\n');
      expect(existsSync(file), `${file} is missing; run with UPDATE=1 to create it`).toBe(true);
      expect(actual).toEqual(JSON.parse(readFileSync(file, 'utf8')));
    });
  }
});
