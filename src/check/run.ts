/**
 * Runs the content checks on a guide file (used by `handout check` and, for error-level rules, by
 * the build) and on a clinic profile.
 */
import { existsSync } from 'node:fs';
import { nodeWorld, readFileText } from '../world.js';
import path from 'node:path';
import { Diagnostics, type Diagnostic } from '../diagnostics.js';
import type { Brand } from '../types/brand.js';
import type { GuideMeta } from '../types/document.js';
import { parse } from '../parse/parse.js';
import { SOURCE_LANG, langOfFile, sourceGuideOf } from '../i18n/translation-status.js';
import { checkGuide, type ReadabilityReport } from './check-guide.js';
import type { CheckConfig } from './config.js';
import { colorContrast } from './hygiene.js';
import { RuleSink } from './sink.js';

/** Result of {@link checkGuideFile}: nothing when the guide does not parse (the build reports why). */
export interface GuideFileCheck {
  readonly meta: GuideMeta;
  readonly diagnostics: readonly Diagnostic[];
  readonly readability: ReadabilityReport;
}

/** Checks the guide `file` whose text is `source` (its source-language guide is read for a translation). */
export async function checkGuideFile(
  file: string,
  source: string,
  config: CheckConfig,
  today: Date,
  brand?: Brand,
): Promise<GuideFileCheck | undefined> {
  const parsed = parse(file, source, new Diagnostics()); // parse problems are the build's to report
  if (!parsed) return undefined;
  let sourceGuide: { file: string; root: typeof parsed.root } | undefined;
  const abs = path.resolve(file);
  if (langOfFile(abs) !== SOURCE_LANG && path.basename(path.dirname(path.dirname(abs))) === 'guides' && existsSync(sourceGuideOf(abs))) {
    const srcFile = sourceGuideOf(abs);
    const read = readFileText(nodeWorld, srcFile); // regular files only
    const srcText = read.ok ? read.text : undefined;
    const src = srcText === undefined ? undefined : parse(srcFile, srcText, new Diagnostics());
    if (src) sourceGuide = { file: path.join(path.dirname(file), path.basename(srcFile)), root: src.root };
  }
  const r = await checkGuide({
    file,
    source,
    root: parsed.root,
    meta: parsed.meta,
    config,
    today,
    ...(brand ? { brand } : {}),
    ...(sourceGuide ? { sourceGuide } : {}),
  });
  return { meta: parsed.meta, ...r };
}

/** Checks a loaded clinic profile (colour contrast). */
export function checkClinic(file: string, brand: Brand, config: CheckConfig): Diagnostic[] {
  const sink = new RuleSink(config.levels);
  const read = readFileText(nodeWorld, file); // regular files only
  const text = read.ok ? read.text : ''; // else positions fall back to 1:1
  colorContrast(file, text, brand, sink);
  return sink.list;
}
