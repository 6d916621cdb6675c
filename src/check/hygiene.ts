/**
 * Content hygiene: review date, internal links, translation structure and clinic colour contrast.
 * (Alt text, images, variables, translations and fonts are checked by the build itself, whose
 * diagnostics `handout check` prints too.)
 */
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { toString as mdastToString } from 'mdast-util-to-string';
import GithubSlugger from 'github-slugger';
import { fileStart, type SourcePlace } from '../diagnostics.js';
import type { Brand } from '../types/brand.js';
import type { GuideMeta } from '../types/document.js';
import { contrastRatio, WCAG_AA_TEXT } from './contrast.js';
import { findDirective } from '../directives/registry.js';
import type { CheckConfig } from './config.js';
import { yamlKeyPlace, type RuleSink } from './sink.js';

const DAY_MS = 86_400_000;

/** `reviewDue` passed (at the rule's level) or within `reviewDueNoticeDays` of `today` (a note). */
export function reviewDue(file: string, source: string, meta: GuideMeta, today: Date, config: CheckConfig, sink: RuleSink): void {
  if (!meta.reviewDue) return;
  const due = Date.parse(`${meta.reviewDue}T00:00:00Z`);
  const day = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  const days = Math.round((due - day) / DAY_MS);
  const place = yamlKeyPlace(file, source, 'reviewDue', true);
  const plural = (n: number): string => `${n} day${n === 1 ? '' : 's'}`;
  if (days < 0) {
    const what = `the review date ${meta.reviewDue} has passed (${plural(-days)} ago)`;
    sink.report('review-due', place, `${what}: have the guide reviewed, then update \`reviewed\` and \`reviewDue\``);
  } else if (days <= config.reviewDueNoticeDays) {
    sink.report('review-due', place, `the review date ${meta.reviewDue} is in ${plural(days)}: plan the guide's review`, 'note');
  }
}

/** Internal links (`#anchor`) that match no heading's anchor (headings get GitHub-style slugs, as in the build). */
export function brokenLinks(file: string, root: Root, sink: RuleSink): void {
  const slugger = new GithubSlugger();
  const anchors = new Set<string>();
  visit(root, 'heading', (h) => {
    anchors.add(slugger.slug(mdastToString(h).trim()) || slugger.slug('section'));
  });
  visit(root, 'link', (link) => {
    if (!link.url.startsWith('#')) return;
    let target = link.url.slice(1);
    try {
      target = decodeURIComponent(target);
    } catch {
      /* keep as written */
    }
    if (anchors.has(target)) return;
    const known = [...anchors]
      .slice(0, 5)
      .map((a) => `\`#${a}\``)
      .join(', ');
    const p = link.position?.start;
    sink.report(
      'broken-link',
      { file, line: p?.line ?? 1, column: p?.column ?? 1 },
      `internal link \`${link.url}\` points at no heading of this guide${known ? `; headings have anchors such as ${known}` : ''}`,
    );
  });
}

interface Shape {
  readonly headings: { depth: number; place: SourcePlace }[];
  readonly items: { place: SourcePlace }[];
  readonly callouts: { name: string; place: SourcePlace }[];
}

function shapeOf(file: string, root: Root): Shape {
  const at = (n: { position?: { start: { line: number; column: number } } | undefined }): SourcePlace => ({
    file,
    line: n.position?.start.line ?? 1,
    column: n.position?.start.column ?? 1,
  });
  const shape: Shape = { headings: [], items: [], callouts: [] };
  visit(root, (n) => {
    if (n.type === 'heading') shape.headings.push({ depth: n.depth, place: at(n) });
    else if (n.type === 'listItem') shape.items.push({ place: at(n) });
    else if (n.type === 'containerDirective' && findDirective('container', n.name)) shape.callouts.push({ name: n.name, place: at(n) });
  });
  return shape;
}

/**
 * A translation whose structure differs from its source: headings (number and levels), list items
 * and callouts (number and kinds). Reported at the first place where they part.
 */
export function translationStructure(file: string, root: Root, sourceFile: string, sourceRoot: Root, sink: RuleSink): void {
  if (!sink.on('translation-structure')) return;
  const t = shapeOf(file, root);
  const s = shapeOf(sourceFile, sourceRoot);
  const src = sourceFile.split(/[\\/]/).pop();
  const firstDiff = <T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean): number => {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) if (!same(a[i]!, b[i]!)) return i;
    return a.length === b.length ? -1 : n;
  };
  const placeAt = (list: readonly { place: SourcePlace }[], i: number): SourcePlace =>
    list[Math.min(i, list.length - 1)]?.place ?? fileStart(file);
  const h = firstDiff(t.headings, s.headings, (a, b) => a.depth === b.depth);
  if (h >= 0) {
    const level =
      h < Math.min(t.headings.length, s.headings.length)
        ? `; heading ${h + 1} is level ${t.headings[h]!.depth} here and ${s.headings[h]!.depth} in the source (line ` +
          `${s.headings[h]!.place.line})`
        : '';
    const counts = `this translation has ${t.headings.length} headings and its source ${src} has ${s.headings.length}`;
    sink.report('translation-structure', placeAt(t.headings, h), `${counts}${level}: keep the same sections as the source`);
  }
  if (t.items.length !== s.items.length) {
    const counts = `this translation has ${t.items.length} list items and its source ${src} has ${s.items.length}`;
    sink.report(
      'translation-structure',
      placeAt(
        t.items,
        firstDiff(t.items, s.items, () => true),
      ),
      `${counts}: translate every item, and add none`,
    );
  }
  const c = firstDiff(t.callouts, s.callouts, (a, b) => a.name === b.name);
  if (c >= 0) {
    const names = (list: readonly { name: string }[]): string => list.map((x) => x.name).join(', ') || 'none';
    sink.report(
      'translation-structure',
      placeAt(t.callouts, c),
      `this translation's callouts (${names(t.callouts)}) differ from its source ${src} (${names(s.callouts)})`,
    );
  }
}

/** Clinic colours whose text contrast is below WCAG AA (4.5:1): body text and headings/links on white, text on the accent tint. */
export function colorContrast(clinicFile: string, clinicText: string, brand: Brand, sink: RuleSink): void {
  const place = yamlKeyPlace(clinicFile, clinicText, 'colors', false);
  const pairs: [string, string, string][] = [
    ['colors.text', brand.colors.text, '#FFFFFF'],
    ['colors.primary', brand.colors.primary, '#FFFFFF'],
    ['colors.text on colors.accent', brand.colors.text, brand.colors.accent],
  ];
  for (const [what, fg, bg] of pairs) {
    const ratio = contrastRatio(fg, bg);
    if (ratio < WCAG_AA_TEXT) {
      sink.report(
        'color-contrast',
        place,
        `${what} (${fg} on ${bg}) has a contrast of ${ratio.toFixed(2)}:1, below WCAG AA's ${WCAG_AA_TEXT}:1 for text: choose ` +
          `a darker text colour or a lighter background`,
      );
    }
  }
}
