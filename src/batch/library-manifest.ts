/**
 * `<out>/manifest.json` of `handout batch`: one entry per PDF present, keyed
 * by its path relative to the output folder. Each entry says what the PDF is
 * (clinic, guide, language, variant, guide version and review date,
 * translation status), what it was built from (SHA-256 of every input read,
 * paths relative to the config's folder; the run fingerprint: tool version,
 * code, dependencies, bundled resources, options), and the PDF itself
 * (SHA-256, bytes, pages) with the build's diagnostics. Keys sorted, no
 * clock: the same library gives the same bytes. A file that does not parse
 * or match the schema is treated as empty (the next run rebuilds and repairs it).
 */
import { readRegularFile } from '../io/read-regular.js';

/** Largest library manifest read back (bigger ones are treated as absent and rewritten). */
const MAX_LIBRARY_MANIFEST_BYTES = 256 * 1024 * 1024;
import path from 'node:path';
import * as z from 'zod';
import { writeFileAtomic } from '../io/atomic-write.js';
import { canonicalJson, type JsonValue } from '../incremental/canonical-json.js';

/** File name of the library manifest inside the output folder. */
export const LIBRARY_MANIFEST = 'manifest.json';

const FORMAT = 'handoutkit-library/1';
const hash = z.string().regex(/^[0-9a-f]{64}$/);

/** Schema of one diagnostic as the manifest and the `--json` lines carry it. */
export const diagnosticSchema = z.strictObject({
  file: z.string(),
  line: z.number().int(),
  column: z.number().int(),
  severity: z.enum(['error', 'warning', 'note']),
  message: z.string(),
  ruleId: z.string(),
  hint: z.string().optional(),
});

/** Translation status of an output: the source language, a current translation, or the source built for another language. */
export const TRANSLATION_STATUSES = ['source', 'current', 'fallback'] as const;

/** Schema of one entry (also the shape of `--json` items' `output` details). */
export const libraryEntrySchema = z.strictObject({
  clinic: z.string(),
  guide: z.string(),
  lang: z.string(),
  variant: z.string(),
  /** The guide file actually built (after a fallback, the source-language file). */
  source: z.string(),
  guideVersion: z.number().int(),
  reviewed: z.string().nullable(),
  translation: z.enum(TRANSLATION_STATUSES),
  inputs: z.record(z.string(), hash.nullable()),
  sha256: hash,
  bytes: z.number().int(),
  pages: z.number().int(),
  tool: z.string(),
  run: hash,
  diagnostics: z.array(diagnosticSchema),
});

/** One output of the library manifest. */
export type LibraryEntry = z.output<typeof libraryEntrySchema>;

const manifestSchema = z.strictObject({
  format: z.literal(FORMAT),
  outputs: z.record(z.string(), libraryEntrySchema),
  runs: z.record(z.string(), z.record(z.string(), z.json())),
});

/** The manifest in memory. */
export interface LibraryManifest {
  readonly outputs: Map<string, LibraryEntry>;
  readonly runs: Map<string, { readonly [key: string]: JsonValue }>;
}

/** An empty manifest. */
export function emptyLibraryManifest(): LibraryManifest {
  return { outputs: new Map(), runs: new Map() };
}

/** Reads `<outDir>/manifest.json`; absent or malformed gives an empty manifest. */
export function readLibraryManifest(outDir: string): LibraryManifest {
  let parsed: unknown;
  try {
    const raw = readRegularFile(path.join(outDir, LIBRARY_MANIFEST), MAX_LIBRARY_MANIFEST_BYTES); // never a FIFO or device
    if (!raw.ok) return emptyLibraryManifest();
    parsed = JSON.parse(raw.data.toString('utf8'));
  } catch {
    return emptyLibraryManifest();
  }
  const checked = manifestSchema.safeParse(parsed);
  if (!checked.success) return emptyLibraryManifest();
  const m = emptyLibraryManifest();
  for (const [k, e] of Object.entries(checked.data.outputs)) m.outputs.set(k, e);
  for (const [k, s] of Object.entries(checked.data.runs)) m.runs.set(k, s);
  return m;
}

/**
 * The canonical JSON of each entry and run (never changed once made) as it is nested in the manifest, made
 * once: a batch saves the growing manifest every few seconds, and 10,000 entries took a while each time.
 * Kept as long as the entry is (the CLI thread holds every entry of a run until its manifest is written).
 */
const nestedTexts = new WeakMap<object, string>();

/** `value` as canonical JSON with 2 spaces per level, nested two levels deep (`outputs.<key>`, `runs.<id>`). */
function nestedJson(value: object): string {
  let text = nestedTexts.get(value);
  if (text === undefined) {
    // JSON strings hold no raw line breaks, so each one starts a line to indent. Split and joined, not
    // `replace(/\n/g, …)`: V8 kept about three times the text's size for each replaced string (1.5 KB against 0.56 KB
    // for a 527-character entry), and a batch keeps one per output until its end.
    text = canonicalJson(JSON.parse(JSON.stringify(value)) as JsonValue, 2)
      .split('\n')
      .join('\n    ');
    nestedTexts.set(value, text);
  }
  return text;
}

/** A second-level object of the manifest from its members' sorted keys and nested texts (as `canonicalJson(…, 2)` writes it). */
function nestedObject(members: readonly (readonly [key: string, text: string])[]): string {
  if (members.length === 0) return '{}';
  return `{\n${members.map(([k, text]) => `    ${JSON.stringify(k)}: ${text}`).join(',\n')}\n  }`;
}

function byKey(a: readonly [string, unknown], b: readonly [string, unknown]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

/**
 * Deterministic JSON of the manifest (only the runs its entries use): `canonicalJson(…, 2)` of the whole,
 * put together from each entry's text (output keys hold a `/` and run ids are 64 hex digits, so no key is an
 * array index, which JSON objects would list first).
 */
export function serializeLibraryManifest(m: LibraryManifest): string {
  const outputs: [string, string][] = [];
  const runs = new Map<string, string>();
  for (const [k, e] of m.outputs) {
    outputs.push([k, nestedJson(e)]);
    const s = m.runs.get(e.run);
    if (s && !runs.has(e.run)) runs.set(e.run, nestedJson(s));
  }
  const members = [
    `  "format": ${JSON.stringify(FORMAT)}`,
    `  "outputs": ${nestedObject(outputs.sort(byKey))}`,
    `  "runs": ${nestedObject([...runs].sort(byKey))}`,
  ];
  return `{\n${members.join(',\n')}\n}\n`;
}

/** Writes the manifest atomically, unless the file already holds exactly these bytes. */
export function writeLibraryManifest(outDir: string, m: LibraryManifest): void {
  const text = serializeLibraryManifest(m);
  const file = path.join(outDir, LIBRARY_MANIFEST);
  try {
    const raw = readRegularFile(file, MAX_LIBRARY_MANIFEST_BYTES);
    if (raw.ok && raw.data.toString('utf8') === text) return;
  } catch {
    // absent: write it
  }
  writeFileAtomic(file, Buffer.from(text, 'utf8'));
}
