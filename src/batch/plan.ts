/**
 * The plan of a `handout batch` run: every output path, decided before any
 * work starts (`<out>/<clinic-id>/<lang>/<guide-id>[.<variant>].pdf`). Two
 * outputs that would be written to the same path (compared case-insensitively,
 * as some file systems do) are an error naming both sources.
 */
import path from 'node:path';
import { type Diagnostics, fileStart } from '../diagnostics.js';
import { portableRelative } from '../incremental/hash.js';
import { BASE_VARIANT } from './config-schema.js';
import type { ClinicRef, GuideRef, LibraryConfig, Variant } from './config.js';
import type { BatchItem } from './types.js';
import type { TranslationPolicy } from '../i18n/translation-status.js';

/** One output of the library. */
export interface PlannedOutput {
  /** Path relative to the output folder, `/`-separated: the manifest key. */
  readonly key: string;
  /** Absolute path. */
  readonly target: string;
  readonly clinic: ClinicRef;
  readonly guide: GuideRef;
  readonly lang: string;
  readonly variant: Variant;
  readonly policy: TranslationPolicy;
  /** What the worker builds. */
  readonly item: BatchItem;
}

/** The output file name of a guide in a variant. */
export function outputName(guideId: string, variant: string): string {
  return variant === BASE_VARIANT ? `${guideId}.pdf` : `${guideId}.${variant}.pdf`;
}

/** Why two outputs meet: the same guide id in two folders, or the same clinic id in two folders. */
function clash(a: PlannedOutput, b: PlannedOutput, base: string): string {
  const rel = (p: string): string => `\`${portableRelative(base, p)}\``;
  if (a.guide.dir !== b.guide.dir) return `guide folders ${rel(a.guide.dir)} and ${rel(b.guide.dir)} both have id \`${b.guide.id}\``;
  return `clinic profiles ${rel(a.clinic.file)} and ${rel(b.clinic.file)} both have id \`${b.clinic.id}\``;
}

/** Every output of the config, in a stable order (clinic, language, guide, variant); collisions go to `diags`. */
export function planLibrary(config: LibraryConfig, diags: Diagnostics): PlannedOutput[] {
  const out: PlannedOutput[] = [];
  const seen = new Map<string, PlannedOutput>();
  for (const clinic of config.clinics) {
    const s = config.settings.get(clinic.id)!;
    for (const lang of s.languages) {
      for (const guide of s.guides) {
        for (const variant of s.variants) {
          const key = [clinic.id, lang, outputName(guide.id, variant.name)].join('/');
          const v = variant.settings;
          const planned: PlannedOutput = {
            key,
            target: path.join(config.outDir, ...key.split('/')),
            clinic,
            guide,
            lang,
            variant,
            policy: s.translations,
            item: {
              guide: path.join(guide.dir, `${lang}.md`),
              clinic: clinic.file,
              translations: s.translations,
              recordInputs: true,
              ...(v.paper ? { paper: v.paper } : {}),
              ...(v.archival ? { archival: true } : {}),
              ...(v.fillable ? { fillable: true } : {}),
              ...(v.template ? { template: v.template } : {}),
              ...(v.largePrint ? { largePrint: true } : {}),
            },
          };
          const folded = key.toLowerCase();
          const first = seen.get(folded);
          if (first) {
            const place = first.guide.dir !== guide.dir ? guide.idPlace : fileStart(clinic.file);
            diags.error(
              place,
              `two outputs would be written to \`${portableRelative(config.base, planned.target)}\` (language \`${lang}\`, ` +
                `variant \`${variant.name}\`): ${clash(first, planned, config.base)}; give each its own id`,
              'output-collision',
            );
            continue;
          }
          seen.set(folded, planned);
          out.push(planned);
        }
      }
    }
  }
  return out;
}
