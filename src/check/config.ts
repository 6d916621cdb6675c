/**
 * The `check:` section of `handout.config.yaml`: thresholds and rule levels of `handout check`
 * (and of the build, which refuses guides failing an error-level rule). Other top-level keys
 * belong to other commands and are ignored here.
 */
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { fileStart, suggestion, type Diagnostic } from '../diagnostics.js';
import { DEFAULT_MAX_FILE_BYTES, textOf } from '../world.js';
import { readRegularFile } from '../io/read-regular.js';
import { lookup, placeOf, yamlToPlain } from '../brand/yaml-tree.js';
import { CHECK_RULES, CHECK_RULE_IDS, type CheckRuleId, type RuleLevel } from './rules.js';

/** The default config file name, looked for in the working folder. */
export const CONFIG_FILE = 'handout.config.yaml';

const level = z.enum(['off', 'note', 'warning', 'error']);

/** Schema of the `check:` section (every key optional). */
export const checkConfigSchema = z
  .object({
    maxGrade: z.number().positive().max(20).optional(),
    maxSentenceWords: z.number().int().positive().max(200).optional(),
    minEase: z
      .object({ es: z.number().min(0).max(100).optional(), fr: z.number().min(0).max(100).optional() })
      .strict()
      .optional(),
    hardestSentences: z.number().int().min(0).max(50).optional(),
    reviewDueNoticeDays: z.number().int().min(0).max(365).optional(),
    enforceInBuild: z.boolean().optional(),
    rules: z.partialRecord(z.enum(CHECK_RULE_IDS as [CheckRuleId, ...CheckRuleId[]]), level).optional(),
    jargon: z
      .record(z.string().regex(/^[a-z]{2,3}$/, 'a primary language subtag such as `en`'), z.record(z.string().min(1), z.string()))
      .optional(),
    ignoreJargon: z.array(z.string().min(1)).optional(),
  })
  .strict();

/** Resolved check settings (every default filled in). */
export interface CheckConfig {
  readonly maxGrade: number;
  readonly maxSentenceWords: number;
  readonly minEase: { readonly es: number; readonly fr: number };
  readonly hardestSentences: number;
  readonly reviewDueNoticeDays: number;
  /** The build runs the error-level rules too and writes no PDF when one fails. */
  readonly enforceInBuild: boolean;
  readonly levels: Readonly<Record<CheckRuleId, RuleLevel>>;
  /** Extra jargon per language: term → plain wording ('' for none known). */
  readonly jargon: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly ignoreJargon: readonly string[];
}

/** Defaults: AMA/NIH's grade 8 ceiling, 20-word sentences, INFLESZ "normal" (55) and Flesch "standard" (60). */
export const DEFAULT_CHECK_CONFIG: CheckConfig = Object.freeze({
  maxGrade: 8,
  maxSentenceWords: 20,
  minEase: { es: 55, fr: 60 },
  hardestSentences: 3,
  reviewDueNoticeDays: 30,
  enforceInBuild: true,
  levels: Object.fromEntries(CHECK_RULES.map((r) => [r.id, r.level])) as Record<CheckRuleId, RuleLevel>,
  jargon: {},
  ignoreJargon: [],
});

/** Result of {@link loadCheckConfig}. */
export interface LoadedCheckConfig {
  readonly config?: CheckConfig;
  readonly diagnostics: readonly Diagnostic[];
}

/** Resolves a parsed `check:` section over the defaults. */
export function resolveCheckConfig(section: z.infer<typeof checkConfigSchema> | undefined): CheckConfig {
  const s = section ?? {};
  return {
    maxGrade: s.maxGrade ?? DEFAULT_CHECK_CONFIG.maxGrade,
    maxSentenceWords: s.maxSentenceWords ?? DEFAULT_CHECK_CONFIG.maxSentenceWords,
    minEase: { ...DEFAULT_CHECK_CONFIG.minEase, ...s.minEase },
    hardestSentences: s.hardestSentences ?? DEFAULT_CHECK_CONFIG.hardestSentences,
    reviewDueNoticeDays: s.reviewDueNoticeDays ?? DEFAULT_CHECK_CONFIG.reviewDueNoticeDays,
    enforceInBuild: s.enforceInBuild ?? DEFAULT_CHECK_CONFIG.enforceInBuild,
    levels: { ...DEFAULT_CHECK_CONFIG.levels, ...s.rules },
    jargon: s.jargon ?? {},
    ignoreJargon: s.ignoreJargon ?? [],
  };
}

/**
 * Reads the `check:` section of a config file. A missing file gives the defaults when `required`
 * is false (the implicit `handout.config.yaml`); problems are positioned `[config-invalid]` errors.
 */
export function loadCheckConfig(file: string, required: boolean): LoadedCheckConfig {
  // regular files only (the read every World uses): a FIFO or device is refused, never read; a named config is not confined
  const raw = readRegularFile(file, DEFAULT_MAX_FILE_BYTES);
  if (!raw.ok && !required && raw.reason === 'not-found') return { config: DEFAULT_CHECK_CONFIG, diagnostics: [] };
  const read = raw.ok ? textOf(file, raw.data) : raw;
  if (!read.ok) {
    const at = 'line' in read ? { file, line: read.line, column: read.column } : fileStart(file);
    return {
      diagnostics: [{ ...at, severity: 'error', message: `cannot read the config file: ${read.detail}`, ruleId: 'config-invalid' }],
    };
  }
  const text = read.text;
  const lc = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter: lc, schema: 'core', prettyErrors: false, uniqueKeys: true });
  const diags: Diagnostic[] = [];
  const err = (place: { line: number; column: number }, message: string, hint?: string): void => {
    diags.push({ file, ...place, severity: 'error', message, ruleId: 'config-invalid', ...(hint === undefined ? {} : { hint }) });
  };
  for (const e of doc.errors) {
    const pos = e.linePos?.[0];
    err({ line: pos?.line ?? 1, column: pos?.col ?? 1 }, `YAML syntax: ${e.message.split('\n')[0]}`);
  }
  if (diags.length) return { diagnostics: diags };
  const plain = yamlToPlain(doc);
  for (const p of plain.problems) err(placeOf(file, lc, p.node), `not allowed in a config file: ${p.detail}`);
  if (diags.length) return { diagnostics: diags };
  const root = plain.value;
  if (root !== null && (typeof root !== 'object' || Array.isArray(root))) {
    err(fileStart(file), 'the config file must be a mapping of sections (`check:`, …)');
    return { diagnostics: diags };
  }
  const section = root === null ? undefined : (root as Record<string, unknown>).check;
  if (section === undefined || section === null) return { config: DEFAULT_CHECK_CONFIG, diagnostics: [] };
  const parsed = checkConfigSchema.safeParse(section);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const at = ['check', ...issue.path];
      const unknownKey = issue.code === 'unrecognized_keys' ? issue.keys[0]! : undefined;
      const found = lookup(doc, unknownKey !== undefined ? [...at, unknownKey] : at);
      const node = unknownKey !== undefined ? (found.pair?.key ?? found.container) : (found.node ?? found.pair?.key ?? found.container);
      const where = at.slice(1).map(String).join('.');
      let hint: string | undefined;
      if (unknownKey !== undefined) {
        const known =
          issue.path[0] === 'rules' ? CHECK_RULE_IDS : issue.path[0] === 'minEase' ? ['es', 'fr'] : Object.keys(checkConfigSchema.shape);
        hint = [suggestion(unknownKey, known), `known: ${known.join(', ')}`].filter((h) => h !== undefined).join('; ');
      }
      err(placeOf(file, lc, node), `check${where ? `.${where}` : ''}: ${issue.message}`, hint);
    }
    return { diagnostics: diags };
  }
  return { config: resolveCheckConfig(parsed.data), diagnostics: [] };
}

/** The config with every rule below `error` turned off (what the build enforces), or undefined when the build enforces none. */
export function errorRulesOnly(config: CheckConfig): CheckConfig | undefined {
  if (!config.enforceInBuild) return undefined;
  const levels = Object.fromEntries(CHECK_RULE_IDS.map((id) => [id, config.levels[id] === 'error' ? 'error' : 'off'])) as Record<
    CheckRuleId,
    RuleLevel
  >;
  return Object.values(levels).includes('error') ? { ...config, levels } : undefined;
}
