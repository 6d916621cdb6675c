/**
 * A live view rebuilds when a file the build read changes (guide, clinic
 * profile, logo), coalesces a burst of saves, keeps the last good PDF when a
 * build fails, and lists the languages as `handout check` does.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translationReport } from '../../src/i18n/translation-status.js';
import { listLanguages, previewContent } from '../../src/preview/content.js';
import { LiveView, type LiveState } from '../../src/preview/live.js';
import { resolveView, viewQuery, type ResolvedView } from '../../src/preview/view.js';
import { ROOT, SAMPLE_VIEW, previewWorkspace, type PreviewWorkspace } from './helpers.js';

let ws: PreviewWorkspace;
let live: LiveView;
let view: ResolvedView;
const states: LiveState[] = [];

const builds = (): number => states.filter((s, i) => s.building && !states[i - 1]?.building).length;

/** Resolves when the view has been idle (not building, no new state) for `quietMs`. */
async function settled(quietMs = 600, timeoutMs = 60_000): Promise<LiveState> {
  const end = Date.now() + timeoutMs;
  let seen = -1;
  let since = Date.now();
  for (;;) {
    const s = live.state();
    if (s.seq !== seen) {
      seen = s.seq;
      since = Date.now();
    } else if (!s.building && Date.now() - since >= quietMs) return s;
    if (Date.now() > end) throw new Error('the live view did not settle');
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function nextBuild(before: number): Promise<LiveState> {
  const end = Date.now() + 60_000;
  while (builds() <= before) {
    if (Date.now() > end) throw new Error('no rebuild after the change');
    await new Promise((r) => setTimeout(r, 50));
  }
  return settled();
}

beforeAll(async () => {
  ws = previewWorkspace();
  const content = previewContent(ws.guide, ws.clinic);
  const defaults = SAMPLE_VIEW;
  const v = await resolveView(new URLSearchParams(viewQuery(defaults)), content, defaults);
  if ('message' in v) throw new Error(v.message);
  view = v;
  live = new LiveView(view, ws.dir);
  live.subscribe((s) => states.push(s));
  await live.ready;
}, 120_000);

afterAll(() => live?.dispose());

describe('live view', () => {
  it('builds once at the start', async () => {
    const s = await settled();
    expect(s.ok).toBe(true);
    expect(s.pdf?.version).toBe(1);
    expect(s.pdf?.fileName).toBe('first-ketamine-session.en.pdf');
    expect(live.pdf()?.bytes.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('coalesces a burst of saves, builds the last one, and keeps the last good PDF when it fails', async () => {
    const before = builds();
    const good = readFileSync(ws.guide, 'utf8');
    for (let i = 0; i < 5; i++) {
      writeFileSync(ws.guide, good.replace('## Understanding Ketamine Therapy', `## Understanding Ketamine ${i}`));
      await new Promise((r) => setTimeout(r, 10));
    }
    writeFileSync(ws.guide, good.replace('## Understanding Ketamine Therapy', '## Understanding {{clinic.phnoe}}'));
    const s = await nextBuild(before);
    expect(builds() - before).toBeLessThanOrEqual(2);
    expect(s.ok).toBe(false);
    expect(s.stale).toBe(true);
    expect(s.pdf?.version).toBe(1); // the last good one stays
    expect(s.diagnostics.map((d) => `${d.location} [${d.ruleId}]`)).toEqual([
      `content/guides/first-ketamine-session/en.md:${good.split('\n').findIndex((l) => l.startsWith('## Understanding')) + 1}:18 [unknown-variable]`,
    ]);
    // the fix suggestion travels with it, as the command line prints it
    expect(s.diagnostics[0]?.hint).toBe('did you mean `clinic.contact.phone`?');
    const fixed = builds();
    writeFileSync(ws.guide, good);
    const again = await nextBuild(fixed);
    expect(again.ok).toBe(true);
    expect(again.stale).toBe(false);
    expect(again.pdf?.version).toBe(2);
  });

  it('rebuilds when the clinic profile or the logo changes', async () => {
    const yaml = readFileSync(ws.clinic, 'utf8');
    let before = builds();
    writeFileSync(ws.clinic, yaml.replace('#1F5FAD', '#12345G'));
    const bad = await nextBuild(before);
    expect(bad.ok).toBe(false);
    expect(bad.diagnostics[0]?.location).toMatch(/^content\/clinics\/example-community\/clinic\.yaml:\d+:\d+$/);
    before = builds();
    writeFileSync(ws.clinic, yaml);
    const fixed = await nextBuild(before);
    expect(fixed.diagnostics).toEqual([]);
    expect(fixed.ok).toBe(true);
    const logo = path.join(path.dirname(ws.clinic), 'logo.svg');
    before = builds();
    writeFileSync(logo, readFileSync(logo, 'utf8').replace('</svg>', '<!-- changed --></svg>'));
    const s = await nextBuild(before);
    expect(s.ok).toBe(true);
  });

  it('rebuilds when a template override appears or changes', async () => {
    const partials = path.join(path.dirname(ws.clinic), 'templates', 'partials');
    const footer = readFileSync(path.join(ROOT, 'templates/partials/footer.hbs'), 'utf8');
    let before = builds();
    mkdirSync(partials, { recursive: true });
    writeFileSync(path.join(partials, 'footer.hbs'), footer);
    expect((await nextBuild(before)).ok).toBe(true);
    before = builds();
    writeFileSync(path.join(partials, 'footer.hbs'), `${footer}<nosuchtag/>`);
    const s = await nextBuild(before);
    expect(s.ok).toBe(false);
    expect(s.diagnostics.map((d) => d.message).join('\n')).toContain('nosuchtag');
    before = builds();
    writeFileSync(path.join(partials, 'footer.hbs'), footer);
    expect((await nextBuild(before)).ok).toBe(true);
  });
});

describe('preview languages', () => {
  it('match the translation report of `handout check`, also after the source version moves on', async () => {
    const dir = path.dirname(ws.guide);
    const same = async (): Promise<void> => {
      const ours = await listLanguages(view.guide, view.clinic);
      expect(ours).toEqual(translationReport(dir, []));
    };
    await same();
    const src = readFileSync(ws.guide, 'utf8');
    writeFileSync(ws.guide, src.replace(/^version: 1$/m, 'version: 2'));
    await new Promise((r) => setTimeout(r, 20)); // a new modification time
    await same();
    expect((await listLanguages(view.guide, view.clinic)).find((l) => l.lang === 'ar')?.state).toBe('stale');
    writeFileSync(ws.guide, src);
  });
});
