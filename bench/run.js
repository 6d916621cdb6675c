// npm run bench — one run, ratios measured side by side on this machine.
// Prints: warm per-document time of the full pipeline on the seed guide, the same for a naive PDFKit
// baseline (remark parse + doc.text calls, fonts parsed once), their ratio, and the cold time of one
// `handout build` process.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';
import * as fontkit from 'fontkit';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import { buildHandout, sampleClinicPath, nodeWorld } from '../dist/index.js';
import { Diagnostics } from '../dist/diagnostics.js';
import { loadClinic } from '../dist/brand/load-clinic.js';
import { parse } from '../dist/parse/parse.js';
import { resolve } from '../dist/resolve/resolve.js';
import { applyTemplate } from '../dist/template/apply-template.js';
import { layout } from '../dist/layout/layout.js';
import { render } from '../dist/render/render.js';
import { sharedFontBook } from '../dist/layout/fonts/font-book.js';
import { defaultSettings } from '../dist/settings.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const guide = path.join(root, 'content/guides/first-ketamine-session/en.md');
const WARMUP = 3;
const RUNS = Number(process.env.BENCH_RUNS ?? 20);

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function time(fn) {
  for (let i = 0; i < WARMUP; i++) await fn();
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(samples);
}

// --- naive PDFKit baseline: fonts parsed once, remark parse, doc.text per block ---
const naiveFonts = {
  regular: fontkit.openSync(path.join(root, 'fonts/NotoSans-Regular.ttf')),
  bold: fontkit.openSync(path.join(root, 'fonts/NotoSans-Bold.ttf')),
};
const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']);
const source = readFileSync(guide, 'utf8');
function toText(node) {
  if (node.value !== undefined && node.type !== 'yaml') return node.value;
  return (node.children ?? []).map(toText).join('');
}
function naive() {
  return new Promise((resolve) => {
    const tree = processor.parse(source);
    const doc = new PDFDocument({ size: 'LETTER', margin: 60, font: null, info: { CreationDate: new Date(0) } });
    doc.registerFont('regular', naiveFonts.regular);
    doc.registerFont('bold', naiveFonts.bold);
    const chunks = [];
    doc.on('data', (c) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    for (const node of tree.children) {
      if (node.type === 'heading') doc.font('bold').fontSize(15).text(toText(node)).moveDown(0.5);
      else if (node.type !== 'yaml') doc.font('regular').fontSize(10.5).text(toText(node), { align: 'left' }).moveDown(0.5);
    }
    doc.end();
  });
}

const full = async () => {
  const r = await buildHandout({ guide });
  if (!r.pdf) throw new Error('bench: build failed');
};

const fullMs = await time(full);

// --- what tagging costs: the same laid-out document rendered tagged and untagged ---
const diags = new Diagnostics();
const settings = defaultSettings();
const brand = await loadClinic(sampleClinicPath(), diags, nodeWorld);
const parsed = parse(guide, source, diags);
const resolved = await resolve({ doc: parsed, brand, world: nodeWorld, roots: [path.dirname(guide)] }, settings, diags);
const tree = applyTemplate(resolved, settings, diags);
const fonts = sharedFontBook();
const paged = layout({ tree, fonts }, settings, diags);
const taggedMs = await time(() => render({ paged, fonts, fillable: false }, settings));
const untaggedMs = await time(() => render({ paged, fonts, fillable: false, tagged: false }, settings));
const naiveMs = await time(naive);

const tmp = mkdtempSync(path.join(os.tmpdir(), 'handout-bench-'));
const coldSamples = [];
for (let i = 0; i < 3; i++) {
  const t0 = process.hrtime.bigint();
  execFileSync(process.execPath, [path.join(root, 'bin/handout.js'), 'build', guide, '-o', path.join(tmp, 'x.pdf'), '--force'], { stdio: 'ignore' });
  coldSamples.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
rmSync(tmp, { recursive: true, force: true });

console.log(`machine: ${os.cpus()[0]?.model ?? 'unknown'} × ${os.cpus().length}, node ${process.version}`);
console.log(`full pipeline, warm:   ${fullMs.toFixed(1)} ms/doc (median of ${RUNS})`);
console.log(`naive PDFKit baseline: ${naiveMs.toFixed(1)} ms/doc (median of ${RUNS})`);
console.log(`ratio full/naive:      ${(fullMs / naiveMs).toFixed(2)}×`);
console.log(`render tagged:         ${taggedMs.toFixed(1)} ms/doc; untagged ${untaggedMs.toFixed(1)} ms/doc; tagging adds ${(((taggedMs - untaggedMs) / fullMs) * 100).toFixed(1)}% of the full build`);
console.log(`cold \`handout build\`:  ${median(coldSamples).toFixed(0)} ms (median of 3 processes)`);
