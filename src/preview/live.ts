/**
 * The live build of one preview view: builds the handout, watches every file
 * the build read, rebuilds when one changes (several saves in a row coalesce
 * into one build), keeps the last good PDF while a new one builds or when it
 * fails, and tells its subscribers.
 */
import { readdirSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { buildHandout, type BuildResult } from '../build.js';
import { sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import { displayPath } from '../cli/paths.js';
import { buildInputOf, fillPlaceholders, type ResolvedView } from './view.js';
import { InputWatcher, type WatchedDir } from './watch.js';

/** A diagnostic as the page shows it. */
export interface ShownDiagnostic {
  /** `file:line:column` with the file as the user sees it (relative to the working folder). */
  readonly location: string;
  /** The absolute file, for an editor link. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly severity: Diagnostic['severity'];
  readonly ruleId: string;
  readonly message: string;
  /** A fix suggestion ("did you mean …"), shown on its own line. */
  readonly hint?: string;
}

/** The last good PDF of a view. */
export interface GoodPdf {
  readonly bytes: Buffer;
  /** Increases with every good build. */
  readonly version: number;
  readonly pages: number;
  /** The file name `handout build` gives it (`<id>.<lang>.pdf`). */
  readonly fileName: string;
}

/** Where a live view stands. */
export interface LiveState {
  /** Increases with every change of state. */
  readonly seq: number;
  readonly building: boolean;
  /** Result of the last finished build; undefined before the first one. */
  readonly ok?: boolean;
  readonly diagnostics: readonly ShownDiagnostic[];
  /** The last good PDF (without its bytes). */
  readonly pdf?: Omit<GoodPdf, 'bytes'>;
  /** The PDF shown is older than the last build (which failed). */
  readonly stale: boolean;
  /** How long the last build took (ms). */
  readonly durationMs?: number;
  /** Fill-in fields shown by name (no personal values in a preview). */
  readonly placeholders: readonly string[];
}

/** `dir` and its sub-folders down to `depth` levels (none when it does not exist). */
function foldersUnder(dir: string, depth: number): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const subs = depth > 0 ? entries.filter((e) => e.isDirectory()).flatMap((e) => foldersUnder(path.join(dir, e.name), depth - 1)) : [];
  return [dir, ...subs];
}

/** How long to wait for more saves before rebuilding (ms). */
export const COALESCE_MS = 60;

/** A view's live build. */
export class LiveView {
  private seq = 0;
  private building = false;
  private pending = false;
  private timer: NodeJS.Timeout | undefined;
  private last: BuildResult | undefined;
  private good: GoodPdf | undefined;
  private durationMs: number | undefined;
  private placeholders: string[] = [];
  private readonly listeners = new Set<(s: LiveState) => void>();
  private readonly watcher: InputWatcher;
  private inputs = new Set<string>();
  private disposed = false;
  /** Settles when the first build has finished. */
  readonly ready: Promise<void>;

  /**
   * `view` is resolved again before each build by `reresolve` (the translation
   * status changes when files change); when it no longer resolves, the old one is kept.
   */
  constructor(
    private view: ResolvedView,
    private readonly cwd: string,
    private readonly reresolve?: () => Promise<ResolvedView | undefined>,
  ) {
    this.watcher = new InputWatcher(() => this.schedule());
    this.ready = this.rebuild();
  }

  /** The view as resolved for the last build. */
  get resolved(): ResolvedView {
    return this.view;
  }

  /** The current state. */
  state(): LiveState {
    const d = this.last?.diagnostics ?? [];
    return {
      seq: this.seq,
      building: this.building,
      ...(this.last ? { ok: this.last.pdf !== undefined } : {}),
      diagnostics: sortDiagnostics(d).map((x) => this.shown(x)),
      ...(this.good ? { pdf: { version: this.good.version, pages: this.good.pages, fileName: this.good.fileName } } : {}),
      stale: this.last !== undefined && this.last.pdf === undefined && this.good !== undefined,
      ...(this.durationMs !== undefined ? { durationMs: this.durationMs } : {}),
      placeholders: this.placeholders,
    };
  }

  /** The last good PDF. */
  pdf(): GoodPdf | undefined {
    return this.good;
  }

  /** Calls `fn` on every change of state; returns the unsubscribe function. */
  subscribe(fn: (s: LiveState) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Subscribers now. */
  get subscribers(): number {
    return this.listeners.size;
  }

  /** A rebuild soon, after the saves in a row have stopped. */
  schedule(): void {
    if (this.disposed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.rebuild(), COALESCE_MS);
  }

  /** Stops watching and building. */
  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    this.watcher.close();
    this.listeners.clear();
  }

  private async rebuild(): Promise<void> {
    if (this.building) {
      this.pending = true;
      return;
    }
    this.building = true;
    this.emit();
    await new Promise((r) => setImmediate(r)); // lets "building" reach the page before the build holds the event loop
    try {
      do {
        this.pending = false;
        await this.buildOnce();
      } while (this.pending && !this.disposed);
    } finally {
      this.building = false;
      this.emit();
    }
  }

  private async buildOnce(): Promise<void> {
    const started = performance.now();
    if (this.reresolve) this.view = (await this.reresolve()) ?? this.view;
    const fill = fillPlaceholders(this.view);
    this.placeholders = Object.keys(fill).sort();
    const input = buildInputOf(this.view);
    const result = await buildHandout({ ...input, recordInputs: true, ...(Object.keys(fill).length > 0 ? { fill } : {}) });
    this.durationMs = Math.round(performance.now() - started);
    this.last = result;
    if (result.pdf) {
      const lang = result.outputLang ?? result.meta?.lang ?? this.view.spec.lang;
      this.good = {
        bytes: result.pdf,
        version: (this.good?.version ?? 0) + 1,
        pages: result.pages ?? 0,
        fileName: `${result.meta?.id ?? this.view.guide.id}.${lang}.pdf`,
      };
      this.inputs = new Set((result.inputs ?? []).map((r) => r.path));
    }
    if (this.disposed) return;
    // a failed build keeps watching what the last good one read, plus the guide and clinic folders
    this.watcher.update([...this.inputs, input.guide, this.view.clinic.file], this.watchedDirs());
  }

  private watchedDirs(): WatchedDir[] {
    const clinicDir = path.dirname(this.view.clinic.file);
    return [
      { dir: this.view.guide.dir, mode: 'md' }, // the guide, its translation source, new translations
      { dir: clinicDir, mode: 'all' }, // clinic.yaml, logo, a templates/ folder appearing
      ...foldersUnder(path.join(clinicDir, 'templates'), 3).map((dir): WatchedDir => ({ dir, mode: 'all' })), // template overrides
    ];
  }

  private shown(d: Diagnostic): ShownDiagnostic {
    const file = path.resolve(this.cwd, d.file);
    return {
      location: `${displayPath(file, this.cwd)}:${d.line}:${d.column}`,
      file,
      line: d.line,
      column: d.column,
      severity: d.severity,
      ruleId: d.ruleId,
      message: d.message,
      ...(d.hint === undefined ? {} : { hint: d.hint }),
    };
  }

  private emit(): void {
    this.seq++;
    const s = this.state();
    for (const fn of this.listeners) fn(s);
  }
}
