/** Types shared by the `handout serve` HTTP layer and its build workers. */
import type { Diagnostic } from '../diagnostics.js';
import type { TranslationPolicy } from '../i18n/translation-status.js';
import type { PaperName } from '../types/brand.js';

/** One build a worker runs: absolute paths chosen by the server from its catalog, never from the client. */
export interface ServeJob {
  readonly guide: string;
  readonly clinic: string;
  readonly paper?: PaperName;
  readonly fillable?: boolean;
  readonly archival?: boolean;
  readonly translations?: TranslationPolicy;
  readonly template?: 'handout' | 'checklist';
  readonly largePrint?: boolean;
  /** Personalised values: personal health information, held in memory only. */
  readonly fill?: Readonly<Record<string, string>>;
}

/** What a worker sends back. `pdf` only when the build had no error. */
export interface ServeJobReply {
  readonly diagnostics: readonly Diagnostic[];
  readonly pages: number;
  readonly pdf?: Uint8Array;
}
