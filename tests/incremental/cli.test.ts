/** `handout build` is incremental: it skips outputs whose inputs have not changed, and rebuilds exactly the affected ones. */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MANIFEST_NAME } from '../../src/incremental/manifest.js';
import { ensureDist } from '../robustness/ensure-dist.js';
import { ROOT, pngOf, run, workspace, type Workspace } from './helpers.js';

const A = 'out/alpha.en.pdf';
const B = 'out/beta.en.pdf';

const argsOf = (ws: Workspace): string[] => ['build', ws.guideA, ws.guideB, '--clinic', ws.clinic, '--jobs', '2'];

let built: Promise<Workspace> | undefined;

/** A workspace whose two guides were built once (the first build is made once per file, each test gets a copy). */
async function builtOnce(): Promise<{ ws: Workspace; args: string[] }> {
  built ??= (async () => {
    const ws = await workspace();
    const first = await run(argsOf(ws), ws.dir);
    expect(first.code).toBe(0);
    expect(first.status).toEqual({ [A]: 'built', [B]: 'built' });
    return ws;
  })();
  const original = await built;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'handout-incr-'));
  cpSync(original.dir, dir, { recursive: true, preserveTimestamps: true });
  const moved = (p: string): string => path.join(dir, path.relative(original.dir, p));
  const ws: Workspace = {
    dir,
    guideA: moved(original.guideA),
    guideB: moved(original.guideB),
    image: moved(original.image),
    clinic: moved(original.clinic),
    logo: moved(original.logo),
  };
  return { ws, args: argsOf(ws) };
}

function bytes(ws: Workspace, rel: string): Buffer {
  return readFileSync(path.join(ws.dir, rel));
}

beforeAll(async () => {
  await ensureDist(); // several guides are built in worker threads, from dist/
}, 120_000);

// each test runs up to ten builds of two guides: a budget for a loaded machine, not a performance check
describe('incremental handout build', { timeout: 180_000 }, () => {
  it('skips a second build, prints "(up to date)" in input order, and writes nothing', async () => {
    const { ws, args } = await builtOnce();
    const before = readFileSync(path.join(ws.dir, 'out', MANIFEST_NAME));
    const stale = path.join(ws.dir, 'out', '.alpha.en.pdf.999999.0badcafe.tmp'); // left by a killed writer
    writeFileSync(stale, 'partial');
    const second = await run(args, ws.dir);
    expect(existsSync(stale)).toBe(false);
    expect(second.code).toBe(0);
    expect(second.out).toMatch(
      new RegExp(`^${A} \\(up to date\\)\n${B} \\(up to date\\)\nbuild: 0 built, 2 up to date, 0 failed in \\d+\\.\\d s \\(0 docs/s\\)\n$`),
    );
    expect(second.err).toBe('');
    expect(readFileSync(path.join(ws.dir, 'out', MANIFEST_NAME))).toEqual(before);
    // a new modification time with the same content is no change
    const later = new Date(Date.now() + 5000);
    utimesSync(ws.guideA, later, later);
    utimesSync(ws.logo, later, later);
    expect((await run(args, ws.dir)).status).toEqual({ [A]: 'up to date', [B]: 'up to date' });
  });

  it('rebuilds exactly the outputs whose guide, image, logo or clinic templates changed', async () => {
    const { ws, args } = await builtOnce();
    writeFileSync(ws.guideB, readFileSync(ws.guideB, 'utf8') + '\nDrink water.\n');
    expect((await run(args, ws.dir)).status).toEqual({ [A]: 'up to date', [B]: 'built' });

    writeFileSync(ws.image, await pngOf('#993366'));
    expect((await run(args, ws.dir)).status).toEqual({ [A]: 'built', [B]: 'up to date' });

    writeFileSync(ws.logo, readFileSync(ws.logo, 'utf8').replace('</svg>', '<!-- v2 --></svg>'));
    expect((await run(args, ws.dir)).status).toEqual({ [A]: 'built', [B]: 'built' });

    const partials = path.join(path.dirname(ws.clinic), 'templates', 'partials');
    mkdirSync(partials, { recursive: true });
    const footer = readFileSync(path.join(ROOT, 'templates/partials/footer.hbs'), 'utf8');
    writeFileSync(path.join(partials, 'footer.hbs'), footer);
    expect((await run(args, ws.dir)).status).toEqual({ [A]: 'built', [B]: 'built' });
    expect((await run(args, ws.dir)).status).toEqual({ [A]: 'up to date', [B]: 'up to date' });
    writeFileSync(path.join(partials, 'footer.hbs'), footer.replace('<spacer height="5" />', '<spacer height="7" />'));
    expect((await run(args, ws.dir)).status).toEqual({ [A]: 'built', [B]: 'built' });
  });

  it('rebuilds when a build option changes (paper), and with --force', async () => {
    const { ws, args } = await builtOnce();
    expect((await run([...args, '--paper', 'a4'], ws.dir)).status).toEqual({ [A]: 'built', [B]: 'built' });
    expect((await run([...args, '--paper', 'a4'], ws.dir)).status).toEqual({ [A]: 'up to date', [B]: 'up to date' });
    expect((await run(args, ws.dir)).status).toEqual({ [A]: 'built', [B]: 'built' });
    expect((await run([...args, '--force'], ws.dir)).status).toEqual({ [A]: 'built', [B]: 'built' });
    expect((await run(args, ws.dir)).status).toEqual({ [A]: 'up to date', [B]: 'up to date' });
  });

  it('rebuilds an output edited or deleted by hand, and ignores a broken manifest', async () => {
    const { ws, args } = await builtOnce();
    const good = bytes(ws, A);
    writeFileSync(path.join(ws.dir, A), Buffer.concat([good.subarray(0, 100), Buffer.from('garbage')]));
    expect((await run(args, ws.dir)).status).toEqual({ [A]: 'built', [B]: 'up to date' });
    expect(bytes(ws, A)).toEqual(good);
    rmSync(path.join(ws.dir, B));
    expect((await run(args, ws.dir)).status).toEqual({ [A]: 'up to date', [B]: 'built' });

    const manifest = path.join(ws.dir, 'out', MANIFEST_NAME);
    for (const broken of [
      '{"format": "handoutkit-manifest/1", "outp',
      '[]',
      '{"format":"handoutkit-manifest/1","outputs":{"alpha.en.pdf":{}},"runs":{}}',
      '',
    ]) {
      writeFileSync(manifest, broken);
      const r = await run(args, ws.dir);
      expect(r.code).toBe(0);
      // one warning line naming the manifest as the user would type it
      expect(r.err).toMatch(/^handout: warning: the build manifest `out\/\.handout-manifest\.json` [^\n]*(ignored|wrong shape)[^\n]*\n$/);
      expect(r.status).toEqual({ [A]: 'built', [B]: 'built' });
      expect((await run(args, ws.dir)).status).toEqual({ [A]: 'up to date', [B]: 'up to date' });
    }
  });

  it('gives the same bytes as a clean build, and a deterministic manifest', async () => {
    const { ws, args } = await builtOnce();
    writeFileSync(ws.guideA, readFileSync(ws.guideA, 'utf8') + '\nBring a friend.\n');
    await run(args, ws.dir);
    const clean = await run([...args, '--out-dir', 'clean'], ws.dir);
    expect(clean.status).toEqual({ 'clean/alpha.en.pdf': 'built', 'clean/beta.en.pdf': 'built' });
    for (const f of ['alpha.en.pdf', 'beta.en.pdf']) expect(bytes(ws, `out/${f}`)).toEqual(bytes(ws, `clean/${f}`));
    // same depth, same inputs: the same manifest, byte for byte
    expect(bytes(ws, `clean/${MANIFEST_NAME}`)).toEqual(bytes(ws, `out/${MANIFEST_NAME}`));
    const json = JSON.parse(bytes(ws, `out/${MANIFEST_NAME}`).toString('utf8')) as {
      outputs: Record<string, { inputs: Record<string, string> }>;
    };
    expect(Object.keys(json.outputs)).toEqual(['alpha.en.pdf', 'beta.en.pdf']);
    expect(Object.keys(json.outputs['alpha.en.pdf']!.inputs)).toEqual([
      '../content/clinics/test-clinic/clinic.yaml',
      '../content/clinics/test-clinic/logo.svg',
      '../content/guides/alpha/chart.png',
      '../content/guides/alpha/en.md',
    ]);
  });

  it('works for one guide with -o and with --out-dir', async () => {
    const ws = await workspace();
    const one = ['build', ws.guideB, '--clinic', ws.clinic];
    expect((await run([...one, '-o', 'x/b.pdf'], ws.dir)).status).toEqual({ 'x/b.pdf': 'built' });
    expect((await run([...one, '-o', 'x/b.pdf'], ws.dir)).status).toEqual({ 'x/b.pdf': 'up to date' });
    expect(existsSync(path.join(ws.dir, 'x', MANIFEST_NAME))).toBe(true);
    // an explicitly named output is not mistaken for the guide's own name in the same folder
    expect((await run([...one, '--out-dir', 'x'], ws.dir)).status).toEqual({ 'x/beta.en.pdf': 'built' });
    expect((await run([...one, '--out-dir', 'x'], ws.dir)).status).toEqual({ 'x/beta.en.pdf': 'up to date' });
    expect((await run([...one, '-o', 'x/b.pdf'], ws.dir)).status).toEqual({ 'x/b.pdf': 'up to date' });
    writeFileSync(ws.guideB, readFileSync(ws.guideB, 'utf8') + '\nMore.\n');
    expect((await run([...one, '-o', 'x/b.pdf'], ws.dir)).status).toEqual({ 'x/b.pdf': 'built' });
  });

  it('repeats the warnings of a skipped build', async () => {
    const ws = await workspace();
    writeFileSync(ws.guideB, readFileSync(ws.guideB, 'utf8') + '\n<span>raw</span> html\n');
    const args = ['build', ws.guideB, '--clinic', ws.clinic];
    const first = await run(args, ws.dir);
    expect(first.err).toContain('warning');
    const second = await run(args, ws.dir);
    expect(second.status).toEqual({ [B]: 'up to date' });
    expect(second.err).toBe(first.err);
  });

  it('forgets a guide that now fails: its output and manifest entry are removed', async () => {
    const { ws, args } = await builtOnce();
    writeFileSync(ws.guideB, readFileSync(ws.guideB, 'utf8') + '\n{{clinic.phnoe}}\n');
    const r = await run(args, ws.dir);
    expect(r.code).toBe(1);
    expect(r.status).toEqual({ [A]: 'up to date' });
    expect(existsSync(path.join(ws.dir, B))).toBe(false);
    const manifest = readFileSync(path.join(ws.dir, 'out', MANIFEST_NAME), 'utf8');
    expect(manifest).not.toContain('beta');
    expect((await run(args, ws.dir)).code).toBe(1); // still failing, never "up to date"
  });

  it('never skips a build with --fill, and keeps fill values out of the manifest', async () => {
    const { ws, args } = await builtOnce();
    writeFileSync(ws.guideB, readFileSync(ws.guideB, 'utf8') + '\nFor {{fill.patientName}}.\n');
    const secret = 'Zebulon Quxworth';
    const fill = [...args, '--fill', `patientName=${secret}`];
    // beta has a fill field now; alpha is unchanged but a fill build is never skipped
    expect((await run(fill, ws.dir)).status).toEqual({ [A]: 'built', [B]: 'built' });
    expect((await run(fill, ws.dir)).status).toEqual({ [A]: 'built', [B]: 'built' });
    const files = readdirSync(path.join(ws.dir, 'out'), { recursive: true, encoding: 'utf8' });
    for (const f of files.filter((n) => !n.endsWith('.pdf'))) {
      const text = readFileSync(path.join(ws.dir, 'out', f), 'utf8');
      expect(text).not.toContain('Zebulon');
      expect(text).not.toContain('Quxworth');
    }
    // the personalised outputs are not in the manifest: a plain build rebuilds them
    const manifest = JSON.parse(readFileSync(path.join(ws.dir, 'out', MANIFEST_NAME), 'utf8')) as { outputs: object };
    expect(Object.keys(manifest.outputs)).toEqual([]);
    const plain = await run(args, ws.dir);
    expect(plain.status).toEqual({ [A]: 'built', [B]: 'built' }); // beta as a blank form (a line to write on)
    expect((await run(args, ws.dir)).status).toEqual({ [A]: 'up to date', [B]: 'up to date' });
  });

  it("forgets a guide's old output when its id changes, and records the new one", async () => {
    const { ws, args } = await builtOnce();
    writeFileSync(ws.guideA, readFileSync(ws.guideA, 'utf8').replace('id: alpha', 'id: gamma'));
    const G = 'out/gamma.en.pdf';
    expect((await run(args, ws.dir)).status).toEqual({ [G]: 'built', [B]: 'up to date' });
    const manifest = JSON.parse(readFileSync(path.join(ws.dir, 'out', MANIFEST_NAME), 'utf8')) as { outputs: object };
    expect(Object.keys(manifest.outputs).sort()).toEqual(['beta.en.pdf', 'gamma.en.pdf']);
    expect((await run(args, ws.dir)).status).toEqual({ [G]: 'up to date', [B]: 'up to date' });
  });

  it('tracks a translation: a missing file created later, and the source guide it falls back to', async () => {
    const ws = await workspace();
    const es = path.join(path.dirname(ws.guideB), 'es.md');
    const args = ['build', es, '--clinic', ws.clinic, '--translations', 'fallback'];
    const ES = 'out/beta.es.pdf';
    expect((await run(args, ws.dir)).status).toEqual({ [ES]: 'built' });
    expect((await run(args, ws.dir)).status).toEqual({ [ES]: 'up to date' });
    writeFileSync(
      es,
      '---\nid: beta\ntitle: Guía beta\nlang: es\nversion: 1\ntranslatedFrom: { version: 1 }\n---\n\n## Después\n\nDescanse 15 minutos.\n',
    );
    expect((await run(args, ws.dir)).status).toEqual({ [ES]: 'built' });
    expect((await run(args, ws.dir)).status).toEqual({ [ES]: 'up to date' });
    // a newer source makes the translation stale: built again (now from the source, with a warning)
    writeFileSync(ws.guideB, readFileSync(ws.guideB, 'utf8').replace('version: 1', 'version: 2'));
    const stale = await run(args, ws.dir);
    expect(stale.status).toEqual({ [ES]: 'built' });
    expect(stale.err).toContain('[translation-stale]');
  });
});
