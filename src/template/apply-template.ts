/**
 * The template stage: Handlebars lays out the page chrome from brand, locale
 * strings and guide metadata; the guide body (mdast) becomes blocks through
 * from-mdast and is poured into the body slot.
 */
import path from 'node:path';
import type { Diagnostics } from '../diagnostics.js';
import type { ResolvedDocument } from '../types/document.js';
import type { ImageAsset } from '../types/image.js';
import type { Block, LayoutTree, PageTemplate } from '../types/layout-tree.js';
import { loadTemplates, type TemplateContext } from './environment.js';
import { fromMdast } from './from-mdast/index.js';
import { fromMarkup, templatePlace, type MarkupContext } from './from-markup.js';
import { parseMarkup, type MarkupElement, type MarkupNode } from './markup.js';
import { formatIcu, ownStringsFor, stringsFor } from './locale.js';
import type { LocalizedLine } from './environment.js';
import { themeFor } from './theme.js';
import { packageDir } from '../package-dir.js';
import { directionOfLang } from '../i18n/direction.js';
import { createdDate, type Settings } from '../settings.js';

/** Page sizes in points. */
export const PAPER_SIZES = { letter: { width: 612, height: 792 }, a4: { width: 595.28, height: 841.89 } } as const;


function findElement(nodes: readonly MarkupNode[], name: string): MarkupElement | undefined {
  for (const n of nodes) {
    if (n.kind !== 'element') continue;
    if (n.name === name) return n;
    const inner = findElement(n.children, name);
    if (inner) return inner;
  }
  return undefined;
}

/**
 * Applies the templates (the clinic's `settings.templateDirs` first) to a resolved document; an interpreter
 * notice in `settings.patientLanguage` after a translation fallback. Returns undefined after errors.
 */
export function applyTemplate(doc: ResolvedDocument, settings: Settings, diags: Diagnostics): LayoutTree | undefined {
  const theme = themeFor(doc.brand);
  const root = packageDir();
  const localesDir = path.join(root, 'locales');
  const strings = stringsFor(localesDir, doc.meta.lang, diags, { file: doc.file, line: 1, column: 1 });
  const brand = doc.brand;
  // the phone number stays one left-to-right unit inside right-to-left taglines (first-strong isolate)
  const phone = brand.contact.phone ? `\u2068${brand.contact.phone}\u2069` : 'none';
  const localized = (lang: string, key: string): LocalizedLine | null => {
    const own = ownStringsFor(localesDir, lang);
    const message = own?.[key];
    if (!message) {
      diags.warning({ file: brand.file, line: 1, column: 1 }, `no UI string \`${key}\` for language \`${lang}\` (looked in locales/${lang}.json); the line is left out`, 'locale-missing-strings');
      return null;
    }
    return { lang, dir: directionOfLang(lang), text: formatIcu(message, lang, { phone }) };
  };
  const languageAssistance = (brand.languageAssistance?.languages ?? []).map((l) => localized(l, 'languageAssistance')).filter((l): l is LocalizedLine => l !== null);
  const interpreterNotice = settings.patientLanguage !== null ? localized(settings.patientLanguage, 'interpreterNotice') : null;
  const ctx: TemplateContext = {
    paper: doc.paper,
    clinic: {
      name: brand.name,
      logo: brand.logo !== undefined,
      contact: {
        phone: brand.contact.phone ?? null,
        website: brand.contact.website ?? null,
        address: brand.contact.address ?? null,
        email: brand.contact.email ?? null,
      },
      footer: brand.footer ?? null,
    },
    guide: {
      title: doc.meta.title,
      subtitle: doc.meta.subtitle ?? null,
      version: doc.meta.version,
      reviewed: doc.meta.reviewed ?? null,
      reviewDue: doc.meta.reviewDue ?? null,
      lang: doc.meta.lang,
    },
    locale: { lang: doc.meta.lang, strings },
    direction: directionOfLang(doc.meta.lang),
    languageAssistance,
    interpreterNotice,
  };
  const set = loadTemplates('handout.hbs', [...settings.templateDirs, path.join(root, 'templates')]);
  let markup: string;
  try {
    markup = set.render(ctx);
  } catch (e) {
    const message = e instanceof Error ? e.message.split('\n')[0]! : String(e);
    diags.error({ file: set.sources[0]!.file, line: 1, column: 1 }, `template failed: ${message}`, 'template-error');
    return undefined;
  }
  const nodes = parseMarkup(markup);
  const pageEl = findElement(nodes, 'page');
  const size = PAPER_SIZES[doc.paper];
  const images = new Map<string, ImageAsset>();
  if (brand.logo) images.set('clinic-logo', { data: brand.logo.data, format: 'png', width: brand.logo.width, height: brand.logo.height, key: `logo-${brand.id}-${brand.logo.data.length}` });
  const contentWidth = size.width - Number(pageEl?.attrs['margin-left'] ?? 60) - Number(pageEl?.attrs['margin-right'] ?? 60);
  const body: Block[] = fromMdast(doc.root, { theme, lang: doc.meta.lang, file: doc.file, images: doc.images, diags, contentWidth, toc: doc.meta.toc ?? false, align: doc.meta.align ?? 'start' });
  const mctx: MarkupContext = { theme, lang: doc.meta.lang, diags, sources: set.sources, images, body };
  const region = (name: string): Block[] => {
    const el = findElement(nodes, name);
    return el ? fromMarkup(el.children, mctx) : [];
  };
  if (!pageEl) diags.error({ file: set.sources[0]!.file, line: 1, column: 1 }, 'template output has no <page> element', 'template-missing-page');
  const attr = (name: string, fallback: number): number => {
    const v = Number(pageEl?.attrs[name] ?? fallback);
    if (!Number.isFinite(v) || v < 0) {
      if (pageEl) diags.error(templatePlace(pageEl, mctx), `attribute ${name} on <page> must be a non-negative number`, 'template-invalid-attribute');
      return fallback;
    }
    return v;
  };
  const page: PageTemplate = {
    width: size.width,
    height: size.height,
    margin: { top: attr('margin-top', 90), right: attr('margin-right', 60), bottom: attr('margin-bottom', 78), left: attr('margin-left', 60) },
    header: region('header'),
    headerHeight: attr('header-height', 44),
    footer: region('footer'),
    footerHeight: attr('footer-height', 44),
  };
  const bodyBlocks = region('body');
  if (diags.hasErrors) return undefined;
  return {
    page,
    body: bodyBlocks,
    info: {
      title: doc.meta.title,
      ...(doc.meta.subtitle ? { subtitle: doc.meta.subtitle } : {}),
      lang: doc.meta.lang,
      author: brand.name,
      subject: doc.meta.subtitle ?? doc.meta.title,
      created: createdDate(settings, doc.meta),
      direction: directionOfLang(doc.meta.lang),
    },
  };
}
