import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUTOLINK_TRANSFORMS, constructsNeeded, makeProcessor, OPTIONAL_CONSTRUCTS, parseMarkdown } from '../../src/parse/processor.js';

const full = makeProcessor();
const fullTree = (s: string) => JSON.stringify(full.runSync(full.parse(s)));
const tree = (s: string) => JSON.stringify(parseMarkdown(s));

/** Every Markdown file under `dir` (recursively). */
function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return name === 'node_modules' ? [] : markdownFiles(p);
    return name.endsWith('.md') ? [p] : [];
  });
}

/** A deterministic pseudo-random generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('parse/processor', () => {
  it('the full processor has the constructs the variants leave out (a rename upstream fails here)', () => {
    const names = new Set<string>();
    const extensions = (full.data() as { micromarkExtensions: Record<string, Record<string, unknown>>[] }).micromarkExtensions;
    for (const ext of extensions)
      for (const map of Object.values(ext))
        if (typeof map === 'object' && map !== null)
          for (const c of Object.values(map).flat()) if (typeof c === 'object' && c !== null && 'name' in c) names.add(String(c.name));
    expect(names).toContain(OPTIONAL_CONSTRUCTS.email);
    expect(names).toContain(OPTIONAL_CONSTRUCTS.table);
    expect(names).toContain(OPTIONAL_CONSTRUCTS.www);
    expect(names).toContain(OPTIONAL_CONSTRUCTS.protocol);
    const transforms = (full.data() as { fromMarkdownExtensions: unknown[] }).fromMarkdownExtensions
      .flat(3)
      .flatMap((e) => (e as { transforms?: unknown[] }).transforms ?? []);
    expect(AUTOLINK_TRANSFORMS.size).toBe(1);
    expect(transforms.some((t) => AUTOLINK_TRANSFORMS.has(t))).toBe(true);
  });

  it('says which constructs a source may use', () => {
    expect(constructsNeeded('plain words, no links')).toEqual({ email: false, links: false, table: false, autolinkTransform: false });
    expect(constructsNeeded('Q&amp;A')).toMatchObject({ email: false, autolinkTransform: true });
    expect(constructsNeeded('see WWW.example.org')).toMatchObject({ links: true, autolinkTransform: true });
    expect(constructsNeeded('HTTPS://example.org')).toMatchObject({ links: true, autolinkTransform: true });
    expect(constructsNeeded('what, when, how')).toMatchObject({ links: false });
    expect(constructsNeeded('write to care@clinic.example')).toMatchObject({ email: true });
    expect(constructsNeeded('| a |\n| - |')).toMatchObject({ table: true });
    expect(constructsNeeded('a\n:-')).toMatchObject({ table: true }); // a table without a pipe
    expect(constructsNeeded('a\n-:')).toMatchObject({ table: true });
    expect(constructsNeeded('Note: one - two')).toMatchObject({ table: false });
  });

  it('a variant without a construct parses differently when the source does use it (the choice matters)', () => {
    const noEmail = makeProcessor({ drop: [OPTIONAL_CONSTRUCTS.email] });
    const noTable = makeProcessor({ drop: [OPTIONAL_CONSTRUCTS.table] });
    const noTransform = makeProcessor({ autolinkTransform: false });
    const noLinks = makeProcessor({ drop: [OPTIONAL_CONSTRUCTS.www, OPTIONAL_CONSTRUCTS.protocol], autolinkTransform: false });
    const links = 'See www.clinic.example or https://clinic.example.';
    const email = 'Write to care@clinic.example today.';
    const table = 'a\n:-';
    const reference = 'Write to care&#64;clinic.example today.'; // linked by the transform only
    expect(JSON.stringify(noEmail.runSync(noEmail.parse(email)))).not.toBe(fullTree(email));
    expect(JSON.stringify(noTable.runSync(noTable.parse(table)))).not.toBe(fullTree(table));
    expect(JSON.stringify(noTransform.runSync(noTransform.parse(reference)))).not.toBe(fullTree(reference));
    expect(JSON.stringify(noLinks.runSync(noLinks.parse(links)))).not.toBe(fullTree(links));
    for (const s of [email, table, reference, links]) expect(tree(s)).toBe(fullTree(s));
  });

  it('gives the full processor’s tree on tricky sources', () => {
    const cases = [
      'a\n:-',
      'a\n-:',
      '> a\n> :-',
      '- a\n  -:',
      'a | b\n--|--',
      'mail x&#64;example.org here',
      'x&commat;example.org',
      'see &#119;ww.example.org and http://example.org',
      'a\n---\nb\n===',
      ':::note\ntext with a-b: c\n:::',
      '- [ ] task\n- [x] done @home',
      'footnote[^1]\n\n[^1]: a@b.c',
      '**bold**: -- dash --- rule',
      'code `a|b` and ~~strike~~',
    ];
    for (const s of cases) expect(tree(s), s).toBe(fullTree(s));
  });

  it('gives the full processor’s tree for every guide, fixture and corpus file', () => {
    const roots = ['content', 'tests', path.join('..', 'shared', 'corpus')];
    const files = roots.flatMap((r) => {
      try {
        return markdownFiles(r);
      } catch {
        return []; // ../shared is beside the repo in CI and here; a checkout without it still checks the rest
      }
    });
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) {
      const s = readFileSync(f, 'utf8');
      expect(tree(s), f).toBe(fullTree(s));
    }
  });

  it('gives the full processor’s tree on random Markdown-like sources', () => {
    const next = random(12);
    const pieces = [
      'a',
      'b',
      ' ',
      '\n',
      '\n\n',
      '-',
      ':',
      '|',
      '@',
      '.',
      '>',
      '*',
      '#',
      '[',
      ']',
      '(',
      ')',
      '&#64;',
      '&commat;',
      'www.',
      'http://',
      'WwW',
      '\\',
      'x.org',
      '`',
      '~',
      '\t',
      '1.',
      '!',
      '_',
    ];
    const variants = new Set<string>();
    for (let i = 0; i < 3000; i++) {
      // each source draws from its own half of the pieces, so that every variant is chosen now and then
      const own = pieces.filter(() => next() < 0.5);
      const alphabet = own.length > 0 ? own : pieces;
      let s = '';
      const n = 1 + Math.floor(next() * 40);
      for (let k = 0; k < n; k++) s += alphabet[Math.floor(next() * alphabet.length)];
      variants.add(JSON.stringify(constructsNeeded(s)));
      expect(tree(s), JSON.stringify(s)).toBe(fullTree(s));
    }
    expect(variants.size).toBe(10); // an `@` or a link needs the transform too: 2 × 5 variants
  });
});
