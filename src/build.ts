/**
 * `buildHandout`: the library entry for one guide. Reads the guide and the
 * clinic profile (through a confined World), runs the pipeline, and returns
 * PDF bytes with every diagnostic.
 */
import path from 'node:path';
import { existsSync } from 'node:fs';
import { Diagnostics, type Diagnostic } from './diagnostics.js';
import type { Brand, PaperName } from './types/brand.js';
import type { GuideMeta } from './types/document.js';
import { nodeWorld, DEFAULT_MAX_FILE_BYTES, type World } from './world.js';
import { sharedFontBook, type FontBook } from './layout/fonts/font-book.js';
import { loadClinic } from './brand/load-clinic.js';
import { runPipeline } from './pipeline.js';
import { packageDir } from './package-dir.js';

/** Input of {@link buildHandout}. */
export interface BuildInput {
  /** Path of the guide (`content/guides/<id>/<lang>.md`). */
  readonly guide: string;
  /** Path of the clinic profile; defaults to the bundled sample clinic. */
  readonly clinic?: string;
  /** Overrides the clinic's paper size. */
  readonly paper?: PaperName;
  /** PDF/A-2a (archival) output. */
  readonly archival?: boolean;
  /** File access (tests pass a fake). */
  readonly world?: World;
  /** Fonts (defaults to the bundled, process-wide book). */
  readonly fonts?: FontBook;
  /** Largest guide file in bytes. */
  readonly maxFileBytes?: number;
  readonly maxPages?: number;
}

/** Result of {@link buildHandout}: bytes only when there was no error. */
export interface BuildResult {
  readonly pdf?: Buffer;
  readonly diagnostics: readonly Diagnostic[];
  readonly meta?: GuideMeta;
  readonly pages?: number;
  /** Page breaks that broke a keep rule (quality figure; should be 0). */
  readonly breakViolations?: number;
}

/** The bundled sample clinic profile. */
export function sampleClinicPath(): string {
  return path.join(packageDir(), 'content', 'clinics', 'example-community', 'clinic.yaml');
}

/** The content root of a guide: the folder holding `guides/`, or the guide's own folder. */
export function contentRootOf(guide: string): string {
  const dir = path.dirname(path.resolve(guide));
  const parent = path.dirname(dir);
  return path.basename(parent) === 'guides' ? path.dirname(parent) : dir;
}

const clinicCache = new Map<string, Promise<{ brand?: Brand; diagnostics: readonly Diagnostic[] }>>();

async function clinicFor(file: string, world: World): Promise<{ brand?: Brand; diagnostics: readonly Diagnostic[] }> {
  const key = path.resolve(file);
  let p = clinicCache.get(key);
  if (!p) {
    p = (async () => {
      const diags = new Diagnostics();
      const brand = await loadClinic(file, diags, world);
      return brand && !diags.hasErrors ? { brand, diagnostics: diags.list } : { diagnostics: diags.list };
    })();
    if (world === nodeWorld) clinicCache.set(key, p);
  }
  return p;
}

/** The creation date: SOURCE_DATE_EPOCH, else the guide's review date, else a fixed date. Never the clock. */
export function pinnedDate(meta: GuideMeta): Date {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  if (meta.reviewed) return new Date(`${meta.reviewed}T00:00:00Z`);
  return new Date('2000-01-01T00:00:00Z');
}

/** Builds one handout. Never throws on bad content: problems are diagnostics. */
export async function buildHandout(input: BuildInput): Promise<BuildResult> {
  const world = input.world ?? nodeWorld;
  const diags = new Diagnostics();
  const clinicFile = input.clinic ?? sampleClinicPath();
  const clinic = await clinicFor(clinicFile, world);
  diags.list.push(...clinic.diagnostics);
  if (!clinic.brand) return { diagnostics: diags.list };

  const guidePath = path.resolve(input.guide);
  const read = world.read(path.basename(guidePath), path.dirname(guidePath), [path.dirname(guidePath)], input.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
  if (!read.ok) {
    const rule = read.reason === 'too-large' ? 'guide-too-large' : 'guide-not-found';
    diags.error({ file: input.guide, line: 1, column: 1 }, read.reason === 'too-large' ? `guide is too large: ${read.detail}` : `cannot read the guide: ${read.detail}`, rule);
    return { diagnostics: diags.list };
  }
  const contentRoot = contentRootOf(guidePath);
  const clinicTemplates = path.join(path.dirname(path.resolve(clinicFile)), 'templates');
  const out = await runPipeline(
    {
      file: input.guide,
      source: read.data.toString('utf8'),
      brand: clinic.brand,
      ...(input.paper ? { paper: input.paper } : {}),
      world,
      roots: [path.dirname(guidePath), contentRoot],
      fonts: input.fonts ?? sharedFontBook(),
      created: pinnedDate,
      templateDirs: existsSync(clinicTemplates) ? [clinicTemplates] : [],
      archival: input.archival ?? false,
      ...(input.maxPages ? { maxPages: input.maxPages } : {}),
    },
    diags,
  );
  if (diags.hasErrors || !out.pdf) return { diagnostics: diags.list, ...(out.meta ? { meta: out.meta } : {}) };
  return { pdf: out.pdf, diagnostics: diags.list, ...(out.meta ? { meta: out.meta } : {}), ...(out.pages ? { pages: out.pages } : {}), breakViolations: out.breakViolations ?? 0 };
}
