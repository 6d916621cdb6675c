/**
 * The template stage: Handlebars lays out the page chrome from brand, locale
 * strings and guide metadata; the guide body (mdast) becomes blocks through
 * from-mdast and is poured into the body slot.
 */
import path from 'node:path';
import { fileStart, type Diagnostics, type SourcePlace } from '../diagnostics.js';
import type { ResolvedDocument } from '../types/document.js';
import type { Brand } from '../types/brand.js';
import { readFileText, type World } from '../world.js';
import type { ImageAsset } from '../types/image.js';
import type { Block, LayoutTree, PageTemplate } from '../types/layout-tree.js';
import { loadTemplates, TemplateError, type TemplateContext, type TemplateSet } from './environment.js';
import { fromMdast } from './from-mdast/index.js';
import { fromMarkup, templatePlace, type MarkupContext } from './from-markup.js';
import { parseMarkup, type MarkupElement, type MarkupNode } from './markup.js';
import { formatIcu, localeLoader, ownStringsFor, stringsFor } from './locale.js';
import { labelsFor } from './from-mdast/labels.js';
import type { LocalizedLine } from './environment.js';
import { largePrintTheme, themeFor } from './theme.js';
import { PRINT_SAFE } from '../print-safe.js';
import { packageDir } from '../package-dir.js';
import { directionOfLang } from '../i18n/direction.js';
import { boundedMemo } from '../bounded-memo.js';
import { createdDate, type Settings } from '../settings.js';

/** Large print: extra bottom margin for the stacked 18 pt footer (about two of its lines). */
const LARGE_PRINT_FOOTER_ROOM = 40;
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

/** The `footer:` line of a clinic profile (read again through `world`), else its start. */
function footerPlace(file: string, world: World): SourcePlace {
  const r = readFileText(world, file);
  const i = r.ok ? r.text.split(/\r?\n/).findIndex((l) => /^footer\s*:/.test(l)) : -1;
  return i < 0 ? fileStart(file) : { file, line: i + 1, column: 1 };
}

/**
 * The clinic's footer line for `lang`: the one text, or from a per-language map the exact tag, then its
 * language without region or script (`es` for `es-MX`), then English (or the first given) with a warning.
 */
export function footerFor(brand: Brand, lang: string, diags: Diagnostics, world: World): string | null {
  const footer = brand.footer;
  if (footer === undefined) return null;
  if (typeof footer === 'string') return footer;
  const lower = new Map(Object.entries(footer).map(([t, v]) => [t.toLowerCase(), v]));
  const exact = lower.get(lang.toLowerCase()) ?? lower.get(lang.split('-')[0]!.toLowerCase());
  if (exact !== undefined) return exact;
  const fallbackTag = lower.has('en') ? 'en' : Object.keys(footer)[0]!;
  diags.warning(
    footerPlace(brand.file, world),
    `the clinic's \`footer\` has no \`${lang}\` text, so the \`${fallbackTag}\` one is printed on the \`${lang}\` handout; ` +
      `add \`${lang}: …\` under \`footer\``,
    'footer-missing-lang',
  );
  return lower.get(fallbackTag.toLowerCase()) ?? null;
}

/** {@link directionOfLang}, remembered per tag (ICU's likely-subtags lookup behind it was about 1% of a warm build). */
const directionOf = boundedMemo(directionOfLang, 256);

/** Input of the template stage: the resolved guide, and the World its templates and locale strings are read through. */
export interface TemplateInput {
  readonly doc: ResolvedDocument;
  readonly world: World;
}

/**
 * Applies the templates (the clinic's `settings.templateDirs` first) to a resolved document; an interpreter
 * notice in `settings.patientLanguage` after a translation fallback. Templates and `locales/*.json` are read
 * through `world` (confined to their folders, recorded by incremental builds). Returns undefined after errors.
 */
export function applyTemplate(input: TemplateInput, settings: Settings, diags: Diagnostics): LayoutTree | undefined {
  const { doc, world } = input;
  const theme = settings.largePrint ? largePrintTheme(doc.brand) : themeFor(doc.brand);
  const root = packageDir();
  const locales = localeLoader(world, path.join(root, 'locales'), diags);
  const strings = stringsFor(locales, doc.meta.lang, diags, fileStart(doc.file));
  const brand = doc.brand;
  // the phone number stays one left-to-right unit inside right-to-left taglines (first-strong isolate)
  const phone = brand.contact.phone ? `\u2068${brand.contact.phone}\u2069` : 'none';
  const localized = (lang: string, key: string): LocalizedLine | null => {
    const own = ownStringsFor(locales, lang);
    const message = own?.[key];
    if (!message) {
      diags.warning(
        fileStart(brand.file),
        `no UI string \`${key}\` for language \`${lang}\` (looked in locales/${lang}.json); the line is left out`,
        'locale-missing-strings',
      );
      return null;
    }
    return { lang, dir: directionOf(lang), text: formatIcu(message, lang, { phone }) };
  };
  const languageAssistance = (brand.languageAssistance?.languages ?? [])
    .map((l) => localized(l, 'languageAssistance'))
    .filter((l): l is LocalizedLine => l !== null);
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
      footer: footerFor(brand, doc.meta.lang, diags, world),
      contactCard: brand.contactCard
        ? {
            phone: brand.contactCard.phone ?? null,
            hours: brand.contactCard.hours ?? null,
            website: brand.contactCard.website ?? null,
            address: brand.contactCard.address ?? null,
          }
        : null,
      safety: brand.safety ?? null,
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
    direction: directionOf(doc.meta.lang),
    languageAssistance,
    interpreterNotice,
    largePrint: settings.largePrint,
  };
  let set: TemplateSet;
  let markup: string;
  try {
    set = loadTemplates('handout.hbs', [...settings.templateDirs, path.join(root, 'templates')], world);
    markup = set.render(ctx);
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
    diags.error(e.place, e.message, e.ruleId);
    return undefined;
  }
  const nodes = parseMarkup(markup);
  const pageEl = findElement(nodes, 'page');
  const size = PAPER_SIZES[doc.paper];
  const images = new Map<string, ImageAsset>();
  if (brand.logo)
    images.set('clinic-logo', {
      data: brand.logo.data,
      format: brand.logo.format,
      width: brand.logo.width,
      height: brand.logo.height,
      key: `logo-${brand.id}-${brand.logo.data.length}`,
      ...(brand.logo.vector ? { vector: brand.logo.vector } : {}),
    });
  const margins = theme.chrome.page; // when the template's <page> leaves one out
  const contentWidth =
    size.width - Number(pageEl?.attrs['margin-left'] ?? margins.left) - Number(pageEl?.attrs['margin-right'] ?? margins.right);
  const body: Block[] = fromMdast(doc.root, {
    theme,
    labels: labelsFor(locales, doc.meta.lang),
    lang: doc.meta.lang,
    file: doc.file,
    images: doc.images,
    diags,
    contentWidth,
    toc: doc.meta.toc ?? false,
    align: settings.largePrint ? 'start' : (doc.meta.align ?? 'start'),
    template: settings.template ?? doc.meta.template ?? 'handout',
  });
  const imagePlaces = new Map<string, SourcePlace>(brand.logo ? [['clinic-logo', brand.logo.place]] : []);
  const mctx: MarkupContext = { theme, lang: doc.meta.lang, diags, sources: set.sources, images, imagePlaces, body };
  const region = (name: string): Block[] => {
    const el = findElement(nodes, name);
    return el ? fromMarkup(el.children, mctx) : [];
  };
  if (!pageEl) diags.error(fileStart(set.sources[0]!.file), 'template output has no <page> element', 'template-missing-page');
  const attr = (name: string, fallback: number): number => {
    const v = Number(pageEl?.attrs[name] ?? fallback);
    if (!Number.isFinite(v) || v < 0) {
      if (pageEl)
        diags.error(templatePlace(pageEl, mctx), `attribute ${name} on <page> must be a non-negative number`, 'template-invalid-attribute');
      return fallback;
    }
    if (name.startsWith('margin-') && v < PRINT_SAFE) {
      if (pageEl)
        diags.error(
          templatePlace(pageEl, mctx),
          `${name}="${v}" on <page> puts text within ${PRINT_SAFE} pt (¼ in) of the page edge, where many printers cannot ` +
            `print; use at least ${PRINT_SAFE}`,
          'print-safe',
        );
      return fallback;
    }
    return v;
  };
  const k = theme.chromeScale;
  // large print: the stacked 18 pt footer needs more room than the grown margin gives
  const footerRoom = theme.largePrint ? LARGE_PRINT_FOOTER_ROOM : 0;
  const page: PageTemplate = {
    width: size.width,
    height: size.height,
    // large print: the chrome's text is larger, so its regions (top and bottom margins) grow with it
    margin: {
      top: attr('margin-top', margins.top) * k,
      right: attr('margin-right', margins.right),
      bottom: attr('margin-bottom', margins.bottom) * k + footerRoom,
      left: attr('margin-left', margins.left),
    },
    header: region('header'),
    headerHeight: attr('header-height', margins.header) * k,
    footer: region('footer'),
    footerHeight: attr('footer-height', margins.footer) * k,
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
      direction: directionOf(doc.meta.lang),
    },
  };
}
