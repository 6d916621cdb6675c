// Part of `npm run build` / `prepare`: hashes the bundled folders (fonts, templates, locales, code) once, into
// dist/asset-stamps.json, so that incremental builds need not read the fonts on every run (src/incremental/asset-stamps.ts).
// The fonts' SHA-256 digests and coverage go to dist/font-digests.json, for the stores kept by font and the font
// book's fallback (src/layout/fonts/font-stamps.ts).
import { writeAssetStamps, stampPath } from '../dist/incremental/fingerprint.js';
import { bundledFontsDir } from '../dist/layout/fonts/fonts-dir.js';
import { writeFontStamps, fontStampPath } from '../dist/layout/fonts/font-stamps.js';
import { fontCoverage } from '../dist/layout/fonts/font-coverage.js';

writeFontStamps(bundledFontsDir(), fontStampPath(bundledFontsDir()), fontCoverage);
writeAssetStamps();
process.stderr.write(`stamped bundled assets: ${stampPath()}, ${fontStampPath(bundledFontsDir())}\n`);
