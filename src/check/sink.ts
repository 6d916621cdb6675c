/** Collects content-check diagnostics at each rule's configured level. */
import { fileStart, type Diagnostic, type SourcePlace } from '../diagnostics.js';
import type { CheckConfig } from './config.js';
import type { CheckRuleId } from './rules.js';

/** Where rules report; a rule set to `off` reports nothing. */
export class RuleSink {
  readonly list: Diagnostic[] = [];
  constructor(private readonly levels: CheckConfig['levels']) {}

  /** True unless `rule` is off. */
  on(rule: CheckRuleId): boolean {
    return this.levels[rule] !== 'off';
  }

  /** Reports at the rule's level (or at `severity` when given, unless the rule is off). */
  report(rule: CheckRuleId, place: SourcePlace, message: string, severity?: Diagnostic['severity']): void {
    const level = this.levels[rule];
    if (level === 'off') return;
    this.list.push({ file: place.file, line: place.line, column: place.column, severity: severity ?? level, message, ruleId: rule });
  }
}

/** The line and column of a top-level `key:` in a YAML text (front matter or a profile), else 1:1. */
export function yamlKeyPlace(file: string, text: string, key: string, frontMatter: boolean): SourcePlace {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const start = frontMatter ? (lines[0]?.trim() === '---' ? 1 : lines.length) : 0;
  for (let i = start; i < lines.length && !(frontMatter && lines[i]!.trim() === '---'); i++) {
    const m = new RegExp(`^(\\s*)${key}\\s*:`).exec(lines[i]!);
    if (m) return { file, line: i + 1, column: m[1]!.length + 1 };
  }
  return fileStart(file);
}
