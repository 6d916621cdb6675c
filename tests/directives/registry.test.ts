/** The directive registry is the one list: the README table, resolve's check and the from-mdast handlers all follow it. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIRECTIVES, directivesTable, findDirective, knownDirectivesText } from '../../src/directives/registry.js';
import { packageDir } from '../../src/package-dir.js';
import { resolveSource, guide } from '../resolve/helpers.js';
import { blocks } from '../template/from-mdast/helpers.js';

const START = '<!-- directives:start -->';
const END = '<!-- directives:end -->';

describe('directive registry', () => {
  it('matches the README table (UPDATE=1 rewrites it)', () => {
    const file = path.join(packageDir(), 'README.md');
    const readme = readFileSync(file, 'utf8');
    const a = readme.indexOf(START);
    const b = readme.indexOf(END);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(a);
    const expected = `${START}\n${directivesTable()}\n${END}`;
    if (process.env.UPDATE === '1') writeFileSync(file, readme.slice(0, a) + expected + readme.slice(b + END.length));
    else expect(readme.slice(a, b + END.length)).toBe(expected);
  });

  it('declares each directive once, with the handler its kind needs', () => {
    const keys = DIRECTIVES.map((d) => `${d.kind}:${d.name}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const d of DIRECTIVES) {
      if (d.kind === 'text') expect(d.inline, d.name).toBeTypeOf('function');
      else expect(d.block, d.name).toBeTypeOf('function');
      expect(findDirective(d.kind, d.name)).toBe(d);
    }
  });

  it('resolve keeps every registered directive and names the registry in its unknown-directive warning', async () => {
    const uses = DIRECTIVES.map(
      (d) =>
        d.example ??
        (d.kind === 'container' ? `:::${d.name}\nText.\n:::\n` : d.kind === 'leaf' ? `::${d.name}\n` : `A :${d.name}[word]{lang=es}.\n`),
    );
    const known = await resolveSource(guide(uses.join('\n')));
    expect(known.diags.list).toEqual([]);
    const unknown = await resolveSource(guide('::aside\n'));
    expect(unknown.diags.list).toHaveLength(1);
    expect(unknown.diags.list[0]!.ruleId).toBe('unknown-directive');
    expect(unknown.diags.list[0]!.message).toContain(`known directives: ${knownDirectivesText()}`);
  });

  it('from-mdast converts each block directive with its registered handler', () => {
    for (const d of DIRECTIVES.filter((x) => x.kind !== 'text')) {
      const out = blocks(d.example ?? (d.kind === 'container' ? `:::${d.name}\nText.\n:::\n` : `::${d.name}\n`));
      expect(out.diags.list, d.name).toEqual([]);
      expect(out.blocks.length, d.name).toBeGreaterThan(0);
    }
  });
});
