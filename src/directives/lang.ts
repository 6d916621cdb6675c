/** `:lang[texto]{lang=es}` — a phrase in another language, tagged with its own `/Lang`. */
import { z } from 'zod';
import type { DirectiveDefinition } from './types.js';

/** The canonical form of a BCP 47 tag, or undefined when it is not one. */
function canonicalLang(tag: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}

/** `lang`: a BCP 47 tag, turned into its canonical form. */
const attributes = z.object({
  lang: z
    .string()
    .min(1)
    .transform((tag, ctx) => canonicalLang(tag) ?? (ctx.addIssue({ code: 'custom', message: 'not a BCP 47 tag' }), z.NEVER)),
});

/** `:lang[texto en español]{lang=es}` inside a paragraph. */
export const lang: DirectiveDefinition<'text'> = {
  name: 'lang',
  kind: 'text',
  syntax: ':lang[…]{lang=…}',
  summary: 'marks a phrase in another language, so screen readers switch voice (an invalid tag is an error)',
  attributes,
  check(d, { place, diags }) {
    if (d.children.length === 0) return 'unknown'; // no text to tag: printed as written, with a warning
    const parsed = attributes.safeParse(d.attributes ?? {});
    if (parsed.success) {
      d.attributes = { lang: parsed.data.lang };
      return 'keep';
    }
    const given = d.attributes?.lang;
    diags.error(
      place,
      given
        ? `\`${given}\` is not a valid BCP 47 language tag in \`:lang[…]{lang=…}\`; use a tag such as \`es\`, \`zh-Hant\` or \`pt-BR\``
        : 'a `:lang[…]` span needs its language: write `:lang[texto en español]{lang=es}`',
      'invalid-lang-span',
    );
    return 'drop';
  },
  inline: (d, style, convert) => {
    const spanLang = d.attributes?.lang; // validated and canonical after resolve
    return spanLang ? convert(d.children, { ...style, lang: spanLang }) : undefined;
  },
};
