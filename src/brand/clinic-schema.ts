/**
 * The contract of `content/clinics/<id>/clinic.yaml`, as a zod schema plus
 * the human descriptions used in diagnostics.
 */
import * as z from 'zod';
import { HEX_COLOR_PATTERN, normalizeHex } from './colors.js';

/** Longest accepted clinic name (characters). */
export const MAX_NAME_LENGTH = 200;
/** Longest accepted footer (characters). */
export const MAX_FOOTER_LENGTH = 600;

/** Accepted paper names. */
export const PAPER_NAMES = ['letter', 'a4'] as const;

const EMAIL_PATTERN = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:".]+(?:\.[^\s@<>()[\]\\,;:".]+)+$/;

function isWebUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

const text = z.string().trim().min(1);
const color = z.string().regex(HEX_COLOR_PATTERN).transform(normalizeHex);

/** Whether `tag` is a well-formed BCP 47 language tag. */
function isLangTag(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

/** A non-empty list of well-formed language tags (a bad tag is one issue at the list, naming it). */
const langTags = z
  .array(z.string().trim())
  .min(1)
  .superRefine((tags, ctx) => {
    const bad = tags.filter((t) => !isLangTag(t));
    if (bad.length > 0)
      ctx.addIssue({
        code: 'custom',
        message: `not a BCP 47 language tag: ${bad.map((t) => `\`${t}\``).join(', ')} (e.g. \`es\`, \`zh-Hant\`, \`pt-BR\`)`,
      });
  });

/** Schema of a clinic profile (strict: unknown keys are issues). */
export const clinicSchema = z.strictObject({
  name: text.max(MAX_NAME_LENGTH),
  logo: text.optional(),
  colors: z.strictObject({
    primary: color,
    accent: color.optional(),
    text: color.optional(),
  }),
  contact: z
    .strictObject({
      phone: text.regex(/\d/).optional(),
      website: text.refine(isWebUrl).optional(),
      address: text.optional(),
      email: text.regex(EMAIL_PATTERN).optional(),
    })
    .optional(),
  paper: z.enum(PAPER_NAMES).optional(),
  // one text for every language, or one per language (`footer: { en: …, es: … }`)
  footer: z
    .union([
      text.max(MAX_FOOTER_LENGTH),
      z.record(z.string(), text.max(MAX_FOOTER_LENGTH)).superRefine((map, ctx) => {
        const keys = Object.keys(map);
        const bad = keys.filter((t) => !isLangTag(t));
        if (keys.length === 0) ctx.addIssue({ code: 'custom', message: 'an empty mapping' });
        if (bad.length > 0)
          ctx.addIssue({ code: 'custom', message: `not a BCP 47 language tag: ${bad.map((t) => `\`${t}\``).join(', ')}` });
      }),
    ])
    .optional(),
  locales: langTags.optional(),
  languageAssistance: z.strictObject({ languages: langTags }).optional(),
  contactCard: z
    .strictObject({
      phone: text.regex(/\d/).optional(),
      hours: text.max(200).optional(),
      website: text.refine(isWebUrl).optional(),
      address: text.optional(),
    })
    .optional(),
  safety: text.max(MAX_FOOTER_LENGTH * 2).optional(),
  fonts: z
    .strictObject({
      body: text.optional(),
      bold: text.optional(),
      italic: text.optional(),
      boldItalic: text.optional(),
      heading: text.optional(),
    })
    .optional(),
});

/** Parsed (not yet defaulted) clinic profile. */
export type ClinicFile = z.output<typeof clinicSchema>;

/** How each field is described in messages: what it must be and an example line. */
export interface FieldInfo {
  readonly expect: string;
  readonly example: string;
}

/** Descriptions by dotted path. */
export const CLINIC_FIELDS: Readonly<Record<string, FieldInfo>> = {
  '': { expect: 'a mapping of `key: value` lines', example: 'name: Example Community Clinic' },
  name: { expect: `the clinic's name as text (at most ${MAX_NAME_LENGTH} characters)`, example: 'name: Example Community Clinic' },
  logo: { expect: 'a path, relative to clinic.yaml, to a PNG, JPEG, SVG or WebP file', example: 'logo: logo.svg' },
  colors: {
    expect: 'a mapping with `primary` (required), `accent` and `text`',
    example: 'colors: { primary: "#1F5FAD", accent: "#E8F0FB", text: "#1A1A1A" }',
  },
  'colors.primary': { expect: 'a quoted hex colour `#rgb` or `#rrggbb`', example: 'primary: "#1F5FAD"' },
  'colors.accent': { expect: 'a quoted hex colour `#rgb` or `#rrggbb`', example: 'accent: "#E8F0FB"' },
  'colors.text': { expect: 'a quoted hex colour `#rgb` or `#rrggbb`', example: 'text: "#1A1A1A"' },
  contact: {
    expect: 'a mapping with any of `phone`, `website`, `address`, `email`',
    example: 'contact: { phone: "(555) 010-0199", website: https://example.org }',
  },
  'contact.phone': { expect: 'a quoted phone number containing digits', example: 'phone: "(555) 010-0199"' },
  'contact.website': { expect: 'a web address starting with `http://` or `https://`', example: 'website: https://example.org' },
  'contact.address': { expect: 'the street address as text', example: 'address: "100 Main St, Springfield"' },
  'contact.email': { expect: 'an email address', example: 'email: care@example.org' },
  paper: { expect: '`letter` or `a4`', example: 'paper: letter' },
  footer: {
    expect: `a short text (at most ${MAX_FOOTER_LENGTH} characters), or one per language as a mapping from language tag to text`,
    example:
      'footer: { en: "Not a substitute for advice from your care team.", es: "No sustituye los consejos de su equipo de atención." }',
  },
  locales: { expect: 'a list of BCP 47 language tags: the languages the clinic serves', example: 'locales: [en, es, zh-Hans, vi, ar, ko]' },
  languageAssistance: {
    expect: 'a mapping with `languages`, a list of BCP 47 language tags',
    example: 'languageAssistance: { languages: [es, zh-Hant, vi, ko, ar] }',
  },
  contactCard: {
    expect: 'a mapping with any of `phone`, `hours`, `website`, `address`',
    example: 'contactCard: { phone: "(555) 010-0199", hours: "Mon–Fri 8–6", website: https://example.org/book }',
  },
  'contactCard.phone': { expect: 'a quoted phone number containing digits', example: 'phone: "(555) 010-0199"' },
  'contactCard.hours': { expect: 'the opening hours as text (at most 200 characters)', example: 'hours: "Mon–Fri 8 am – 6 pm"' },
  'contactCard.website': {
    expect: 'a web address starting with `http://` or `https://` (printed with a QR code)',
    example: 'website: https://example.org/book',
  },
  'contactCard.address': { expect: 'the street address as text', example: 'address: "100 Main St, Springfield"' },
  safety: {
    expect: `a short text (at most ${MAX_FOOTER_LENGTH * 2} characters)`,
    example: 'safety: "Call 911 for an emergency; call or text 988 for a mental-health crisis."',
  },
  fonts: {
    expect: 'a mapping with any of `body`, `bold`, `italic`, `boldItalic`, `heading`: TTF or OTF files in the clinic folder',
    example: 'fonts: { body: fonts/Brand-Regular.ttf, bold: fonts/Brand-Bold.ttf }',
  },
  'fonts.body': {
    expect: 'a path, relative to clinic.yaml, to a TTF or OTF file in the clinic folder (body text)',
    example: 'body: fonts/Brand-Regular.ttf',
  },
  'fonts.bold': {
    expect: 'a path, relative to clinic.yaml, to a TTF or OTF file in the clinic folder (bold text)',
    example: 'bold: fonts/Brand-Bold.ttf',
  },
  'fonts.italic': {
    expect: 'a path, relative to clinic.yaml, to a TTF or OTF file in the clinic folder (italic text)',
    example: 'italic: fonts/Brand-Italic.ttf',
  },
  'fonts.boldItalic': {
    expect: 'a path, relative to clinic.yaml, to a TTF or OTF file in the clinic folder (bold italic text)',
    example: 'boldItalic: fonts/Brand-BoldItalic.ttf',
  },
  'fonts.heading': {
    expect: 'a path, relative to clinic.yaml, to a TTF or OTF file in the clinic folder (headings and the title)',
    example: 'heading: fonts/Brand-Bold.ttf',
  },
  'languageAssistance.languages': { expect: 'a list of BCP 47 language tags', example: 'languages: [es, zh-Hant, vi, ko, ar]' },
};

/** Keys allowed in the mapping at a dotted path (`''` is the top level). */
export const CLINIC_KEYS: Readonly<Record<string, readonly string[]>> = {
  '': ['name', 'logo', 'colors', 'contact', 'paper', 'footer', 'locales', 'languageAssistance', 'contactCard', 'safety', 'fonts'],
  fonts: ['body', 'bold', 'italic', 'boldItalic', 'heading'],
  contactCard: ['phone', 'hours', 'website', 'address'],
  languageAssistance: ['languages'],
  colors: ['primary', 'accent', 'text'],
  contact: ['phone', 'website', 'address', 'email'],
};
