/**
 * Translation status of a guide: `content/guides/<id>/<lang>.md` per
 * language. A translation declares `translatedFrom: { version: N }`; it is
 * stale when the source-language guide's `version` is newer, and missing when
 * a language the clinic serves has no file.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Diagnostics, fileStart, type SourcePlace } from '../diagnostics.js';
import type { Root } from 'mdast';
import { readFrontMatter } from '../parse/front-matter.js';
import { LineIndex } from '../parse/line-index.js';
import type { GuideMeta } from '../types/document.js';
import { nodeWorld, readFileText, type World } from '../world.js';

import type { TranslationPolicy } from '../settings.js';
import { SOURCE_LANG } from './guide-files.js';

export { SOURCE_LANG, langOfFile, sourceGuideOf } from './guide-files.js';

export type { TranslationPolicy } from '../settings.js';

/** The allowed policies, for option parsing and messages. */
export const TRANSLATION_POLICIES: readonly TranslationPolicy[] = ['error', 'fallback'];

/** Status of one language of a guide. */
export type TranslationState =
  | { readonly lang: string; readonly state: 'source'; readonly file: string; readonly version: number }
  | { readonly lang: string; readonly state: 'current'; readonly file: string; readonly translatedFrom: number }
  | {
      readonly lang: string;
      readonly state: 'stale';
      readonly file: string;
      readonly translatedFrom: number | null;
      readonly sourceVersion: number;
    }
  | { readonly lang: string; readonly state: 'missing'; readonly file: string; readonly sourceVersion: number };

const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?---[ \t]*(?:\r?\n|$)/;

/** The leading front matter block of a guide (`---` … `---` and its line end), or '' when there is none. */
export function frontMatterBlock(source: string): string {
  const m = FRONT_MATTER.exec(source);
  return m ? m[0] : '';
}

/**
 * The tree the Markdown parser makes of a front matter block alone (a `yaml` node holding the lines between the
 * fences), made without loading the parser: reading a guide's front matter is all the CLI thread does with a guide.
 */
export function frontMatterTree(block: string): Root {
  const m = FRONT_MATTER.exec(block);
  if (!m) return { type: 'root', children: [] };
  const start = { line: 1, column: 1, offset: 0 };
  const end = { line: 1, column: 1, offset: m[0].length };
  return { type: 'root', children: [{ type: 'yaml', value: m[1] ?? '', position: { start, end } }] };
}

/**
 * Front matter of a guide file (read through `world`, so incremental builds record it), or
 * undefined when it is missing or does not validate. Only the front matter is parsed, never the body.
 */
export function readGuideMeta(file: string, world: World = nodeWorld): GuideMeta | undefined {
  const text = readFileText(world, file); // a file that is not UTF-8 is reported when it is built
  return text.ok ? guideMetaOf(file, text.text) : undefined;
}

/** The validated front matter of a guide's text (only the front matter, without the Markdown parser), or undefined. */
export function guideMetaOf(file: string, source: string): GuideMeta | undefined {
  const block = frontMatterBlock(source);
  return readFrontMatter(file, block, frontMatterTree(block), new LineIndex(block), new Diagnostics());
}

/** Status of one language of the guide whose folder is `dir` (its front matter read through `world`). */
export function translationState(dir: string, lang: string, sourceVersion: number, world: World = nodeWorld): TranslationState {
  const file = path.join(dir, `${lang}.md`);
  if (lang === SOURCE_LANG) return { lang, state: 'source', file, version: sourceVersion };
  const read = readFileText(world, file);
  if (!read.ok && read.reason === 'not-found') return { lang, state: 'missing', file, sourceVersion };
  const meta = read.ok ? guideMetaOf(file, read.text) : undefined;
  const from = meta?.translatedFrom?.version ?? null;
  if (from === null || from < sourceVersion) return { lang, state: 'stale', file, translatedFrom: from, sourceVersion };
  return { lang, state: 'current', file, translatedFrom: from };
}

/**
 * Status of every language of a guide folder: the files present plus the
 * clinic's `locales` (missing when absent). Languages sorted, source first.
 */
export function translationReport(dir: string, locales: readonly string[] = []): TranslationState[] {
  const source = readGuideMeta(path.join(dir, `${SOURCE_LANG}.md`));
  const sourceVersion = source?.version ?? 1;
  const langs = new Set<string>(locales);
  if (existsSync(dir)) for (const f of readdirSafe(dir)) if (f.endsWith('.md')) langs.add(f.slice(0, -3));
  langs.add(SOURCE_LANG);
  return [...langs]
    .sort((a, b) => (a === SOURCE_LANG ? -1 : b === SOURCE_LANG ? 1 : a.localeCompare(b)))
    .map((l) => translationState(dir, l, sourceVersion));
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

/** The place of the `translatedFrom` key in a guide's front matter, else the file's start. */
export function translatedFromPlace(file: string, world: World = nodeWorld): SourcePlace {
  return frontMatterKeyPlace(file, 'translatedFrom', world);
}

/** The place of a top-level `key` in a guide's front matter, else the file's start. */
export function frontMatterKeyPlace(file: string, key: string, world: World = nodeWorld): SourcePlace {
  const read = readFileText(world, file);
  if (!read.ok) return fileStart(file);
  const lines = read.text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trim() === '---') {
    for (let i = 1; i < lines.length && lines[i]!.trim() !== '---'; i++) {
      const m = new RegExp(`^(\\s*)${key}\\s*:`).exec(lines[i]!);
      if (m) return { file, line: i + 1, column: m[1]!.length + 1 };
    }
  }
  return fileStart(file);
}

/**
 * Records a diagnostic for a missing or stale translation: an error under `error`, a warning under `fallback` or
 * `warn`; nothing for current ones.
 */
export function reportTranslation(
  s: TranslationState,
  policy: TranslationPolicy | 'warn',
  diags: Diagnostics,
  world: World = nodeWorld,
): void {
  // a stale translation is reported at its `translatedFrom` line, by `build` and `check` alike
  const place: SourcePlace = s.state === 'stale' ? translatedFromPlace(s.file, world) : fileStart(s.file);
  const record = (msg: string, rule: string): void => {
    if (policy === 'error') diags.error(place, msg, rule);
    else diags.warning(place, msg, rule);
  };
  // the --translations fallback hint only when that policy is not already in use
  const orFallback = policy === 'fallback' ? '' : ', or build with --translations fallback';
  const then = policy !== 'fallback' ? '' : `; building the ${SOURCE_LANG} handout with an interpreter notice in \`${s.lang}\` instead`;
  if (s.state === 'missing') {
    record(
      `no \`${s.lang}\` translation of this guide (expected ${path.basename(s.file)} next to ${SOURCE_LANG}.md)${then}; ` +
        `translate it${orFallback}`,
      'translation-missing',
    );
  } else if (s.state === 'stale') {
    const from = s.translatedFrom === null ? 'has no `translatedFrom: { version: N }`' : `was translated from version ${s.translatedFrom}`;
    record(
      `the \`${s.lang}\` translation ${from} but the ${SOURCE_LANG} guide is at version ${s.sourceVersion}${then}; update the ` +
        `translation and set \`translatedFrom: { version: ${s.sourceVersion} }\`${orFallback}`,
      'translation-stale',
    );
  }
}
