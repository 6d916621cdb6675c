/**
 * The build manifest of an output folder (`<out-dir>/.handout-manifest.json`):
 * for each output file, the guide it was built from, the run fingerprint, the
 * SHA-256 of every input the build read, the SHA-256 of the output itself and
 * the warnings to repeat when it is skipped. Paths are relative to the folder
 * (`/` separators); keys are sorted, so the file is deterministic. A manifest
 * that does not parse or does not match the schema is treated as empty.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as z from 'zod';
import type { Diagnostic } from '../diagnostics.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { canonicalJson, type JsonValue } from './canonical-json.js';

/** File name of the manifest inside an output folder. */
export const MANIFEST_NAME = '.handout-manifest.json';

const FORMAT = 'handoutkit-manifest/1';

const hash = z.string().regex(/^[0-9a-f]{64}$/);

const entrySchema = z.strictObject({
  guide: z.string(),
  naming: z.enum(['auto', 'explicit']),
  run: hash,
  inputs: z.record(z.string(), hash.nullable()),
  output: hash,
  warnings: z.array(
    z.strictObject({
      file: z.string(),
      line: z.number().int(),
      column: z.number().int(),
      severity: z.enum(['error', 'warning']),
      message: z.string(),
      ruleId: z.string(),
    }),
  ),
});

const manifestSchema = z.strictObject({
  format: z.literal(FORMAT),
  outputs: z.record(z.string(), entrySchema),
  runs: z.record(z.string(), z.record(z.string(), z.json())),
});

/** How the output was named: from the guide (`<id>.<lang>.pdf`, `--out-dir`) or by `-o`. */
export type Naming = 'auto' | 'explicit';

/** What one output file was built from. */
export interface ManifestEntry {
  /** The guide as requested, relative to the manifest's folder. */
  readonly guide: string;
  readonly naming: Naming;
  /** Id of the run fingerprint (a key of {@link Manifest.runs}). */
  readonly run: string;
  /** Relative path → SHA-256 of the bytes read (null: looked for, absent). */
  readonly inputs: Readonly<Record<string, string | null>>;
  /** SHA-256 of the output file as written. */
  readonly output: string;
  /** Warnings of the build (files relative to the manifest's folder), repeated when it is skipped. */
  readonly warnings: readonly Diagnostic[];
}

/** A manifest in memory; outputs are keyed by file name relative to the folder. */
export interface Manifest {
  readonly outputs: Map<string, ManifestEntry>;
  readonly runs: Map<string, { readonly [key: string]: JsonValue }>;
}

/** An empty manifest. */
export function emptyManifest(): Manifest {
  return { outputs: new Map(), runs: new Map() };
}

/** Reads the manifest of `dir`; an absent, unreadable or malformed one gives an empty manifest (never throws). */
export function readManifest(dir: string): Manifest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path.join(dir, MANIFEST_NAME), 'utf8'));
  } catch {
    return emptyManifest();
  }
  const checked = manifestSchema.safeParse(parsed);
  if (!checked.success) return emptyManifest();
  const m = emptyManifest();
  for (const [name, entry] of Object.entries(checked.data.outputs)) m.outputs.set(name, entry);
  for (const [id, settings] of Object.entries(checked.data.runs)) m.runs.set(id, settings);
  return m;
}

/** The manifest as deterministic JSON (sorted keys, only the runs still referenced). */
export function serializeManifest(m: Manifest): string {
  const outputs = Object.create(null) as Record<string, JsonValue>;
  const runs = Object.create(null) as Record<string, JsonValue>;
  for (const [name, e] of m.outputs) {
    outputs[name] = { guide: e.guide, naming: e.naming, run: e.run, inputs: { ...e.inputs }, output: e.output, warnings: e.warnings.map((d) => ({ ...d })) };
    const settings = m.runs.get(e.run);
    if (settings) runs[e.run] = settings;
  }
  return canonicalJson({ format: FORMAT, outputs, runs }, 2) + '\n';
}

/** Writes the manifest of `dir` atomically. */
export function writeManifest(dir: string, m: Manifest): void {
  writeFileAtomic(path.join(dir, MANIFEST_NAME), Buffer.from(serializeManifest(m), 'utf8'));
}
