/**
 * The Markdown processors of the process (built once each, reused): CommonMark + GFM + YAML front matter +
 * directives, in up to ten variants that differ only in GFM parts a source cannot use.
 *
 * micromark tries GFM's email autolink literal at the start of every word, its `www.` and `http://` literals at
 * every word starting with w or h, and GFM's table at the start of every line, and each failed try tokenizes the
 * word or line once more; then GFM's autolink transform runs four regular expressions over every text node. On a
 * guide without tables, links or e-mail addresses that is about half of the parse. A source that cannot use one
 * of them is parsed without it, so the tree is the same (`tests/parse/processor.test.ts` holds every variant to
 * the full processor).
 */
import type { Root } from 'mdast';
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';

/** micromark's construct names (`Construct.name`) of the constructs a source can be parsed without. */
export const OPTIONAL_CONSTRUCTS = { email: 'emailAutolink', www: 'wwwAutolink', protocol: 'protocolAutolink', table: 'table' } as const;

/** The tree transform of GFM's autolink literals (the same functions remark-gfm adds). */
export const AUTOLINK_TRANSFORMS: ReadonlySet<unknown> = new Set(gfmAutolinkLiteralFromMarkdown().transforms ?? []);

/** The fields of a micromark extension that map character codes to constructs. */
const CONSTRUCT_FIELDS = ['document', 'contentInitial', 'flowInitial', 'flow', 'string', 'text'] as const;

type ConstructMap = Record<string, unknown>;

/** `map` without the constructs named in `drop` (a code left with none is left out). */
function withoutConstructs(map: ConstructMap, drop: ReadonlySet<string>): ConstructMap {
  const out: ConstructMap = {};
  for (const [code, value] of Object.entries(map)) {
    const list = (Array.isArray(value) ? value : [value]).filter(
      (c: unknown) => !(typeof c === 'object' && c !== null && drop.has(String((c as { name?: unknown }).name))),
    );
    if (list.length > 0) out[code] = list;
  }
  return out;
}

/** A unified plugin that removes the constructs named in `drop` from the micromark extensions added before it. */
function dropConstructs(this: Processor, drop: ReadonlySet<string>): void {
  const data = this.data() as { micromarkExtensions?: Record<string, unknown>[] };
  data.micromarkExtensions = (data.micromarkExtensions ?? []).map((ext) => {
    const out: Record<string, unknown> = { ...ext };
    for (const field of CONSTRUCT_FIELDS) {
      const map = ext[field];
      if (typeof map === 'object' && map !== null) out[field] = withoutConstructs(map as ConstructMap, drop);
    }
    return out;
  });
}

/** `extensions` (mdast-util-from-markdown's, arrays nested) without the transforms in {@link AUTOLINK_TRANSFORMS}. */
function withoutAutolinkTransform(extensions: readonly unknown[]): unknown[] {
  return extensions.map((ext) => {
    if (Array.isArray(ext)) return withoutAutolinkTransform(ext);
    const transforms = (ext as { transforms?: unknown[] }).transforms;
    if (!transforms) return ext;
    return { ...(ext as object), transforms: transforms.filter((t) => !AUTOLINK_TRANSFORMS.has(t)) };
  });
}

/** A unified plugin that removes GFM's autolink transform from the tree extensions added before it. */
function dropAutolinkTransform(this: Processor): void {
  const data = this.data() as { fromMarkdownExtensions?: unknown[] };
  data.fromMarkdownExtensions = withoutAutolinkTransform(data.fromMarkdownExtensions ?? []);
}

/** What a variant leaves out: micromark constructs by name, and GFM's autolink transform. */
export interface ProcessorOptions {
  readonly drop?: readonly string[];
  readonly autolinkTransform?: boolean;
}

/** A frozen processor without the constructs named in `drop` (none, and the transform kept: the full processor). */
export function makeProcessor({ drop = [], autolinkTransform = true }: ProcessorOptions = {}): Processor<Root, Root, Root> {
  const p = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).use(remarkDirective);
  if (drop.length > 0) p.use(dropConstructs, new Set(drop));
  if (!autolinkTransform) p.use(dropAutolinkTransform);
  return p.freeze() as unknown as Processor<Root, Root, Root>;
}

/** Which optional GFM parts a source may use (see {@link constructsNeeded}). */
export interface Needed {
  readonly email: boolean;
  /** `www.` and `http(s)://` autolink literals. */
  readonly links: boolean;
  readonly table: boolean;
  readonly autolinkTransform: boolean;
}

/**
 * Which optional GFM parts `source` may use. micromark's email autolink literal needs an `@` in the source, its
 * `www.` and `http://` ones a `www` or `http` (any case: micromark reads the source as written); a
 * table's delimiter row holds only `-`, `:`, `|` and blanks, with a `|`, or a `:` next to a `-`. The autolink
 * transform links `http://`, `https://`, `www.`, `mailto:`, `xmpp:` and `@` in text, which comes from the
 * source as written except for character references (`&#64;`), so it needs an `@`, a `&`, or `www`/`http`.
 */
export function constructsNeeded(source: string): Needed {
  const email = source.includes('@');
  const links = /www|http/i.test(source);
  return {
    email,
    links,
    table: source.includes('|') || source.includes(':-') || source.includes('-:'),
    autolinkTransform: email || links || source.includes('&'),
  };
}

const processors = new Map<string, Processor<Root, Root, Root>>();

/** The processor for `source`: without the optional constructs it cannot use. */
function processorFor(source: string): Processor<Root, Root, Root> {
  const need = constructsNeeded(source);
  const key = `${need.email ? 'e' : ''}${need.links ? 'l' : ''}${need.table ? 't' : ''}${need.autolinkTransform ? 'a' : ''}`;
  let p = processors.get(key);
  if (!p) {
    const drop: string[] = [];
    if (!need.email) drop.push(OPTIONAL_CONSTRUCTS.email);
    if (!need.links) drop.push(OPTIONAL_CONSTRUCTS.www, OPTIONAL_CONSTRUCTS.protocol);
    if (!need.table) drop.push(OPTIONAL_CONSTRUCTS.table);
    p = makeProcessor({ drop, autolinkTransform: need.autolinkTransform });
    processors.set(key, p);
  }
  return p;
}

/** Parses Markdown (CommonMark + GFM + YAML front matter + directives) to mdast. */
export function parseMarkdown(source: string): Root {
  const processor = processorFor(source);
  return processor.runSync(processor.parse(source));
}
