/**
 * Loads and validates a clinic brand profile (`content/clinics/<id>/clinic.yaml`).
 * Every problem is recorded as a diagnostic positioned at the offending key
 * or value; nothing is thrown for bad content.
 */
import path from 'node:path';
import { isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type * as z from 'zod';
import { loadImage } from '../assets/load-image.js';
import { Diagnostics, suggestion, fileStart, type SourcePlace } from '../diagnostics.js';
import type { Brand, BrandFont, BrandLogo, ClinicFontRole } from '../types/brand.js';
import { loadClinicFonts, type FontRef } from './clinic-fonts.js';
import { textOf, type World } from '../world.js';
import { CLINIC_FIELDS, CLINIC_KEYS, clinicSchema, PAPER_NAMES, type ClinicFile } from './clinic-schema.js';
import { DEFAULT_TEXT_COLOR, tint } from './colors.js';
import { checkBrandContrast } from './contrast-gate.js';
import { clinicIdOf } from './clinic-id.js';
import { FORBIDDEN_KEYS, lookup, placeOf, yamlToPlain } from './yaml-tree.js';

/** Largest clinic.yaml accepted (bytes). */
export const MAX_CLINIC_FILE_BYTES = 256 * 1024;

/** Default paper when a clinic does not set `paper`. */
export const DEFAULT_PAPER = 'letter';

export { clinicIdOf } from './clinic-id.js';

/** Shows a YAML value as the author wrote it (shortened). */
function shown(node: Node | undefined, value: unknown): string {
  const raw =
    isScalar(node) && typeof node.source === 'string' && node.source !== '' ? node.source : (JSON.stringify(value) ?? String(value));
  return raw.length > 60 ? `${raw.slice(0, 57)}...` : raw;
}

function yamlKind(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'true/false';
  return 'text';
}

interface Ctx {
  readonly file: string;
  readonly doc: Document.Parsed;
  readonly lc: LineCounter;
  readonly diags: Diagnostics;
  readonly data: unknown;
}

function valueAt(data: unknown, at: readonly PropertyKey[]): unknown {
  let v = data;
  for (const seg of at) {
    if (v === null || typeof v !== 'object') return undefined;
    v = Object.prototype.hasOwnProperty.call(v, seg) ? (v as Record<PropertyKey, unknown>)[seg] : undefined;
  }
  return v;
}

function isColorPath(dotted: string): boolean {
  return dotted.startsWith('colors.');
}

function reportIssue(ctx: Ctx, issue: z.core.$ZodIssue): void {
  const { file, doc, lc, diags } = ctx;
  const dotted = issue.path.map(String).join('.');
  const info = CLINIC_FIELDS[dotted] ?? { expect: 'a valid value', example: '' };
  const eg = info.example ? `, e.g. \`${info.example}\`` : '';

  if (issue.code === 'unrecognized_keys') {
    const { container } = lookup(doc, issue.path);
    const allowed = CLINIC_KEYS[dotted] ?? [];
    for (const key of issue.keys) {
      if (FORBIDDEN_KEYS.has(key)) continue;
      const pair = lookup(doc, [...issue.path, key]).pair;
      const where = dotted === '' ? 'clinic.yaml' : `\`${dotted}\``;
      diags.error(
        placeOf(file, lc, (pair?.key as Node | undefined) ?? container),
        `unknown key \`${key}\` in ${where}; allowed keys: ${allowed.map((k) => `\`${k}\``).join(', ')}`,
        'clinic-unknown-key',
        suggestion(key, allowed),
      );
    }
    return;
  }

  const found = lookup(doc, issue.path);
  const value = valueAt(ctx.data, issue.path);
  if (found.pair === undefined) {
    const parent = issue.path.slice(0, -1).map(String).join('.');
    const under = parent === '' ? 'at the top level' : `under \`${parent}:\``;
    diags.error(
      placeOf(file, lc, found.container),
      `missing required field \`${dotted}\`: ${info.expect}; add it ${under}${eg}`,
      'clinic-missing-field',
    );
    return;
  }

  const node = found.node;
  const at = placeOf(file, lc, node ?? (found.pair.key as Node));
  const rule = isColorPath(dotted) ? 'clinic-invalid-color' : 'clinic-invalid-value';

  if (value === null || value === undefined) {
    const comment = isScalar(node) ? (node.comment ?? undefined) : undefined;
    const hint =
      isColorPath(dotted) && comment !== undefined && /^\s*[0-9a-f]{3,6}\b/i.test(comment)
        ? `; \`#\` starts a comment in YAML, so the colour must be quoted: \`${dotted.split('.').pop() ?? dotted}: ` +
          `"#${comment.trim().split(/\s/)[0] ?? ''}"\``
        : `${eg}, or remove the key`;
    diags.error(at, `\`${dotted}\` is empty; it must be ${info.expect}${hint}`, rule);
    return;
  }

  if (issue.code === 'invalid_value' && dotted === 'paper') {
    diags.error(
      at,
      `\`paper\` is \`${shown(node, value)}\`; allowed: ${PAPER_NAMES.map((p) => `\`${p}\``).join(', ')}`,
      rule,
      suggestion(typeof value === 'string' ? value : shown(node, value), PAPER_NAMES),
    );
    return;
  }
  if (issue.code === 'invalid_type') {
    diags.error(at, `\`${dotted}\` must be ${info.expect}, but it is ${yamlKind(value)} \`${shown(node, value)}\`${eg}`, rule);
    return;
  }
  if (issue.code === 'too_small' && typeof value === 'string') {
    diags.error(at, `\`${dotted}\` is blank; it must be ${info.expect}${eg}, or remove the key`, rule);
    return;
  }
  if (issue.code === 'too_big') {
    diags.error(
      at,
      `\`${dotted}\` is too long (${typeof value === 'string' ? value.length : shown(node, value).length} characters); it ` +
        `must be ${info.expect}`,
      rule,
    );
    return;
  }
  const what = isColorPath(dotted) ? 'not a colour' : 'not valid';
  diags.error(at, `\`${dotted}\` is ${what}: \`${shown(node, value)}\`; it must be ${info.expect}${eg}`, rule);
}

/**
 * An unquoted colour inside a flow map (`colors: { primary: #1F5FAD }`): YAML reads `#…` as a comment, so the
 * map never closes and the parser complains a line later. The place of the first such `#`, with its key and value.
 */
function unquotedFlowColour(source: string): { line: number; column: number; key: string; hex: string } | undefined {
  const lines = source.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^((?:[^#"']|"[^"]*"|'[^']*')*[{,]\s*([A-Za-z][\w-]*)\s*:\s*)#([0-9a-fA-F]{3,8})\b/.exec(lines[i]!);
    if (m && !m[1]!.includes('{')) continue;
    if (m) return { line: i + 1, column: [...m[1]!].length + 1, key: m[2]!, hex: m[3]! };
  }
  return undefined;
}

function reportYamlErrors(file: string, doc: Document.Parsed, lc: LineCounter, diags: Diagnostics, source = ''): void {
  const flowColour = doc.errors.some((e) => /flow (map|sequence|collection)/i.test(e.message)) ? unquotedFlowColour(source) : undefined;
  if (flowColour) {
    const { line, column, key, hex } = flowColour;
    diags.error(
      { file, line, column },
      `\`${key}\` has an unquoted colour \`#${hex}\` inside \`{ … }\`: \`#\` starts a comment in YAML, so the rest of the ` +
        `line is ignored and the \`{\` is never closed; the colour must be quoted: \`${key}: "#${hex}"\``,
      'clinic-invalid-color',
    );
    return;
  }
  for (const err of doc.errors) {
    const { line, col } = lc.linePos(Math.max(0, err.pos[0]));
    diags.error({ file, line, column: col }, `${path.basename(file)} is not valid YAML: ${err.message}`, 'clinic-yaml-syntax');
  }
  for (const warn of doc.warnings) {
    // Unknown tags are reported (once, at the node) by yamlToPlain.
    if (warn.code === 'TAG_RESOLVE_FAILED') continue;
    const { line, col } = lc.linePos(Math.max(0, warn.pos[0]));
    diags.error(
      { file, line, column: col },
      `${path.basename(file)} uses an unsupported YAML feature: ${warn.message}; write plain values (quote text if needed)`,
      'clinic-yaml-syntax',
    );
  }
}

function decodeClinicText(file: string, data: Buffer, diags: Diagnostics): string | undefined {
  const r = textOf(file, data);
  if (r.ok) return r.text.replace(/^\uFEFF/, '');
  diags.error(r.reason === 'not-utf8' ? { file, line: r.line, column: r.column } : fileStart(file), r.detail, 'not-utf8');
  return undefined;
}

function readClinicFile(file: string, diags: Diagnostics, world: World): string | undefined {
  const dir = path.dirname(file);
  let read;
  try {
    read = world.read(path.basename(file), dir, [dir], MAX_CLINIC_FILE_BYTES);
  } catch (err) {
    diags.error(
      fileStart(file),
      `clinic profile \`${file}\` could not be read (${err instanceof Error ? err.message : String(err)})`,
      'clinic-not-found',
    );
    return undefined;
  }
  if (read.ok) return decodeClinicText(file, read.data, diags);
  if (read.reason === 'too-large') {
    diags.error(
      fileStart(file),
      `clinic profile \`${file}\` is too large (${read.detail}); a clinic.yaml is a few lines of settings`,
      'clinic-too-large',
    );
  } else {
    diags.error(
      fileStart(file),
      `clinic profile \`${file}\` was not found (${read.detail}); each clinic needs a file ` +
        `\`content/clinics/<id>/clinic.yaml\` with at least \`name\` and \`colors.primary\``,
      'clinic-not-found',
    );
  }
  return undefined;
}

/**
 * Reads, validates and normalises a clinic profile, loading its logo
 * (confined to the clinic's folder). Records every problem found in `diags`
 * (rule ids `clinic-not-found`, `clinic-too-large`, `clinic-yaml-syntax`,
 * `clinic-forbidden-key`, `clinic-unknown-key`, `clinic-missing-field`,
 * `clinic-invalid-color`, `clinic-invalid-value`, and the `image-*` rules
 * of the logo) and returns `undefined` when any of them is an error.
 */
export async function loadClinic(file: string, diags: Diagnostics, world: World): Promise<Brand | undefined> {
  const errorsBefore = diags.errorCount;
  const hasNewErrors = (): boolean => diags.errorCount > errorsBefore;

  const source = readClinicFile(file, diags, world);
  if (source === undefined) return undefined;

  // Line starts from the source itself: the parser's own LineCounter misses newlines inside broken plain scalars.
  const lc = new LineCounter();
  lc.addNewLine(0);
  for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) lc.addNewLine(i + 1);
  const doc = parseDocument(source, { schema: 'core', customTags: [], uniqueKeys: true, prettyErrors: false, merge: false });
  reportYamlErrors(file, doc, lc, diags, source);
  if (doc.errors.length > 0) return undefined;

  const { value: data, problems } = yamlToPlain(doc);
  for (const p of problems) {
    const at = placeOf(file, lc, p.node);
    if (p.kind === 'forbidden-key') {
      diags.error(at, `key \`${p.detail}\` is not allowed (reserved name); remove it`, 'clinic-forbidden-key');
    } else if (p.kind === 'complex-key') {
      diags.error(at, 'keys must be plain words such as `name` or `colors`; remove the `?` / list / mapping key', 'clinic-yaml-syntax');
    } else if (p.kind === 'custom-tag') {
      // The node's range starts after its tag; point at the tag itself.
      const start = p.node?.range?.[0];
      let bang = start === undefined ? -1 : source.lastIndexOf('!', start);
      while (bang > 0 && source[bang - 1] === '!') bang--;
      diags.error(
        bang >= 0 ? placeOf(file, lc, { range: [bang] }) : at,
        `YAML tag \`${p.detail}\` is not allowed in clinic.yaml; remove it and write a plain value`,
        'clinic-yaml-syntax',
      );
    } else {
      diags.error(
        at,
        `clinic.yaml expands to ${p.detail} (through anchors and aliases); write the values out plainly`,
        'clinic-yaml-syntax',
      );
    }
  }

  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    const empty = data === null || data === undefined;
    diags.error(
      placeOf(file, lc, doc.contents),
      empty
        ? 'clinic.yaml is empty; it needs at least `name` and `colors.primary`, e.g. `name: Example Community Clinic` and ' +
            '`colors: { primary: "#1F5FAD" }`'
        : `clinic.yaml must be a mapping of \`key: value\` lines, but it is ${yamlKind(data)}; start with e.g. \`name: ` +
            `Example Community Clinic\``,
      empty ? 'clinic-missing-field' : 'clinic-invalid-value',
    );
    return undefined;
  }

  // Schema problems are collected, then recorded in file order.
  const found = new Diagnostics();
  const ctx: Ctx = { file, doc, lc, diags: found, data };
  const parsed = clinicSchema.safeParse(data);
  if (!parsed.success) for (const issue of parsed.error.issues) reportIssue(ctx, issue);
  for (const d of [...found.list].sort((a, b) => a.line - b.line || a.column - b.column))
    diags.error({ file: d.file, line: d.line, column: d.column }, d.message, d.ruleId, d.hint);

  // The logo is checked even when other fields have problems, so one run shows everything.
  let logo: BrandLogo | undefined;
  const logoRef = (data as Record<string, unknown>)['logo'];
  if (typeof logoRef === 'string' && logoRef.trim() !== '') {
    const logoNode = lookup(doc, ['logo']).node;
    const place: SourcePlace = placeOf(file, lc, logoNode);
    const dir = path.dirname(file);
    const asset = await loadImage(logoRef.trim(), dir, [dir], world, place, diags);
    if (asset)
      logo = {
        data: asset.data,
        format: asset.format,
        width: asset.width,
        height: asset.height,
        ...(asset.vector ? { vector: asset.vector } : {}),
        place,
      };
  }

  // fonts too: each named file is read from the clinic folder and must be a usable TTF/OTF font
  let fonts: Partial<Record<ClinicFontRole, BrandFont>> | undefined;
  const fontMap = (data as Record<string, unknown>)['fonts'];
  if (fontMap !== null && typeof fontMap === 'object' && !Array.isArray(fontMap)) {
    const refs: FontRef[] = [];
    for (const [role, ref] of Object.entries(fontMap)) {
      if (typeof ref !== 'string' || ref.trim() === '' || !(CLINIC_KEYS['fonts'] ?? []).includes(role)) continue; // reported by the schema
      refs.push({ role: role as ClinicFontRole, ref: ref.trim(), place: placeOf(file, lc, lookup(doc, ['fonts', role]).node) });
    }
    fonts = loadClinicFonts(refs, path.dirname(file), world, diags);
  }

  if (!parsed.success || hasNewErrors()) return undefined;
  const brand = toBrand(file, parsed.data, logo, fonts);
  const at = (key: 'primary' | 'accent' | 'text') => {
    const node = lookup(doc, ['colors', key]).node;
    return { key, value: brand.colors[key], place: node ? placeOf(file, lc, node) : undefined };
  };
  if (!checkBrandContrast({ primary: at('primary'), accent: at('accent'), text: at('text') }, diags)) return undefined;
  return brand;
}

function toBrand(file: string, c: ClinicFile, logo: BrandLogo | undefined, fonts: Brand['fonts'] | undefined): Brand {
  const contact = c.contact ?? {};
  return {
    id: clinicIdOf(file),
    file,
    name: c.name,
    ...(logo ? { logo } : {}),
    ...(fonts && Object.keys(fonts).length > 0 ? { fonts } : {}),
    colors: { primary: c.colors.primary, accent: c.colors.accent ?? tint(c.colors.primary), text: c.colors.text ?? DEFAULT_TEXT_COLOR },
    contact: {
      ...(contact.phone !== undefined ? { phone: contact.phone } : {}),
      ...(contact.website !== undefined ? { website: contact.website } : {}),
      ...(contact.address !== undefined ? { address: contact.address } : {}),
      ...(contact.email !== undefined ? { email: contact.email } : {}),
    },
    paper: c.paper ?? DEFAULT_PAPER,
    ...(c.footer !== undefined
      ? {
          footer:
            typeof c.footer === 'string'
              ? c.footer
              : Object.fromEntries(Object.entries(c.footer).map(([t, v]) => [Intl.getCanonicalLocales(t)[0]!, v])),
        }
      : {}),
    ...(c.contactCard !== undefined
      ? { contactCard: Object.fromEntries(Object.entries(c.contactCard).filter(([, v]) => v !== undefined)) }
      : {}),
    ...(c.safety !== undefined ? { safety: c.safety } : {}),
    ...(c.locales !== undefined ? { locales: c.locales.map((t) => Intl.getCanonicalLocales(t)[0]!) } : {}),
    ...(c.languageAssistance !== undefined
      ? { languageAssistance: { languages: c.languageAssistance.languages.map((t) => Intl.getCanonicalLocales(t)[0]!) } }
      : {}),
  };
}
