// Part of `npm run build` / `prepare`: hashes the bundled folders (fonts, templates, locales, code) once, into
// dist/asset-stamps.json, so that incremental builds need not read the fonts on every run (src/incremental/asset-stamps.ts).
import { writeAssetStamps, stampPath } from '../dist/incremental/fingerprint.js';

writeAssetStamps();
process.stderr.write(`stamped bundled assets: ${stampPath()}\n`);
