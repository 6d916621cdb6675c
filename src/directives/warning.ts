/** `:::warning` — a warning callout. */
import { calloutDirective } from './callout.js';

/** `:::warning` / `:::warning[Title]` … `:::` */
export const warning = calloutDirective('warning', 'a callout box for a warning (title: the label, or "Warning" in the guide\'s language)');
