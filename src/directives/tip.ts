/** `:::tip` — a tip callout. */
import { calloutDirective } from './callout.js';

/** `:::tip` / `:::tip[Title]` … `:::` */
export const tip = calloutDirective('tip', 'a callout box for a tip (title: the label, or "Tip" in the guide\'s language)');
