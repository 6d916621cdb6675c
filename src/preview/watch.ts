/**
 * Watches the files a build read (fs.watch on their folders, so editors that
 * save by writing a new file and renaming it are seen too) and calls back on a
 * change that matters to the build.
 */
import { watch, realpathSync, type FSWatcher } from 'node:fs';
import path from 'node:path';

/** A folder to watch and which of its entries count. */
export interface WatchedDir {
  readonly dir: string;
  /** `all`: any change of an entry; `md`: the listed files and any `.md` file; `files`: only the listed files. Not recursive. */
  readonly mode: 'all' | 'md' | 'files';
}

function real(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

/** Folder watchers for a set of input files; {@link InputWatcher.update} replaces what is watched. */
export class InputWatcher {
  private readonly watchers = new Map<string, { watcher: FSWatcher; mode: WatchedDir['mode'] }>();
  private files = new Set<string>();
  private closed = false;

  constructor(private readonly onChange: (file: string) => void) {}

  /** Watches `files` (absolute paths; their folders are watched) and `dirs`. */
  update(files: Iterable<string>, dirs: readonly WatchedDir[]): void {
    if (this.closed) return;
    this.files = new Set([...files].map(real));
    const want = new Map<string, WatchedDir['mode']>();
    for (const f of this.files) if (!want.has(path.dirname(f))) want.set(path.dirname(f), 'files');
    for (const d of dirs) {
      const dir = real(d.dir);
      const had = want.get(dir);
      if (had !== 'all') want.set(dir, d.mode === 'files' && had ? had : d.mode);
    }
    for (const [dir, w] of this.watchers) {
      if (want.get(dir) !== w.mode) {
        w.watcher.close();
        this.watchers.delete(dir);
      }
    }
    for (const [dir, mode] of want) if (!this.watchers.has(dir)) this.add(dir, mode);
  }

  /** The folders watched now (for tests). */
  watched(): string[] {
    return [...this.watchers.keys()].sort();
  }

  /** Stops watching. */
  close(): void {
    this.closed = true;
    for (const w of this.watchers.values()) w.watcher.close();
    this.watchers.clear();
  }

  private add(dir: string, mode: WatchedDir['mode']): void {
    let watcher: FSWatcher;
    try {
      watcher = watch(dir, { persistent: false }); // Node 20's recursive mode polls on Linux: each folder is watched instead
    } catch {
      return; // a folder that does not exist (yet): its parent's watcher sees it appear
    }
    watcher.on('change', (_event, name) => {
      const file = name ? path.join(dir, name.toString()) : dir;
      if (mode === 'all' || this.files.has(file) || (mode === 'md' && file.endsWith('.md'))) this.onChange(file);
    });
    watcher.on('error', () => {
      watcher.close();
      if (this.watchers.get(dir)?.watcher === watcher) this.watchers.delete(dir);
    });
    this.watchers.set(dir, { watcher, mode });
  }
}
