/** The one Markdown processor of the process (built once, reused). */
import type { Root } from 'mdast';
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).use(remarkDirective).freeze();

/** Parses Markdown (CommonMark + GFM + YAML front matter + directives) to mdast. */
export function parseMarkdown(source: string): Root {
  return processor.runSync(processor.parse(source)) as Root;
}
