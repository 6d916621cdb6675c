/** `:::note` — an information callout. */
import { calloutDirective } from './callout.js';

/** `:::note` / `:::note[Title]` … `:::` */
export const note = calloutDirective('note', 'a callout box for information (title: the label, or "Note" in the guide\'s language)');
