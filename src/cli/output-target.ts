/**
 * Where `handout build` may write, and how file-system failures are told:
 * each refusal or failure is one line naming the path and what to do.
 */
import { lstatSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';

function statOrUndefined(file: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

/** A usage problem with `-o` or `--out-dir` (exit 2), or undefined. */
export function outputOptionProblem(
  explicit: string | undefined,
  outDir: string | undefined,
  shown: (p: string) => string,
): string | undefined {
  if (explicit) {
    const st = statOrUndefined(explicit);
    if (st?.isDirectory())
      return (
        `-o \`${shown(explicit)}\` is a folder; give a file name such as ` +
        `\`${shown(path.join(explicit, 'handout.pdf'))}\`, or use --out-dir \`${shown(explicit)}\``
      );
    if (st && !st.isFile())
      return `-o \`${shown(explicit)}\` is not a regular file (a pipe or device); give the path of a PDF file to write`;
  }
  if (outDir) {
    const st = statOrUndefined(outDir);
    if (st && !st.isDirectory())
      return (
        `--out-dir \`${shown(outDir)}\` is a file, not a folder; give a folder name (it is created when missing), or -o ` +
        `\`${shown(outDir)}\` to write one file`
      );
  }
  return undefined;
}

function realOrResolved(p: string): string {
  try {
    return realpathSync.native(p);
  } catch {
    return path.resolve(p);
  }
}

/**
 * Why `target` may not be written, or undefined: it is one of the build's
 * inputs (the guide, the clinic profile, an image), or it is read-only and
 * `force` was not given. `realInputs` keeps the real paths of inputs from one call to the next (a run's handouts
 * share most of their inputs: templates, fonts, the clinic), so each is resolved once per run.
 */
export function targetProblem(
  target: string,
  inputs: readonly string[],
  force: boolean,
  shown: (p: string) => string,
  realInputs: Map<string, string> = new Map(),
): string | undefined {
  const resolved = path.resolve(target);
  const real = realOrResolved(target);
  const input = inputs.find((i) => {
    if (path.resolve(i) === resolved) return true;
    let r = realInputs.get(i);
    if (r === undefined) realInputs.set(i, (r = realOrResolved(i)));
    return r === real;
  });
  if (input !== undefined)
    return (
      `refusing to write \`${shown(target)}\`: it is an input of the build (\`${shown(input)}\`) and would be ` +
      `overwritten by the PDF; choose another output path`
    );
  let st;
  try {
    st = lstatSync(target);
  } catch {
    return undefined;
  }
  if (st.isFile() && (st.mode & 0o222) === 0 && !force) {
    return `\`${shown(target)}\` is read-only, so it was not replaced; make it writable (chmod u+w), or pass --force to replace it`;
  }
  return undefined;
}

const ADVICE: Readonly<Record<string, string>> = {
  ENOSPC: 'the disk is full; free some space and build again',
  EDQUOT: 'the disk quota is used up; free some space and build again',
  EACCES: 'permission denied; choose a folder you can write to, or fix its permissions',
  EPERM: 'the operation is not permitted (the file or folder may be immutable or owned by another user); fix that or choose another path',
  EROFS: 'the file system is read-only; choose another output folder',
  ENOTDIR: 'a part of the path is a file, not a folder; choose another output path',
  EISDIR: 'it is a folder; give a file name',
  EMFILE: 'too many files are open; build fewer guides at once (--jobs)',
  EIO: 'the disk reported an input/output error; check the disk and build again',
};

/** A one-line message for a failed file-system operation (`write`, `remove`) on `file`, or undefined when `e` is not such an error. */
export function fileSystemProblem(e: unknown, action: string, file: string, shown: (p: string) => string): string | undefined {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) return undefined;
  const advice = ADVICE[code] ?? `the system refused it (${(e as Error).message.split('\n')[0]})`;
  return `cannot ${action} \`${shown(file)}\`: ${advice} [${code}]`;
}
