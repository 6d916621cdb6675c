import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Diagnostics, formatDiagnostic } from '../../src/diagnostics.js';
import { parse } from '../../src/parse/parse.js';

const FILE = 'content/guides/x/en.md';

function run(source: string, file = FILE) {
  const diags = new Diagnostics();
  const doc = parse(file, source, diags);
  return { doc, diags, lines: diags.list.map(formatDiagnostic) };
}

const ok = (extra = '') => `---\nid: my-guide\ntitle: "A guide"\nlang: en\nversion: 2\n${extra}---\n\n# Hello\n`;

describe('parse', () => {
  it('parses the seed guide', () => {
    const file = 'content/guides/first-ketamine-session/en.md';
    const diags = new Diagnostics();
    const doc = parse(file, readFileSync(file, 'utf8'), diags);
    expect(diags.list).toEqual([]);
    expect(doc?.meta).toEqual({
      id: 'first-ketamine-session',
      title: 'Preparing for Your First Ketamine Session',
      subtitle: 'A Practical Guide for Clients',
      lang: 'en',
      version: 1,
    });
    expect(doc?.dir).toBe('content/guides/first-ketamine-session');
    expect(doc?.root.children.filter((n) => n.type === 'heading')).toHaveLength(12);
  });

  it('accepts optional fields and normalises them', () => {
    const { doc, diags } = run(
      ok(
        'subtitle: Sub\nreviewed: 2024-02-29\nreviewDue: 2025-02-28\ntoc: true\ntranslatedFrom: { version: 3 }\nsampleTranslation: false\n',
      ),
    );
    expect(diags.list).toEqual([]);
    expect(doc?.meta).toMatchObject({
      subtitle: 'Sub',
      reviewed: '2024-02-29',
      reviewDue: '2025-02-28',
      toc: true,
      translatedFrom: { version: 3 },
      sampleTranslation: false,
    });
  });

  it('accepts explicit YAML timestamps', () => {
    const { doc, diags } = run(ok('reviewed: !!timestamp 2024-03-01\n'));
    expect(diags.list.filter((d) => d.severity === 'error')).toEqual([]);
    expect(doc?.meta.reviewed).toBe('2024-03-01');
  });

  it('canonicalises lang', () => {
    const { doc } = run(ok().replace('lang: en', 'lang: PT-br'), 'content/guides/x/pt-BR.md');
    expect(doc?.meta.lang).toBe('pt-BR');
  });

  it('refuses a lang that disagrees with the file name, at the lang line; a file not named for a language is free', () => {
    const { doc, lines } = run(ok(), 'content/guides/x/es.md');
    expect(doc).toBeUndefined();
    expect(lines).toEqual([
      expect.stringMatching(
        /^content\/guides\/x\/es\.md:4:7: error front matter says `lang: en` but the file is named `es\.md`.*\[guide-lang-mismatch\]$/,
      ),
    ]);
    expect(run(ok(), 'content/guides/x/toc.md').doc?.meta.lang).toBe('en');
    expect(run(ok().replace('lang: en', 'lang: zh-Hans'), 'content/guides/x/zh-hans.md').doc?.meta.lang).toBe('zh-Hans');
  });

  it('reports an invalid lang at the value with a suggestion', () => {
    const { doc, lines } = run(ok().replace('lang: en', 'lang: en_US'));
    expect(doc).toBeUndefined();
    expect(lines).toEqual([
      `${FILE}:4:7: error front matter \`lang\` is not a valid BCP 47 language tag: \`en_US\`; use a tag like \`en\` or \`pt-BR\` [guide-invalid-lang]\n  hint: did you mean \`en-US\`?`,
    ]);
  });

  it('reports missing front matter at 1:1', () => {
    const { doc, diags } = run('# Just a heading\n');
    expect(doc).toBeUndefined();
    expect(diags.list).toMatchObject([{ line: 1, column: 1, ruleId: 'guide-missing-front-matter', severity: 'error' }]);
  });

  it('reports YAML syntax errors at their position', () => {
    const { doc, lines } = run('---\nid: a\ntitle: a: b\nlang: en\nversion: 1\n---\n');
    expect(doc).toBeUndefined();
    expect(lines).toEqual([
      `${FILE}:3:8: error front matter is not valid YAML: Nested mappings are not allowed in compact mappings [guide-yaml-syntax]`,
    ]);
  });

  it('reports duplicate keys as YAML errors', () => {
    const { diags } = run(ok('id: again\n'));
    expect(diags.list).toMatchObject([{ ruleId: 'guide-yaml-syntax', line: 6, column: 1 }]);
  });

  it('reports unknown keys at the key with did-you-mean', () => {
    const { lines } = run(ok('tilte: Oops\n'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^content\/guides\/x\/en\.md:6:1: error unknown front matter key `tilte`; allowed keys: `id`, .* \[guide-unknown-key\]\n {2}hint: did you mean `title`\?$/,
    );
  });

  it('reports unknown nested keys', () => {
    const { diags } = run(ok('translatedFrom:\n  verison: 2\n'));
    expect(diags.list.map((d) => [d.ruleId, d.line, d.column])).toContainEqual(['guide-unknown-key', 7, 3]);
    expect(diags.list.find((d) => d.ruleId === 'guide-unknown-key')?.hint).toBe('did you mean `version`?');
  });

  it('rejects __proto__ keys', () => {
    const { doc, diags } = run(ok('__proto__: { polluted: true }\n'));
    expect(doc).toBeUndefined();
    expect(diags.list).toMatchObject([{ ruleId: 'guide-unknown-key', line: 6, column: 1 }]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('reports missing fields at 1:1, naming them', () => {
    const { diags } = run('---\nid: a\nlang: en\n---\n');
    expect(diags.list.map((d) => [d.ruleId, d.line, d.column, d.message.match(/`(\w+)`/)?.[1]])).toEqual([
      ['guide-missing-field', 1, 1, 'title'],
      ['guide-missing-field', 1, 1, 'version'],
    ]);
  });

  it('reports invalid values at the value, quoting it', () => {
    const cases: [string, string, number, number][] = [
      ['id: My Guide', 'id', 2, 5],
      ['version: 0', 'version', 5, 10],
      ['version: 1.5', 'version', 5, 10],
      ['version: "2"', 'version', 5, 10],
    ];
    for (const [line, name, l, c] of cases) {
      const key = line.split(':')[0]!;
      const src = ok().replace(new RegExp(`^${key}: .*$`, 'm'), line);
      const { diags } = run(src);
      expect(diags.list, line).toMatchObject([{ ruleId: 'guide-invalid-value', line: l, column: c }]);
      expect(diags.list[0]!.message).toContain(`\`${name}\``);
    }
  });

  it('rejects impossible dates and non-boolean toc', () => {
    const { diags } = run(ok('reviewed: 2023-02-29\ntoc: yes\n'));
    expect(diags.list.map((d) => [d.ruleId, d.line, d.column])).toEqual([
      ['guide-invalid-value', 6, 11],
      ['guide-invalid-value', 7, 6],
    ]);
    expect(diags.list[0]!.message).toContain('`2023-02-29`');
  });

  it('positions correctly with CRLF line endings', () => {
    const { diags } = run(ok('tilte: x\n').replace(/\n/g, '\r\n'));
    expect(diags.list).toMatchObject([{ ruleId: 'guide-unknown-key', line: 6, column: 1 }]);
  });
});
