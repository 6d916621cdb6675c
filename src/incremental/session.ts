/**
 * Incremental builds for one `handout build` run: decides which outputs are
 * up to date (same run fingerprint, every recorded input unchanged, the
 * output file present with the recorded SHA-256), records what each fresh
 * build read, and writes the manifest once at the end.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import type { InputRecord } from './recording-world.js';
import type { JsonValue } from './canonical-json.js';
import { runFingerprint, type RunFingerprint, type RunOptions } from './fingerprint.js';
import { hashFile, portableRelative, sha256 } from './hash.js';
import { MANIFEST_NAME, emptyManifest, readManifest, writeManifest, type Manifest, type ManifestEntry, type Naming } from './manifest.js';
import { removeStaleTemps } from '../io/atomic-write.js';

/**
 * `on`: skip up-to-date outputs and record fresh builds; `force`: rebuild
 * everything, still recording; `off` (fill-in builds): never skip and record
 * nothing, only forget the entries of the outputs it overwrites or removes.
 */
export type IncrementalMode = 'on' | 'force' | 'off';

/** Options of {@link IncrementalSession}. */
export interface SessionOptions {
  /** The folder of the outputs (and of the manifest). */
  readonly manifestDir: string;
  readonly mode: IncrementalMode;
}

/** An output that need not be built again. */
export interface UpToDate {
  /** Absolute path of the output. */
  readonly target: string;
  /** Warnings of the build that wrote it (absolute paths), to print again. */
  readonly warnings: readonly Diagnostic[];
}

/** What the session needs of a successful build. */
export interface BuildRecord {
  readonly diagnostics: readonly Diagnostic[];
  /** What the build read (`recordInputs`); without it nothing is recorded. */
  readonly inputs?: readonly InputRecord[];
}

/** Incremental state of one run. */
export class IncrementalSession {
  /** The folder of the outputs and of the manifest. */
  readonly dir: string;
  /** Problems found in the manifest (one line each), for the caller to print once. */
  readonly warnings: string[] = [];
  private readonly mode: IncrementalMode;
  /** Run fingerprints by their options (hashing a clinic's template folder once per run). */
  private readonly runs = new Map<string, RunFingerprint>();
  /** The run of each guide checked, by relative guide path. */
  private readonly runOf = new Map<string, RunFingerprint>();
  private manifest: Manifest | undefined;
  private index: Map<string, string[]> | undefined;
  /** Output names recorded by {@link built} in this run, by guide (the index above stays as loaded). */
  private readonly builtNames = new Map<string, string[]>();
  /** Outputs found up to date (their killed writers' temporaries are cleaned at the end, as a write would). */
  private readonly skipped = new Set<string>();
  private dirty = false;
  private readonly hashes = new Map<string, string | null>();

  constructor(options: SessionOptions) {
    this.dir = path.resolve(options.manifestDir);
    this.mode = options.mode;
  }

  /** Whether builds should record their inputs (`recordInputs` of `buildHandout`). */
  get records(): boolean {
    return this.mode !== 'off';
  }

  /**
   * Returns the up-to-date output of the build `input` (its guide an
   * absolute path), or undefined when it must be built. `explicitTarget` is
   * the `-o` file, if any. Call it before building the guide: it also
   * fingerprints the run. Every input of a build is read through its World and recorded there.
   */
  check(input: RunOptions & { readonly guide: string }, explicitTarget?: string): UpToDate | undefined {
    if (this.mode === 'off') return undefined;
    const { guide, ...options } = input;
    const rel = this.rel(guide);
    const run = this.fingerprint(options);
    this.runOf.set(rel, run);
    if (this.mode === 'force') return undefined;
    const m = this.load();
    const names = explicitTarget ? [this.rel(explicitTarget)] : [...(this.byGuide().get(rel) ?? [])];
    for (const name of names) {
      const e = m.outputs.get(name);
      if (!e || e.guide !== rel || (!explicitTarget && e.naming !== 'auto')) continue;
      if (e.run === run.id && this.verified(name, e)) {
        this.skipped.add(path.basename(name));
        return { target: this.abs(name), warnings: e.warnings.map((d) => ({ ...d, file: this.abs(d.file) })) };
      }
    }
    return undefined;
  }

  /** Records a successful build of `guide` whose bytes `pdf` were written to `target`. */
  built(guide: string, target: string, naming: Naming, pdf: Uint8Array, out: BuildRecord): void {
    const m = this.load();
    const name = this.rel(target);
    const rel = this.rel(guide);
    if (m.outputs.delete(name)) this.dirty = true;
    const run = this.runOf.get(rel);
    if (this.mode === 'off' || !out.inputs || !run) return;
    // superseded (e.g. a changed id): the guide's other entries, as loaded and as built in this run (these lists may
    // name entries since gone or rebuilt from another guide, so each is checked), not by a scan of every entry per build
    if (naming === 'auto') {
      for (const other of [...(this.byGuide().get(rel) ?? []), ...(this.builtNames.get(rel) ?? [])]) {
        const e = m.outputs.get(other);
        if (e?.guide === rel && e.naming === 'auto') m.outputs.delete(other);
      }
    }
    const inputs: Record<string, string | null> = {};
    for (const r of out.inputs) inputs[this.rel(r.path)] = r.sha256;
    m.runs.set(run.id, run.settings);
    m.outputs.set(name, {
      guide: rel,
      naming,
      run: run.id,
      inputs,
      output: sha256(pdf),
      warnings: out.diagnostics.filter((d) => d.severity === 'warning').map((d) => ({ ...d, file: this.rel(d.file) })),
    });
    const names = this.builtNames.get(rel);
    if (!names) this.builtNames.set(rel, [name]);
    else names.push(name);
    this.dirty = true;
  }

  /** The clinic profile (path relative to the folder) of the recorded build of `target`, when the manifest has one. */
  recordedClinic(target: string): string | undefined {
    return this.clinicOfEntry(this.load().outputs.get(this.rel(target)));
  }

  /** Whether the manifest records an output built for a clinic profile other than `clinic`. */
  recordsOtherClinic(clinic: string): boolean {
    const mine = this.rel(clinic);
    for (const e of this.load().outputs.values()) {
      const recorded = this.clinicOfEntry(e);
      if (recorded !== undefined && recorded !== mine) return true;
    }
    return false;
  }

  private clinicOfEntry(e: { readonly run: string } | undefined): string | undefined {
    const m = this.load();
    const run = e ? m.runs.get(e.run) : undefined;
    const nested = run?.settings;
    const clinic =
      nested !== null && typeof nested === 'object' && !Array.isArray(nested)
        ? (nested as { readonly [key: string]: JsonValue }).clinic
        : run?.clinic;
    return typeof clinic === 'string' ? clinic : undefined;
  }

  /** The path of `file` as the manifest records it (relative to the folder, `/` separators). */
  relative(file: string): string {
    return this.rel(file);
  }

  /**
   * Forgets `guide` after a failed build: the entry of `target` (when known)
   * and every entry built from the guide. Returns the output files of the
   * entries it forgot (absolute paths, all inside the folder), which the
   * caller removes.
   */
  failed(guide: string, target?: string): string[] {
    const m = this.load();
    const rel = this.rel(guide);
    const forgotten: string[] = [];
    for (const [name, e] of m.outputs) {
      if (e.guide === rel || (target && name === this.rel(target))) {
        m.outputs.delete(name);
        forgotten.push(this.abs(name));
        this.dirty = true;
      }
    }
    return forgotten;
  }

  /**
   * Writes the manifest (atomically) when anything changed, and removes the
   * temporaries that killed writers left next to the skipped outputs and the
   * manifest (a build that writes its output does that itself).
   */
  save(): void {
    if (this.dirty && this.manifest) writeManifest(this.dir, this.manifest);
    this.dirty = false;
    const owners = new Set<string>();
    let names: string[] = [];
    try {
      names = readdirSync(this.dir);
    } catch {
      return;
    }
    for (const n of names) {
      const m = /^\.(.+)\.\d+\.[0-9a-f]{8}\.tmp$/.exec(n);
      if (m && (m[1] === MANIFEST_NAME || this.skipped.has(m[1]!))) owners.add(m[1]!);
    }
    for (const o of owners) removeStaleTemps(path.join(this.dir, o));
  }

  /** The manifest; `--force` never reads the old one (it starts empty and records this run). */
  private load(): Manifest {
    if (!this.manifest) {
      if (this.mode === 'force') this.manifest = emptyManifest();
      else {
        const { manifest, problems } = readManifest(this.dir);
        this.manifest = manifest;
        this.warnings.push(...problems);
      }
    }
    return this.manifest;
  }

  /** Output names by guide, as loaded (lookups happen before this run's builds change the manifest). */
  private byGuide(): Map<string, string[]> {
    if (!this.index) {
      this.index = new Map();
      for (const [name, e] of this.load().outputs) {
        const names = this.index.get(e.guide);
        if (names) names.push(name);
        else this.index.set(e.guide, [name]);
      }
    }
    return this.index;
  }

  private fingerprint(options: RunOptions): RunFingerprint {
    const { fill: _fill, recordInputs: _record, ...counted } = options;
    const key = JSON.stringify(counted);
    let run = this.runs.get(key);
    if (!run) {
      run = runFingerprint(counted, this.dir);
      this.runs.set(key, run);
    }
    return run;
  }

  private verified(name: string, e: ManifestEntry): boolean {
    for (const [file, h] of Object.entries(e.inputs)) if (this.hashOf(this.abs(file)) !== h) return false;
    return hashFile(this.abs(name)) === e.output;
  }

  private hashOf(file: string): string | null {
    if (!this.hashes.has(file)) this.hashes.set(file, hashFile(file));
    return this.hashes.get(file) ?? null;
  }

  private rel(file: string): string {
    return portableRelative(this.dir, path.resolve(file));
  }

  private abs(rel: string): string {
    return path.resolve(this.dir, rel);
  }
}
