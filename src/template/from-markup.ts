/**
 * Template markup → blocks, through a handler map keyed by tag name. An
 * unknown tag or attribute value is an error pointing into the template.
 */
import { fileStart, type Diagnostics, type SourcePlace } from '../diagnostics.js';
import type { HexColor } from '../types/brand.js';
import type { ImageAsset } from '../types/image.js';
import type { Align, Block, Inline, RowColumn, TextStyle } from '../types/layout-tree.js';
import type { Theme } from '../types/theme.js';
import type { MarkupElement, MarkupNode } from './markup.js';
import type { TemplateSource } from './environment.js';
import { MIN_QR_SIZE, QUIET_MODULES, qrModules } from '../directives/qr.js';

/** What markup handlers need. */
export interface MarkupContext {
  readonly theme: Theme;
  readonly lang: string;
  readonly diags: Diagnostics;
  readonly sources: readonly TemplateSource[];
  /** Named images (`clinic-logo`). */
  readonly images: ReadonlyMap<string, ImageAsset>;
  /** Where a named image's file is given (the clinic profile's `logo:`), for its diagnostics; else the template element. */
  readonly imagePlaces?: ReadonlyMap<string, SourcePlace>;
  /** The guide's blocks, poured into `<slot name="body"/>`. */
  readonly body: readonly Block[];
}

/** Where a tag came from in the template sources (best effort: first occurrence). */
export function templatePlace(el: MarkupElement, ctx: MarkupContext): SourcePlace {
  for (const src of ctx.sources) {
    const idx = src.text.indexOf(`<${el.name}`);
    if (idx >= 0) {
      const before = src.text.slice(0, idx).split('\n');
      return { file: src.file, line: before.length, column: before[before.length - 1]!.length + 1 };
    }
  }
  return fileStart(ctx.sources[0]?.file ?? 'templates');
}

function color(value: string | undefined, fallback: HexColor, ctx: MarkupContext): HexColor {
  if (!value) return fallback;
  const named: Record<string, HexColor> = {
    primary: ctx.theme.primary,
    accent: ctx.theme.accent,
    text: ctx.theme.body.color,
    muted: ctx.theme.small.color,
    border: ctx.theme.rule.color,
  };
  if (named[value]) return named[value];
  if (/^#[0-9a-f]{6}$/i.test(value)) return value.toUpperCase() as HexColor;
  return fallback;
}

function num(el: MarkupElement, attr: string, fallback: number, ctx: MarkupContext): number {
  const v = el.attrs[attr];
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) {
    ctx.diags.error(
      templatePlace(el, ctx),
      `attribute ${attr}="${v}" on <${el.name}> must be a non-negative number`,
      'template-invalid-attribute',
    );
    return fallback;
  }
  return n;
}

/** Named text styles available to templates. */
export function namedStyle(name: string | undefined, ctx: MarkupContext): TextStyle | undefined {
  const t = ctx.theme;
  const base = { strike: false, underline: false } as const;
  switch (name ?? 'body') {
    case 'body':
      return { ...base, face: 'regular', size: t.body.size, leading: t.body.leading, color: t.body.color };
    case 'title':
      return { ...base, face: 'heading', size: t.headings[0]!.size, leading: t.headings[0]!.leading, color: t.primary };
    case 'subtitle':
      return { ...base, face: 'regular', ...t.chrome.subtitle, color: t.body.color };
    case 'meta':
      // large print: the title block's meta line is body text, so it takes the body size
      return t.largePrint
        ? { ...base, face: 'regular', size: t.body.size, leading: t.body.leading, color: t.small.color }
        : { ...base, face: 'regular', size: t.small.size, leading: t.small.leading + t.chrome.metaExtraLeading, color: t.small.color };
    case 'clinic-name':
      return { ...base, face: 'bold', ...t.chrome.clinicName, color: t.primary };
    case 'header-meta':
      return { ...base, face: 'regular', size: t.small.size, leading: t.small.leading, color: t.small.color };
    case 'small':
      return { ...base, face: 'regular', size: t.small.size, leading: t.small.leading, color: t.small.color };
    default:
      return undefined;
  }
}

function inlines(nodes: readonly MarkupNode[], style: TextStyle, ctx: MarkupContext): Inline[] {
  const out: Inline[] = [];
  for (const n of nodes) {
    if (n.kind === 'text') {
      const text = n.text.replace(/\s+/g, ' ');
      if (text.length) out.push({ kind: 'text', text, style });
      continue;
    }
    switch (n.name) {
      case 'b':
        out.push(
          ...inlines(
            n.children,
            { ...style, face: style.face === 'italic' ? 'boldItalic' : style.face === 'heading' ? 'heading' : 'bold' },
            ctx,
          ),
        );
        break;
      case 'i':
        out.push(
          ...inlines(n.children, { ...style, face: style.face === 'bold' || style.face === 'heading' ? 'boldItalic' : 'italic' }, ctx),
        );
        break;
      case 'br':
        out.push({ kind: 'break', style });
        break;
      case 'page-number':
        out.push({ kind: 'field', field: 'page', style });
        break;
      case 'page-count':
        out.push({ kind: 'field', field: 'pages', style });
        break;
      case 'link':
        out.push(...inlines(n.children, { ...style, link: n.attrs.href ?? '', color: ctx.theme.link }, ctx));
        break;
      default:
        ctx.diags.error(
          templatePlace(n, ctx),
          `unknown inline tag <${n.name}> in template; allowed: b, i, br, link, page-number, page-count`,
          'template-unknown-tag',
        );
    }
  }
  // trim the paragraph's outer white space
  const first = out[0];
  if (first?.kind === 'text') out[0] = { ...first, text: first.text.trimStart() };
  const last = out[out.length - 1];
  if (last?.kind === 'text') out[out.length - 1] = { ...last, text: last.text.trimEnd() };
  return out.filter((i) => i.kind !== 'text' || i.text.length > 0);
}

function align(v: string | undefined): Align {
  return v === 'end' || v === 'center' || v === 'justify' ? v : 'start';
}

const STRONG = /[\p{L}]/u;
const RTL_SCRIPT = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Adlam}]/u;

/** Direction of the first strong (letter) character of some inlines, if any. */
export function firstStrongDirection(content: readonly Inline[]): 'ltr' | 'rtl' | undefined {
  for (const i of content) {
    if (i.kind !== 'text') continue;
    const m = STRONG.exec(i.text);
    if (m) return RTL_SCRIPT.test(m[0]) ? 'rtl' : 'ltr';
  }
  return undefined;
}

type Handler = (el: MarkupElement, ctx: MarkupContext) => Block[];

const handlers: Record<string, Handler> = {
  p(el, ctx) {
    const style = namedStyle(el.attrs.style, ctx);
    if (!style) {
      ctx.diags.error(
        templatePlace(el, ctx),
        `unknown style "${el.attrs.style}"; allowed: body, title, subtitle, meta, clinic-name, header-meta, small`,
        'template-unknown-style',
      );
      return [];
    }
    // a paragraph in another language (language-assistance taglines) is marked as such for screen readers
    const lang = el.attrs.lang && el.attrs.lang !== ctx.lang ? el.attrs.lang : undefined;
    const content = inlines(el.children, lang ? { ...style, lang } : style, ctx);
    if (content.length === 0) return [];
    // explicit dir, else the first strong character decides (UAX #9 P2): a clinic's Latin footer stays LTR on an Arabic page
    const direction = el.attrs.dir === 'rtl' || el.attrs.dir === 'ltr' ? el.attrs.dir : firstStrongDirection(content);
    return [
      {
        kind: 'paragraph',
        inlines: content,
        align: align(el.attrs.align),
        space: { before: 0, after: num(el, 'space-after', ctx.theme.chrome.paragraphAfter, ctx) },
        place: templatePlace(el, ctx),
        lang: lang ?? ctx.lang,
        hyphenate: false,
        ...(direction ? { direction } : {}),
      },
    ];
  },
  h(el, ctx) {
    const style = namedStyle(el.attrs.style ?? 'title', ctx)!;
    const content = inlines(el.children, style, ctx);
    const text = content.map((i) => (i.kind === 'text' ? i.text : '')).join('');
    const level = Math.round(num(el, 'level', 1, ctx));
    return [
      {
        kind: 'heading',
        level,
        inlines: content,
        anchor: el.attrs.anchor ?? 'title',
        text,
        space: { before: 0, after: ctx.theme.rhythm },
        place: templatePlace(el, ctx),
        lang: ctx.lang,
        outline: el.attrs.outline === 'true',
      },
    ];
  },
  rule(el, ctx) {
    return [
      {
        kind: 'rule',
        color: color(el.attrs.color, ctx.theme.rule.color, ctx),
        thickness: num(el, 'thickness', ctx.theme.rule.thickness, ctx),
        space: { before: 0, after: 0 },
        place: templatePlace(el, ctx),
        decorative: true,
      },
    ];
  },
  spacer(el, ctx) {
    return [{ kind: 'spacer', height: num(el, 'height', ctx.theme.rhythm, ctx) * ctx.theme.chromeScale }];
  },
  image(el, ctx) {
    const image = ctx.images.get(el.attrs.src ?? '');
    if (!image) {
      ctx.diags.error(
        templatePlace(el, ctx),
        `template image "${el.attrs.src}" is not available; known: ${[...ctx.images.keys()].join(', ') || 'none'}`,
        'template-unknown-image',
      );
      return [];
    }
    const height = num(el, 'height', ctx.theme.chrome.imageHeight, ctx) * ctx.theme.chromeScale;
    const decorative = el.attrs.decorative === 'true';
    return [
      {
        kind: 'image',
        image,
        alt: el.attrs.alt ?? '',
        decorative,
        maxWidth: (height * image.width) / image.height,
        maxHeight: height,
        align: 'start',
        space: { before: 0, after: 0 },
        place: ctx.imagePlaces?.get(el.attrs.src ?? '') ?? templatePlace(el, ctx),
      },
    ];
  },
  row(el, ctx) {
    const columns: RowColumn[] = [];
    for (const c of el.children) {
      if (c.kind !== 'element') continue;
      if (c.name !== 'column') {
        ctx.diags.error(templatePlace(c, ctx), `<row> may only contain <column>, found <${c.name}>`, 'template-unknown-tag');
        continue;
      }
      const w = c.attrs.width ?? 'fill';
      const valign = c.attrs.valign === 'middle' || c.attrs.valign === 'bottom' ? c.attrs.valign : 'top';
      const width = w === 'fill' || w === 'auto' ? w : num(c, 'width', ctx.theme.chrome.columnWidth, ctx);
      columns.push({ width, blocks: fromMarkup(c.children, ctx), valign });
    }
    const background = el.attrs.background ? color(el.attrs.background, ctx.theme.accent, ctx) : undefined;
    return [
      {
        kind: 'row',
        columns,
        gap: num(el, 'gap', ctx.theme.chrome.rowGap, ctx),
        space: { before: 0, after: 0 },
        padding: num(el, 'padding', 0, ctx),
        ...(background ? { background } : {}),
      },
    ];
  },
  qr(el, ctx) {
    // `<qr href="https://…" label="…"/>`: a QR code with its label and address (contact card)
    const href = el.attrs.href ?? '';
    if (!/^(https?:\/\/\S+|tel:\S+)$/u.test(href)) {
      ctx.diags.error(
        templatePlace(el, ctx),
        `<qr href> must be an http(s) or tel: address, got "${href.slice(0, 60)}"`,
        'template-invalid-attribute',
      );
      return [];
    }
    const t = ctx.theme;
    const place = templatePlace(el, ctx);
    const base = { strike: false, underline: false } as const;
    const labelText = (el.attrs.label ?? '').trim();
    const modules = qrModules(href);
    return [
      {
        kind: 'qr',
        url: href,
        label: labelText
          ? [
              {
                kind: 'text',
                text: labelText,
                style: { ...base, face: 'bold', size: t.body.size, leading: t.body.leading, color: t.body.color },
              },
            ]
          : [],
        labelText,
        urlInlines: [
          {
            kind: 'text',
            text: href.replace(/^tel:/u, ''),
            style: { ...base, underline: true, link: href, face: 'regular', size: t.body.size, leading: t.body.leading, color: t.link },
          },
        ],
        modules,
        size: Math.max(t.qr.size, MIN_QR_SIZE, modules.length * 1.5),
        quietModules: QUIET_MODULES,
        color: t.qr.color,
        gap: t.qr.gap,
        space: { before: 0, after: 0 },
        place,
        lang: ctx.lang,
      },
    ];
  },
  slot(el, ctx) {
    if (el.attrs.name !== 'body') {
      ctx.diags.error(templatePlace(el, ctx), `unknown slot "${el.attrs.name}"; the only slot is "body"`, 'template-unknown-slot');
      return [];
    }
    return [...ctx.body];
  },
};

/** Converts markup nodes to blocks. */
export function fromMarkup(nodes: readonly MarkupNode[], ctx: MarkupContext): Block[] {
  const out: Block[] = [];
  for (const n of nodes) {
    if (n.kind === 'text') {
      if (n.text.trim().length > 0) {
        ctx.diags.error(
          fileStart(ctx.sources[0]?.file ?? 'templates'),
          `text "${n.text.trim().slice(0, 40)}" outside a <p> in template output`,
          'template-stray-text',
        );
      }
      continue;
    }
    const h = Object.hasOwn(handlers, n.name) ? handlers[n.name] : undefined;
    if (!h) {
      ctx.diags.error(
        templatePlace(n, ctx),
        `unknown tag <${n.name}> in template; allowed: ${Object.keys(handlers).join(', ')}`,
        'template-unknown-tag',
      );
      continue;
    }
    out.push(...h(n, ctx));
  }
  return out;
}
