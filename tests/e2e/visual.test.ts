/**
 * A few visual tests: pages rendered by MuPDF compared with committed references, with a
 * tolerance (a changed layout fails; anti-aliasing noise does not). `UPDATE=1` rewrites them.
 */
import path from 'node:path';
import { describe, it } from 'vitest';
import { buildHandout } from '../../src/index.js';
import { renderPagePng } from '../helpers/pdf-read.js';
import { expectMatchesReference } from '../helpers/png-compare.js';

const SEED = path.resolve('content/guides/first-ketamine-session/en.md');
const REF = path.resolve('tests/e2e/references');

describe('visual', () => {
  it('page 1 of the seed handout matches its reference', async () => {
    const r = await buildHandout({ guide: SEED });
    await expectMatchesReference(renderPagePng(r.pdf!, 0, 40), path.join(REF, 'seed-page-1.png'), 0.01);
  });

  it('page 1 of the Arabic sample (mirrored right-to-left page) matches its reference', async () => {
    const r = await buildHandout({ guide: path.resolve('content/guides/first-ketamine-session/ar.md') });
    await expectMatchesReference(renderPagePng(r.pdf!, 0, 40), path.join(REF, 'arabic-page-1.png'), 0.01);
  });

  it('page 1 on A4 for the harbor-health clinic matches its reference', async () => {
    const r = await buildHandout({ guide: SEED, clinic: path.resolve('tests/fixtures/clinics/harbor-health/clinic.yaml') });
    await expectMatchesReference(renderPagePng(r.pdf!, 0, 40), path.join(REF, 'harbor-page-1.png'), 0.01);
  });
});
