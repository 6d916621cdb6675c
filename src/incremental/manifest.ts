/**
 * The build manifest of an output folder (`<out-dir>/.handout-manifest.json`):
 * for each output file, the guide it was built from, the run fingerprint, the
 * SHA-256 of every input the build read, the SHA-256 of the output itself and
 * the warnings to repeat when it is skipped. Paths are relative to the folder
 * (`/` separators); keys are sorted, so the file is deterministic. A manifest
 * that does not parse or does not match the schema is treated as empty.
 */
import path from 'node:path';
import * as z from 'zod';
import type { Diagnostic } from '../diagnostics.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { readRegularFile } from '../io/read-regular.js';
import { canonicalJson, type JsonValue } from './canonical-json.js';

/** File name of the manifest inside an output folder. */
export const MANIFEST_NAME = '.handout-manifest.json';

const FORMAT = 'handoutkit-manifest/1';

const hash = z.string().regex(/^[0-9a-f]{64}$/);

/** Largest manifest read (bytes); a bigger one is ignored with a warning. */
export const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;
/** Deepest JSON nesting accepted in a manifest (ours is at most 6 deep). */
const MAX_DEPTH = 32;

const entrySchema = z.strictObject({
  guide: z.string().max(4096),
  naming: z.enum(['auto', 'explicit']),
  run: hash,
  inputs: z.record(z.string().max(4096), hash.nullable()),
  output: hash,
  warnings: z
    .array(
      z.strictObject({
        file: z.string().max(4096),
        line: z.number().int(),
        column: z.number().int(),
        severity: z.enum(['error', 'warning']),
        message: z.string().max(100_000),
        ruleId: z.string().max(200),
        hint: z.string().max(100_000).optional(),
      }),
    )
    .max(10_000),
});

const settingsSchema = z.record(z.string(), z.json());

const manifestSchema = z.strictObject({
  format: z.literal(FORMAT),
  outputs: z.record(z.string(), z.unknown()),
  runs: z.record(z.string(), z.unknown()),
});

/** An output name is a plain file name in the manifest's folder: never a path out of it. */
function isOwnName(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && !/[/\\\0]/.test(name);
}

/** Whether `value` nests deeper than `limit` (checked without recursion). */
function tooDeep(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d >= limit) return true;
    for (const child of Object.values(v as Record<string, unknown>)) stack.push([child, d + 1]);
  }
  return false;
}

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

/** A manifest as read, with what was wrong with the file (one line each; empty when nothing). */
export interface ReadManifest {
  readonly manifest: Manifest;
  readonly problems: readonly string[];
}

/**
 * Reads the manifest of `dir` (never throws). An absent one is empty. One
 * that is too large, not a regular file, not JSON, too deeply nested or not
 * in our format is ignored as a whole; an entry of the wrong shape, or whose
 * output name points out of the folder (`../../victim.pdf`), is ignored by
 * itself. Each case adds one line to `problems`.
 */
export function readManifest(dir: string): ReadManifest {
  const file = path.join(dir, MANIFEST_NAME);
  const ignored = (why: string): ReadManifest => ({
    manifest: emptyManifest(),
    problems: [`the build manifest \`${file}\` ${why}; it was ignored and every handout is rebuilt`],
  });
  const read = readRegularFile(file, MAX_MANIFEST_BYTES);
  if (!read.ok)
    return read.reason === 'not-found'
      ? { manifest: emptyManifest(), problems: [] }
      : ignored(read.reason === 'too-large' ? `is larger than ${MAX_MANIFEST_BYTES} bytes` : 'is not a regular file');
  let parsed: unknown;
  try {
    parsed = JSON.parse(read.data.toString('utf8'));
  } catch {
    return ignored('is not valid JSON');
  }
  if (tooDeep(parsed, MAX_DEPTH)) return ignored(`nests deeper than ${MAX_DEPTH} levels`);
  const checked = manifestSchema.safeParse(parsed);
  if (!checked.success) return ignored('is not a handoutkit manifest of this version');
  const m = emptyManifest();
  let dropped = 0;
  for (const [name, raw] of Object.entries(checked.data.outputs)) {
    const entry = entrySchema.safeParse(raw);
    if (entry.success && isOwnName(name)) m.outputs.set(name, entry.data);
    else dropped++;
  }
  for (const [id, raw] of Object.entries(checked.data.runs)) {
    const settings = settingsSchema.safeParse(raw);
    if (settings.success && hash.safeParse(id).success) m.runs.set(id, settings.data);
    else dropped++;
  }
  const problems =
    dropped > 0
      ? [
          `the build manifest \`${file}\` has ${dropped} entr${dropped === 1 ? 'y' : 'ies'} of the wrong shape or naming a ` +
            `file outside its folder; they were ignored`,
        ]
      : [];
  return { manifest: m, problems };
}

/** The manifest as deterministic JSON (sorted keys, only the runs still referenced). */
export function serializeManifest(m: Manifest): string {
  const outputs = Object.create(null) as Record<string, JsonValue>;
  const runs = Object.create(null) as Record<string, JsonValue>;
  for (const [name, e] of m.outputs) {
    outputs[name] = {
      guide: e.guide,
      naming: e.naming,
      run: e.run,
      inputs: { ...e.inputs },
      output: e.output,
      warnings: e.warnings.map((d) => ({ ...d })),
    };
    const settings = m.runs.get(e.run);
    if (settings) runs[e.run] = settings;
  }
  return canonicalJson({ format: FORMAT, outputs, runs }, 2) + '\n';
}

/** Writes the manifest of `dir` atomically. */
export function writeManifest(dir: string, m: Manifest): void {
  writeFileAtomic(path.join(dir, MANIFEST_NAME), Buffer.from(serializeManifest(m), 'utf8'));
}
