/**
 * The container's build stage: `npm ci` runs `prepare` and the stage then runs `npm run build`, so every file
 * those scripts read must have been copied in before them. Docker is not run here; the Dockerfile's build stage
 * is read and compared with the scripts in package.json (a folder left out once: `scripts/`, which the bundle
 * step needs).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const dockerfile = readFileSync('Dockerfile', 'utf8');
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };

/** The sources of the `COPY` lines of the first stage (up to the second `FROM`), as top-level paths. */
function copiedInBuildStage(text: string): Set<string> {
  const stage = text.split(/^FROM /m)[1] ?? '';
  const copied = new Set<string>();
  for (const m of stage.matchAll(/^COPY (?!--from)(.+) \S+$/gm)) for (const src of m[1]!.split(/\s+/)) copied.add(src.split('/')[0]!);
  return copied;
}

/** The top-level files and folders a script command names (`-p tsconfig.build.json`, `node scripts/x.mjs`). */
function pathsNamed(command: string): string[] {
  return [...command.matchAll(/(?:^|\s)(?:-p |node )([\w.-]+(?:\/[\w.-]+)*)/g)].map((m) => m[1]!.split('/')[0]!);
}

describe('Dockerfile', () => {
  it('copies every file the build and prepare scripts read into the build stage', () => {
    const copied = copiedInBuildStage(dockerfile);
    // tsc reads tsconfig.build.json, which extends tsconfig.json and compiles src/
    const needed = new Set(['package.json', 'package-lock.json', 'tsconfig.json', 'src']);
    for (const name of ['prepare', 'build']) for (const p of pathsNamed(pkg.scripts[name] ?? '')) needed.add(p);
    expect(needed).toContain('scripts');
    expect([...needed].filter((p) => !copied.has(p))).toEqual([]);
  });

  it('reads the COPY lines of the build stage only', () => {
    const copied = copiedInBuildStage(
      'FROM a AS build\nCOPY x.json y.json ./\nCOPY src ./src\nFROM b\nCOPY --from=build /src/dist ./dist\nCOPY z ./z\n',
    );
    expect([...copied].sort()).toEqual(['src', 'x.json', 'y.json']);
  });
});
