/**
 * The Markdown processors of the process (built once each, reused): CommonMark + GFM + YAML front matter +
 * directives, in up to four variants that differ only in two GFM constructs a source cannot use.
 *
 * micromark tries GFM's email autolink literal at the start of every word and GFM's table at the start of every
 * line, and each failed try tokenizes the word or line once more: on a guide without tables or e-mail addresses
 * that is about 40% of the parse. A source that cannot hold one of them is parsed without that construct, so
 * the tree is the same (`tests/parse/processor.test.ts` holds the variants to the full processor).
 */
import type { Root } from 'mdast';
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';

/** micromark's construct names (`Construct.name`) of the constructs a source can be parsed without. */
export const OPTIONAL_CONSTRUCTS = { email: 'emailAutolink', table: 'table' } as const;

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

/** A frozen processor without the constructs named in `drop` (none: the full processor). */
export function makeProcessor(drop: readonly string[] = []): Processor<Root, Root, Root> {
  const p = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).use(remarkDirective);
  if (drop.length > 0) p.use(dropConstructs, new Set(drop));
  return p.freeze() as unknown as Processor<Root, Root, Root>;
}

/**
 * Which optional constructs `source` may use. An email autolink literal needs an `@` in the source (one
 * written as a character reference is linked by the tree transform, which every variant keeps); a table's
 * delimiter row holds only `-`, `:`, `|` and blanks, with a `|`, or a `:` next to a `-`.
 */
export function constructsNeeded(source: string): { readonly email: boolean; readonly table: boolean } {
  return {
    email: source.includes('@'),
    table: source.includes('|') || source.includes(':-') || source.includes('-:'),
  };
}

const processors = new Map<string, Processor<Root, Root, Root>>();

/** The processor for `source`: without the optional constructs it cannot use. */
function processorFor(source: string): Processor<Root, Root, Root> {
  const need = constructsNeeded(source);
  const key = `${need.email ? 'e' : ''}${need.table ? 't' : ''}`;
  let p = processors.get(key);
  if (!p) {
    const drop: string[] = [];
    if (!need.email) drop.push(OPTIONAL_CONSTRUCTS.email);
    if (!need.table) drop.push(OPTIONAL_CONSTRUCTS.table);
    p = makeProcessor(drop);
    processors.set(key, p);
  }
  return p;
}

/** Parses Markdown (CommonMark + GFM + YAML front matter + directives) to mdast. */
export function parseMarkdown(source: string): Root {
  const processor = processorFor(source);
  return processor.runSync(processor.parse(source));
}
