/**
 * The output folders of one `handout build` run: each is made and listed once, not for every handout written into
 * it (a folder of 1,000 handouts was listed 1,000 times, once per write, to find the temporaries of killed writers).
 */
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { removeStaleTemps, writeFileAtomicAsync } from '../io/atomic-write.js';

/** Writes the run's outputs atomically, making and listing each output folder once. */
export class OutputFolders {
  /** Folder → the names of the temporaries (`.<name>.<pid>.<hex>.tmp`) it held when first listed. */
  private readonly temps = new Map<string, Promise<Set<string>>>();

  /**
   * Writes `data` to `file` as `writeFileAtomicAsync` does, its folder made if missing. Temporaries that killed
   * writers left next to `file` are removed first (those present when the folder was first listed: a live writer's
   * temporary made later is never stale).
   */
  async write(file: string, data: Uint8Array): Promise<void> {
    const dir = path.dirname(file);
    let listed = this.temps.get(dir);
    if (!listed) {
      listed = mkdir(dir, { recursive: true })
        .then(() => readdir(dir))
        .then((names) => new Set(names.filter((n) => n.startsWith('.') && n.endsWith('.tmp'))));
      this.temps.set(dir, listed);
      listed.catch(() => this.temps.delete(dir)); // tried again with the next file (the error is this file's)
    }
    const temps = await listed;
    const prefix = `.${path.basename(file)}.`;
    for (const t of temps) {
      if (!t.startsWith(prefix)) continue;
      removeStaleTemps(file); // only stale ones go: the pattern and the writer's process are checked there
      for (const u of [...temps]) if (u.startsWith(prefix)) temps.delete(u);
      break;
    }
    try {
      await writeFileAtomicAsync(file, data, { dirReady: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      this.temps.delete(dir); // the folder went away meanwhile: made again, as a first write would
      await writeFileAtomicAsync(file, data);
    }
  }
}
