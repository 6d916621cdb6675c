/** `:::danger` — a danger callout (red, an octagon icon, framed). */
import { calloutDirective } from './callout.js';

/** `:::danger` / `:::danger[Title]` … `:::` */
export const danger = calloutDirective(
  'danger',
  'a framed callout box for a danger (title: the label, or "Danger" in the guide\'s language)',
);
