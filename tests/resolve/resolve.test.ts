import { readFileSync } from 'node:fs';
import type { Image, Paragraph, Root, Text } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { BRAND, guide, resolveSource } from './helpers.js';

const FILE = 'content/guides/t/en.md';

function bodyText(root: Root): string {
  return root.children
    .filter((n) => n.type !== 'yaml')
    .map((n) => toString(n))
    .join('\n');
}

describe('resolve: variables', () => {
  it('substitutes variables in text, links and alt text', async () => {
    const { resolved, diags } = await resolveSource(
      guide(
        'Call {{clinic.name}} at {{ clinic.contact.phone }} about *{{guide.title}}* v{{guide.version}}.\n\n[site]({{clinic.contact.website}} "{{clinic.name}}")\n',
      ),
    );
    expect(diags.list).toEqual([]);
    const root = resolved!.root;
    expect(toString(root.children[1])).toBe('Call Demo Clinic at +1 555 0100 about Test Guide v3.');
    const link = (root.children[2] as Paragraph).children[0]!;
    expect(link).toMatchObject({ type: 'link', url: 'https://demo.example', title: 'Demo Clinic' });
  });

  it('reports an unknown variable at its exact position with did-you-mean', async () => {
    const { resolved, diags } = await resolveSource(guide('\nSome *text* and\n  more {{clinic.phnoe}} here.\n'));
    expect(resolved).toBeUndefined();
    const lines = diags.list.map(formatDiagnostic);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^${FILE}:9:8: error unknown variable \`clinic.phnoe\``));
    expect(lines[0]).toContain('known variables: `clinic.name`');
    // the suggestion is the hint, printed on its own line under the positioned message
    expect(lines[0]).toMatch(/\[unknown-variable\]\n {2}hint: did you mean `clinic\.contact\.phone`\?$/);
    expect(diags.list[0]!.hint).toBe('did you mean `clinic.contact.phone`?');
  });

  it('positions variables after escapes and entities on the same line', async () => {
    const { diags } = await resolveSource(guide('A \\*star\\* &amp; {{nope}}\n'));
    expect(diags.list).toMatchObject([{ ruleId: 'unknown-variable', line: 7, column: 18 }]);
  });

  it('keeps escaped braces literal', async () => {
    const { resolved, diags } = await resolveSource(guide('Write \\{{clinic.name}} to insert the name.\n'));
    expect(diags.list).toEqual([]);
    expect(bodyText(resolved!.root)).toBe('Write {{clinic.name}} to insert the name.');
  });

  it('leaves variables in code alone', async () => {
    const { resolved, diags } = await resolveSource(guide('Use `{{clinic.x}}`.\n\n```\n{{nope}}\n```\n'));
    expect(diags.list).toEqual([]);
    expect(bodyText(resolved!.root)).toContain('{{clinic.x}}');
  });

  it('reports a known variable without a value, naming the clinic file', async () => {
    const { diags } = await resolveSource(guide('Mail {{clinic.contact.email}}\n'));
    expect(diags.list).toMatchObject([{ ruleId: 'missing-variable-value', line: 7, column: 6, severity: 'error' }]);
    expect(diags.list[0]!.message).toContain(BRAND.file);
  });

  it('never mutates the parsed tree', async () => {
    const { doc } = await resolveSource(guide('Hi {{clinic.name}} "quoted"\n'));
    expect(toString(doc.root.children[1])).toBe('Hi {{clinic.name}} "quoted"');
  });
});

describe('resolve: unsupported nodes', () => {
  it('warns about and drops raw HTML, keeping inline text', async () => {
    const { resolved, diags } = await resolveSource(guide('Some <b>bold</b> text.\n\n<div>\nblock\n</div>\n\n<!-- a comment -->\n'));
    expect(resolved).toBeDefined();
    expect(diags.list.map((d) => [d.severity, d.ruleId, d.line, d.column])).toEqual([
      ['warning', 'unsupported-html', 7, 6],
      ['warning', 'unsupported-html', 7, 13],
      ['warning', 'unsupported-html', 9, 1],
    ]);
    expect(bodyText(resolved!.root)).toBe('Some bold text.');
    expect(JSON.stringify(resolved!.root)).not.toContain('"html"');
  });

  it('keeps supported directives, unwraps unknown text directives with a warning', async () => {
    const { resolved, diags } = await resolveSource(
      guide(
        ':::note[Before]\nInside.\n:::\n\n::pagebreak\n\n:::danger\nStop.\n:::\n\nAt 10:30am, Note:Read this. See :abbr[WHO] and :x.\n',
      ),
    );
    const root = resolved!.root;
    expect(root.children.map((n) => n.type)).toEqual(['yaml', 'containerDirective', 'leafDirective', 'containerDirective', 'paragraph']);
    expect(toString(root.children[4])).toBe('At 10:30am, Note:Read this. See WHO and :x.');
    expect(diags.list.map((d) => [d.ruleId, d.line])).toEqual([
      ['unknown-directive', 17],
      ['unknown-directive', 17],
    ]);
  });

  it('refuses an unknown container directive (a misspelt warning box) with a did-you-mean', async () => {
    const { resolved, diags } = await resolveSource(guide('Text.\n\n:::warnign\nDo not drive.\n:::\n'));
    expect(resolved).toBeUndefined();
    expect(diags.list.map((d) => `${d.line}:${d.column} ${d.severity} ${d.ruleId}`)).toEqual(['9:1 error unknown-directive']);
    expect(diags.list[0]!.message).toContain('unknown container directive `:::warnign`');
    expect(diags.list[0]!.hint).toBe('did you mean `warning`?');
  });
});

describe('resolve: typography', () => {
  const para = async (text: string, lang: string) => {
    const { resolved } = await resolveSource(guide(`${text}\n`, lang), `content/guides/t/${lang}.md`);
    return toString(resolved!.root.children[1]);
  };

  it('uses English quotes, dashes and ellipses', async () => {
    expect(await para(`She said "it's fine" -- or 'maybe' --- wait...`, 'en')).toBe('She said “it’s fine” – or ‘maybe’ — wait…');
  });

  it('uses German quotes and keeps apostrophes', async () => {
    expect(await para(`Er sagt "geht's" und 'so'.`, 'de-AT')).toBe('Er sagt „geht’s“ und ‚so‘.');
  });

  it('uses French guillemets with no-break spaces', async () => {
    expect(await para(`Il dit "bonjour" et 'non'.`, 'fr')).toBe('Il dit «\u00A0bonjour\u00A0» et “non”.');
  });

  it('quotes across inline formatting and leaves code alone', async () => {
    expect(await para(`"**Bold**" and \`"code"\``, 'en')).toBe('“Bold” and "code"');
  });
});

describe('resolve: images', () => {
  const file = 'tests/fixtures/guides/with-images/en.md';
  const source = readFileSync(file, 'utf8');

  it('loads images keyed by URL and records decorative ones', async () => {
    const { resolved, diags } = await resolveSource(source.replace('\n![](photo.png)\n', '\n'), file, BRAND, ['tests/fixtures/guides']);
    expect(diags.list).toEqual([]);
    expect([...resolved!.images.keys()].sort()).toEqual(['divider.png', 'photo.png']);
    expect(resolved!.images.get('photo.png')).toMatchObject({ width: 192, height: 96 });
    const images: Image[] = [];
    const walk = (n: { type: string; children?: unknown[] }) => {
      if (n.type === 'image') images.push(n as unknown as Image);
      for (const c of n.children ?? []) walk(c as { type: string; children?: unknown[] });
    };
    walk(resolved!.root);
    expect(images.map((i) => [i.url, i.data?.decorative ?? false])).toEqual([
      ['photo.png', false],
      ['divider.png', true],
    ]);
    const divider = resolved!.root.children.find((n) => n.type === 'paragraph' && n.children[0]?.type === 'image' && toString(n) === '');
    expect(divider && (divider as Paragraph).children).toHaveLength(1);
    expect(bodyText(resolved!.root)).not.toContain('{decorative}');
  });

  it('reports an image without alt text', async () => {
    const { resolved, diags } = await resolveSource(source, file, BRAND, ['tests/fixtures/guides']);
    expect(resolved).toBeUndefined();
    expect(diags.list.map((d) => [d.ruleId, d.line, d.column])).toEqual([['image-missing-alt', 14, 1]]);
    expect(diags.list[0]!.message).toContain('{decorative}');
  });

  it('passes loader errors through', async () => {
    const { diags } = await resolveSource(guide('![Missing](nope.png)\n'), FILE, BRAND, ['content']);
    expect(diags.list.map((d) => [d.ruleId, d.line, d.column])).toEqual([['image-not-found', 7, 1]]);
  });

  it('chooses the paper from the brand unless overridden', async () => {
    const { resolved } = await resolveSource(guide('Hi\n'));
    expect(resolved!.paper).toBe('letter');
    const t = resolved!.root.children[1] as Paragraph;
    expect((t.children[0] as Text).value).toBe('Hi');
  });
});

describe('resolve: unknown leaf directives keep their text', () => {
  it('prints `::foo` as written, with a warning', async () => {
    const { resolved, diags } = await resolveSource(guide('\nBefore.\n\n::foo\n\nAfter.\n'));
    expect(toString(resolved!.root)).toContain('::foo');
    expect(diags.list.map((d) => `${d.line}:${d.column} ${d.ruleId}`)).toEqual(['10:1 unknown-directive']);
    expect(diags.list[0]!.message).toContain('printed as written');
  });
});
