/**
 * The package's own templates (`templates/`), compiled by Handlebars ahead of time. Empty here: the bundles replace
 * this module with the compiled templates (`scripts/precompiled-templates.mjs`, part of `npm run build`), keyed by the
 * SHA-256 of each file's text, so a bundled worker's code cache holds them and a cold build neither parses nor compiles
 * a template it ships (about 30 ms of a cold build). Any other text (a clinic's override, an edited template) is
 * compiled at run time, as before.
 */
import type Handlebars from 'handlebars';

/** Handlebars' precompiled form of a template (what `Handlebars.precompile` writes as code). */
export type TemplateSpec = Parameters<typeof Handlebars.template>[0];

/** Compiled templates by the SHA-256 (hex) of their text: empty unless this module was replaced in a bundle. */
export const PRECOMPILED: Readonly<Record<string, TemplateSpec>> = {};
