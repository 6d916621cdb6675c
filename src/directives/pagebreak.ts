/** `::pagebreak` — forces a page break. */
import { z } from 'zod';
import { placeOf } from '../template/from-mdast/state.js';
import type { DirectiveDefinition } from './types.js';

/** `::pagebreak` on its own line. */
export const pagebreak: DirectiveDefinition<'leaf'> = {
  name: 'pagebreak',
  kind: 'leaf',
  syntax: '::pagebreak',
  summary: 'forces a page break',
  attributes: z.object({}),
  block: (d, state) => [{ kind: 'pagebreak', place: placeOf(d, state) }],
};
