/**
 * The fingerprint of a build run: everything besides the files a build reads
 * through its World that can change the bytes of a handout. Per-guide inputs
 * (guide, clinic.yaml, logo, clinic fonts, images) are recorded by {@link recordingWorld};
 * this covers the rest:
 *
 * - the software: handoutkit's version, a digest of its code (`src/` and
 *   `dist/`), the versions of its runtime dependencies, Node's version and
 *   its ICU/Unicode data (dates, segmentation);
 * - the bundled resources: `templates/**` and `locales/*.json` hashed by
 *   content (SHA-256 of every file) — when the package is built
 *   (`dist/asset-stamps.json`, trusted while every file keeps its size and
 *   modification time; see `asset-stamps.ts`), else once per process — and
 *   `fonts/**` by each font's size and table directory (`font-digest.ts`: the
 *   offsets, lengths and checksums of its tables, a few hundred bytes a font);
 * - the run: its resolved `Settings` (`src/settings.ts`) — the clinic
 *   profile's path and its `templates/` override folder (hashed by content),
 *   paper, PDF/A, fillable, translation policy, the limits that decide
 *   whether a handout builds (not the time budget) and `SOURCE_DATE_EPOCH`;
 *   {@link settingsFingerprint} lists every field, so none can be missed.
 *
 * Fill-in values never take part: fill builds are never incremental.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { packageDir } from '../package-dir.js';
import { bundledFontsDir } from '../layout/fonts/fonts-dir.js';
import { resolveSettings, type Settings } from '../settings.js';
import type { BuildInput } from '../build.js';
import { hashTree, portableRelative, sha256 } from './hash.js';
import { fontFolderDigest } from './font-digest.js';
import { FONT_STAMP_FILE } from '../layout/fonts/font-stamps.js';
import { STAMP_FILE, folderDigest, prefetchListings, readStamps, stampFolder, type AssetStamps } from './asset-stamps.js';
import { canonicalJson, type JsonValue } from './canonical-json.js';

/** The options of a build, without its guide: all of them count, except fill-in values and `recordInputs`. */
export type RunOptions = Omit<BuildInput, 'guide' | 'world' | 'fonts'>;

/** A run's settings (readable, stored in the manifest) and their digest. */
export interface RunFingerprint {
  readonly id: string;
  readonly settings: { readonly [key: string]: JsonValue };
}

let environment: { readonly [key: string]: JsonValue } | undefined;

/** A package's own `package.json` (ours or a dependency's): no user input, so read outside the World. */
function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** Installed version of a dependency, looked up in `node_modules` from the package folder upwards. */
function installedVersion(name: string, from: string): string | null {
  let dir = from;
  for (let i = 0; i < 8; i++) {
    const file = path.join(dir, 'node_modules', name, 'package.json');
    if (existsSync(file)) {
      const v = (readJson(file) as { version?: unknown } | undefined)?.version;
      return typeof v === 'string' ? v : null;
    }
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return null;
}

/** A bundled folder that takes part in the fingerprint. */
interface BundledFolder {
  readonly name: 'src' | 'dist' | 'templates' | 'locales' | 'fonts';
  readonly dir: string;
  readonly skip?: (rel: string) => boolean;
}

/** The bundled folders, hashed by content (the stamp file itself is no input). */
function bundledFolders(root: string): BundledFolder[] {
  return [
    { name: 'src', dir: path.join(root, 'src') },
    // the stamps are written after the rest of dist/ (the fonts' stamp is derived from fonts/, fingerprinted apart)
    { name: 'dist', dir: path.join(root, 'dist'), skip: (rel) => rel === STAMP_FILE || rel === FONT_STAMP_FILE },
    { name: 'templates', dir: path.join(root, 'templates') },
    { name: 'locales', dir: path.join(root, 'locales') },
    { name: 'fonts', dir: bundledFontsDir() },
  ];
}

/**
 * The bundled resource folders (`templates/`, `locales/`, `fonts/`) that {@link environmentFingerprint}
 * hashes by content: reads from them are covered by the run fingerprint, not recorded per build.
 */
export function bundledResourceDirs(root: string = packageDir()): string[] {
  return bundledFolders(root)
    .filter((f) => f.name === 'templates' || f.name === 'locales' || f.name === 'fonts')
    .map((f) => f.dir);
}

/** Path of the stamp file of the package at `root`. */
export function stampPath(root: string = packageDir()): string {
  return path.join(root, 'dist', STAMP_FILE);
}

/** Hashes every bundled folder and writes `dist/asset-stamps.json` (run by the package's build script). */
export function writeAssetStamps(root: string = packageDir()): AssetStamps {
  const folders: Record<string, ReturnType<typeof stampFolder>> = {};
  // the fonts need no stamp: their digest reads only each font's table directory (font-digest.ts)
  for (const f of bundledFolders(root)) if (f.name !== 'fonts') folders[f.name] = stampFolder(f.dir, f.skip);
  const stamps: AssetStamps = { version: 1, folders };
  writeFileSync(stampPath(root), JSON.stringify(stamps) + '\n');
  return stamps;
}

/** The software and bundled resources (once per process; folders from the build-time stamp when it still holds). */
export function environmentFingerprint(): { readonly [key: string]: JsonValue } {
  if (environment) return environment;
  const root = packageDir();
  const pkg = (readJson(path.join(root, 'package.json')) ?? {}) as { version?: string; dependencies?: Record<string, string> };
  const dependencies: Record<string, string | null> = {};
  for (const name of Object.keys(pkg.dependencies ?? {}).sort()) dependencies[name] = installedVersion(name, root);
  const stamps = readStamps(stampPath(root));
  const digest: Partial<Record<BundledFolder['name'], string | null>> = {};
  for (const f of bundledFolders(root)) {
    digest[f.name] = f.name === 'fonts' ? fontFolderDigest(f.dir) : folderDigest(stamps, f.name, f.dir, f.skip);
  }
  environment = {
    handoutkit: pkg.version ?? null,
    code: sha256(`${digest.src ?? '-'}\0${digest.dist ?? '-'}`),
    dependencies,
    node: process.versions.node,
    icu: process.versions.icu ?? null,
    unicode: process.versions.unicode ?? null,
    templates: digest.templates ?? null,
    locales: digest.locales ?? null,
    fonts: digest.fonts ?? null,
  };
  return environment;
}

/**
 * Lists the folders {@link environmentFingerprint} checks against their stamps ahead, on Node's I/O threads (see
 * `prefetchListings`); the fingerprint itself is then worked out as before. Does nothing once it is known.
 */
export async function prefetchEnvironmentFingerprint(): Promise<void> {
  if (environment) return;
  const root = packageDir();
  await prefetchListings(bundledFolders(root).map((f) => f.dir));
}

/** Forgets the per-process environment fingerprint (tests). */
export function resetEnvironmentFingerprint(): void {
  environment = undefined;
}

/**
 * How each {@link Settings} field enters the fingerprint: a mapped type over every key, so a new
 * setting does not compile until it is listed here (`undefined` leaves it out, with the reason).
 */
const FINGERPRINTED: { readonly [K in keyof Settings]-?: (value: Settings[K], manifestDir: string) => JsonValue | undefined } = {
  clinic: (file, dir) => portableRelative(dir, path.resolve(file)),
  // the clinic's template overrides, by content (null: none)
  // confined to the clinic folder: a link out is recorded by name, never followed (the build refuses it); loops hashed once
  templateDirs: (dirs) => (dirs.length === 0 ? null : dirs.map((d) => hashTree(d, path.dirname(d)))),
  paper: (v) => v,
  archival: (v) => v,
  fillable: (v) => v,
  translations: (v) => v,
  patientLanguage: () => undefined, // derived from the guide's file name and `translations`
  sourceDateEpoch: (v) => v,
  fill: () => undefined, // personal data; fill builds are never incremental
  unusedFill: (v) => v, // set to `ignore` only with fill-in values, and fill builds are never incremental
  limits: ({ timeBudgetMs: _time, ...limits }) => ({ ...limits }), // the time budget never changes the bytes
  template: (v) => v,
  largePrint: (v) => v,
};

/** The fingerprinted form of `settings` (paths relative to `manifestDir`, never fill-in values). */
export function settingsFingerprint(settings: Settings, manifestDir: string): { [key: string]: JsonValue } {
  const out: { [key: string]: JsonValue } = {};
  for (const key of Object.keys(FINGERPRINTED) as (keyof Settings)[]) {
    const fingerprint = FINGERPRINTED[key] as (value: Settings[keyof Settings], dir: string) => JsonValue | undefined;
    const v = fingerprint(settings[key], manifestDir);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/**
 * The fingerprint of a run whose manifest lives in `manifestDir` (the clinic
 * path is stored relative to it): the environment and the run's resolved {@link Settings}.
 */
export function runFingerprint(options: RunOptions, manifestDir: string): RunFingerprint {
  const settings: { [key: string]: JsonValue } = {
    ...environmentFingerprint(),
    settings: settingsFingerprint(resolveSettings(options), manifestDir),
    // error-level `handout check` rules the build enforces (absent unless handout.config.yaml sets some)
    ...(options.checks ? { checks: JSON.parse(JSON.stringify(options.checks)) as JsonValue } : {}),
  };
  return { id: sha256(canonicalJson(settings)), settings };
}
