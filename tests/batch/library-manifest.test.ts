/** `out/manifest.json`: put together from each entry's cached text, it is byte for byte the canonical JSON of the whole. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, type JsonValue } from '../../src/incremental/canonical-json.js';
import {
  emptyLibraryManifest,
  serializeLibraryManifest,
  type LibraryEntry,
  type LibraryManifest,
} from '../../src/batch/library-manifest.js';

/** The manifest as one `canonicalJson` of the whole (how it was written before entries were cached). */
function whole(m: LibraryManifest): string {
  const outputs = Object.create(null) as Record<string, JsonValue>;
  const runs = Object.create(null) as Record<string, JsonValue>;
  for (const [k, e] of m.outputs) {
    outputs[k] = JSON.parse(JSON.stringify(e)) as JsonValue;
    const s = m.runs.get(e.run);
    if (s) runs[e.run] = s;
  }
  return canonicalJson({ format: 'handoutkit-library/1', outputs, runs }, 2) + '\n';
}

const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);
const text = fc.string({ unit: 'grapheme', maxLength: 12 }); // quotes, backslashes, line breaks, astral characters
const diagnostic = fc.record(
  {
    file: text,
    line: fc.nat(),
    column: fc.nat(),
    severity: fc.constantFrom('error' as const, 'warning' as const, 'note' as const),
    message: text,
    ruleId: text,
    hint: text,
  },
  { requiredKeys: ['file', 'line', 'column', 'severity', 'message', 'ruleId'] },
);
const entry = (runs: readonly string[]): fc.Arbitrary<LibraryEntry> =>
  fc.record({
    clinic: text,
    guide: text,
    lang: text,
    variant: text,
    source: text,
    guideVersion: fc.nat(),
    reviewed: fc.option(text, { nil: null }),
    translation: fc.constantFrom('source' as const, 'current' as const, 'fallback' as const),
    inputs: fc.dictionary(text, fc.option(hex64, { nil: null }), { maxKeys: 4 }),
    sha256: hex64,
    bytes: fc.nat(),
    pages: fc.nat(),
    tool: text,
    run: fc.constantFrom(...runs),
    diagnostics: fc.array(diagnostic, { maxLength: 3 }),
  });
const manifest: fc.Arbitrary<LibraryManifest> = fc
  .uniqueArray(hex64, { minLength: 1, maxLength: 3 })
  .chain((ids) =>
    fc.tuple(
      fc.constant(ids),
      fc.array(fc.tuple(fc.tuple(text, text, text), entry(ids)), { maxLength: 6 }),
      fc.array(fc.dictionary(text, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }), { minLength: ids.length, maxLength: ids.length }),
    ),
  )
  .map(([ids, entries, settings]) => {
    const m = emptyLibraryManifest();
    for (const [[c, l, g], e] of entries) m.outputs.set(`${c}/${l}/${g}.pdf`, e);
    ids.forEach((id, i) => m.runs.set(id, settings[i] as { [key: string]: JsonValue }));
    return m;
  });

describe('serializeLibraryManifest', () => {
  it('gives the canonical JSON of the whole manifest, also written again after it grew', () => {
    fc.assert(
      fc.property(manifest, (m) => {
        expect(serializeLibraryManifest(m)).toBe(whole(m));
        // the same entries again (their texts cached) and one more
        const [k, e] = [...m.outputs][0] ?? [];
        if (k && e) m.outputs.set(`${k}-more/x/y.pdf`, { ...e, pages: e.pages + 1 });
        expect(serializeLibraryManifest(m)).toBe(whole(m));
      }),
      { numRuns: 300 },
    );
  });

  it('writes an empty manifest like the canonical JSON does', () => {
    expect(serializeLibraryManifest(emptyLibraryManifest())).toBe(whole(emptyLibraryManifest()));
  });
});
