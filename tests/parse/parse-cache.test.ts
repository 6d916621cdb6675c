import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { buildHandout } from '../../src/build.js';
import { Diagnostics, MAX_REPEATED_DIAGNOSTICS, formatDiagnostic } from '../../src/diagnostics.js';
import { parse } from '../../src/parse/parse.js';
import { PARSE_CACHE_ENTRIES, clearParseCache, deepFreeze, parseCacheSize, parseCached } from '../../src/parse/parse-cache.js';

const FILE = 'content/guides/x/en.md';
const guide = (body: string, extra = '') => `---\nid: x\ntitle: "A guide"\nlang: en\nversion: 2\n${extra}---\n\n${body}\n`;

function lines(run: (d: Diagnostics) => unknown): { result: unknown; lines: string[] } {
  const diags = new Diagnostics();
  const result = run(diags);
  return { result, lines: diags.list.map(formatDiagnostic) };
}

function isDeeplyFrozen(v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return true;
  return Object.isFrozen(v) && Object.values(v).every(isDeeplyFrozen);
}

beforeEach(() => clearParseCache());

describe('parseCached', () => {
  it('gives back the same deeply frozen document for the same path and text, equal to a fresh parse', () => {
    const source = readFileSync('content/guides/first-ketamine-session/en.md', 'utf8');
    const file = 'content/guides/first-ketamine-session/en.md';
    const a = parseCached(file, source, new Diagnostics());
    const b = parseCached(file, source, new Diagnostics());
    expect(b).toBe(a);
    expect(isDeeplyFrozen(a)).toBe(true);
    expect(a).toEqual(parse(file, source, new Diagnostics()));
    expect(() => {
      (a!.root.children as unknown[]).push({ type: 'thematicBreak' });
    }).toThrow(TypeError);
  });

  it('is keyed by the text and the path: a change in either parses again', () => {
    const a = parseCached(FILE, guide('# One'), new Diagnostics());
    const b = parseCached(FILE, guide('# Two'), new Diagnostics());
    const c = parseCached('content/guides/y/en.md', guide('# One'), new Diagnostics());
    expect(b).not.toBe(a);
    expect(c).not.toBe(a);
    expect(c?.file).toBe('content/guides/y/en.md');
    expect(parseCacheSize()).toBe(3);
  });

  it('records the same diagnostics on a hit as a fresh parse, caps and summaries included', () => {
    const keys = Array.from({ length: MAX_REPEATED_DIAGNOSTICS + 3 }, (_, i) => `unknown${i}: 1\n`).join('');
    const source = guide('# Hi', keys);
    const fresh = lines((d) => parse(FILE, source, d));
    expect(fresh.lines.length).toBeGreaterThan(MAX_REPEATED_DIAGNOSTICS);
    const miss = lines((d) => parseCached(FILE, source, d));
    const hit = lines((d) => parseCached(FILE, source, d));
    expect(miss).toEqual(fresh);
    expect(hit).toEqual(fresh);
    expect(hit.lines.some((l) => l.includes('more like the error above'))).toBe(true);
  });

  it('adds to diagnostics already recorded the way a fresh parse would', () => {
    const source = guide('# Hi', 'colour: red\n');
    const before = (d: Diagnostics) => {
      for (let i = 0; i < MAX_REPEATED_DIAGNOSTICS; i++) d.error({ file: FILE, line: 1, column: 1 }, 'earlier', 'guide-unknown-key');
    };
    const fresh = lines((d) => (before(d), parse(FILE, source, d)));
    parseCached(FILE, source, new Diagnostics());
    expect(lines((d) => (before(d), parseCached(FILE, source, d)))).toEqual(fresh);
  });

  it('keeps at most PARSE_CACHE_ENTRIES documents, dropping the least recently used', () => {
    const first = parseCached(FILE, guide('# 0'), new Diagnostics());
    for (let i = 1; i < PARSE_CACHE_ENTRIES; i++) parseCached(FILE, guide(`# ${i}`), new Diagnostics());
    expect(parseCached(FILE, guide('# 0'), new Diagnostics())).toBe(first); // used again: now the newest
    parseCached(FILE, guide('# new'), new Diagnostics()); // drops `# 1`
    expect(parseCacheSize()).toBe(PARSE_CACHE_ENTRIES);
    expect(parseCached(FILE, guide('# 0'), new Diagnostics())).toBe(first);
    const one = parseCached(FILE, guide('# 1'), new Diagnostics());
    expect(parseCached(FILE, guide('# 1'), new Diagnostics())).toBe(one);
  });

  it('deepFreeze freezes nested objects and arrays', () => {
    const v = deepFreeze({ a: [{ b: 1 }], c: { d: { e: 2 } } });
    expect(isDeeplyFrozen(v)).toBe(true);
  });
});

describe('buildHandout with the parse cache', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'parse-cache-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('a second build of the same guide prints the same warnings and the same bytes', async () => {
    const dir = path.join(tmp, 'guides', 'warned');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'en.md');
    // raw HTML and a skipped heading level: warnings from resolve, positioned in the guide
    writeFileSync(file, guide('# Title\n\n### Skipped\n\nText <b>bold</b> here.\n\n<div>block</div>').replace('id: x', 'id: warned'));
    const a = await buildHandout({ guide: file });
    const b = await buildHandout({ guide: file });
    expect(a.diagnostics.filter((d) => d.severity === 'warning').length).toBeGreaterThan(1);
    expect(b.diagnostics).toEqual(a.diagnostics);
    expect(b.pdf?.equals(a.pdf!)).toBe(true);
  });

  it('a second build of a guide with a front-matter error reports the same errors', async () => {
    const dir = path.join(tmp, 'guides', 'broken');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'en.md');
    writeFileSync(file, guide('# Title', 'colour: red\nversion2: 3\n').replace('id: x', 'id: broken'));
    const a = await buildHandout({ guide: file });
    const b = await buildHandout({ guide: file });
    expect(a.diagnostics.filter((d) => d.ruleId === 'guide-unknown-key')).toHaveLength(2);
    expect(b.diagnostics).toEqual(a.diagnostics);
    expect(b.pdf).toBeUndefined();
  });
});
