/** Link targets: only http(s), mailto, tel and #anchors; script, file, other schemes and UNC paths are positioned errors. */
import { describe, expect, it } from 'vitest';
import { linkTargetProblem } from '../../src/resolve/link-targets.js';
import { guide, resolveSource } from './helpers.js';

describe('link targets', () => {
  it.each([
    'https://example.org/a?b=1',
    'http://example.org',
    'mailto:care@example.org',
    'tel:+15550100',
    'HTTPS://EXAMPLE.ORG',
    '#before-you-come',
    'notes.html',
  ])('allows %s', (url) => expect(linkTargetProblem(url)).toBeUndefined());

  it.each([
    ['javascript:alert(1)', 'javascript'],
    ['JavaScript:alert(1)', 'javascript'],
    ['java\tscript:alert(1)', 'javascript'],
    ['file:///etc/passwd', 'file'],
    ['data:text/html,x', 'data'],
    ['vbscript:x', 'vbscript'],
    ['\\\\server\\share\\x.pdf', 'network path'],
    ['//server/share/x.pdf', 'network path'],
    ['C:\\Users\\x.pdf', 'local file path'],
  ])('refuses %s', (url, word) => expect(linkTargetProblem(url)).toContain(word));

  it('reports a refused link at its place in the guide, and the document fails', async () => {
    const source = guide('\nCall us.\n\nSee [the form](javascript:alert(document.title)) and [share](file:///C:/x.pdf).\n');
    const { resolved, diags } = await resolveSource(source);
    expect(resolved).toBeUndefined();
    const errors = diags.list.filter((d) => d.ruleId === 'link-target');
    expect(errors.map((d) => [d.line, d.column])).toEqual([
      [10, 16],
      [10, 62],
    ]);
    expect(errors[0]!.message).toContain('link target `javascript:alert(document.title)` uses the `javascript:` scheme');
    expect(errors[0]!.message).toContain('`http:`, `https:`, `mailto:`, `tel:`');
  });

  it('refuses a refused scheme in an autolink too', async () => {
    const { diags } = await resolveSource(guide('\n<file:///etc/passwd>\n'));
    expect(diags.list.filter((d) => d.ruleId === 'link-target')).toHaveLength(1);
  });
});
