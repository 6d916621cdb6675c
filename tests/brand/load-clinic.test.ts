import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { clinicIdOf, loadClinic } from '../../src/brand/load-clinic.js';
import { Diagnostics, formatDiagnostic } from '../../src/diagnostics.js';
import { nodeWorld, type World } from '../../src/world.js';

const BROKEN = 'tests/fixtures/clinics/broken';

async function load(file: string, world: World = nodeWorld) {
  const diags = new Diagnostics();
  const brand = await loadClinic(file, diags, world);
  return { brand, diags, lines: diags.list.map(formatDiagnostic) };
}

const tmp = mkdtempSync(path.join(tmpdir(), 'handoutkit-clinic-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let counter = 0;
/** Writes `yaml` to a fresh `<tmp>/<id>/clinic.yaml` and returns its path. */
function clinicFile(yaml: string, id = `clinic-${++counter}`): string {
  const dir = path.join(tmp, id);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'clinic.yaml');
  writeFileSync(file, yaml);
  return file;
}

describe('loadClinic: valid profiles', () => {
  it('loads the sample clinic with exactly the documented values', async () => {
    const file = 'content/clinics/example-community/clinic.yaml';
    const { brand, diags } = await load(file);
    expect(diags.list).toEqual([]);
    expect(brand).toMatchObject({
      id: 'example-community',
      file,
      name: 'Example Community Clinic',
      colors: { primary: '#1F5FAD', accent: '#E8F0FB', text: '#1A1A1A' },
      contact: { phone: '(555) 010-0199', website: 'https://example.org', address: '100 Main St, Springfield', email: 'care@example.org' },
      paper: 'letter',
      footer: 'This handout does not replace advice from your care team.',
    });
    // logo.svg is 96×96 CSS px (one inch): rasterised at 300 dpi.
    expect(brand?.logo).toMatchObject({ width: 300, height: 300, place: { file, line: 2, column: 7 } });
    expect((await sharp(brand!.logo!.data).metadata()).format).toBe('png');
  });

  it('keeps a JPEG logo labelled as JPEG (not every logo is PNG)', async () => {
    const file = clinicFile('name: Jpeg Clinic\nlogo: logo.jpg\ncolors: { primary: "#123456" }\n');
    copyFileSync('tests/fixtures/images/tiny.jpg', path.join(path.dirname(file), 'logo.jpg'));
    const { brand, diags } = await load(file);
    expect(diags.list).toEqual([]);
    expect(brand?.logo?.format).toBe('jpeg');
    expect((await sharp(brand!.logo!.data).metadata()).format).toBe('jpeg');
  });

  it('loads a second, different clinic (a4, PNG logo, default accent, short colour)', async () => {
    const { brand, diags } = await load('tests/fixtures/clinics/harbor-health/clinic.yaml');
    expect(diags.list).toEqual([]);
    expect(brand).toMatchObject({
      id: 'harbor-health',
      name: 'Harbor Health Centre',
      colors: { primary: '#0B6E6E', accent: '#E7F1F1', text: '#222222' },
      contact: { phone: '+44 20 7946 0018', website: 'https://harbor-health.example', email: 'hello@harbor-health.example' },
      paper: 'a4',
    });
    expect(brand?.contact.address).toBeUndefined();
    expect(brand?.logo).toMatchObject({ width: 240, height: 240 });
  });

  it('applies defaults: accent is a light tint of primary, text #1A1A1A, paper letter', async () => {
    const { brand, diags } = await load(clinicFile('name: Tiny Clinic\ncolors:\n  primary: "#1f5fad"\n', 'tiny-clinic'));
    expect(diags.list).toEqual([]);
    expect(brand).toEqual({
      id: 'tiny-clinic',
      file: expect.stringMatching(/tiny-clinic\/clinic\.yaml$/),
      name: 'Tiny Clinic',
      colors: { primary: '#1F5FAD', accent: '#E9EFF7', text: '#1A1A1A' },
      contact: {},
      paper: 'letter',
    });
  });

  it('works through any World (here an in-memory one)', async () => {
    const files = new Map([['/mem/clinics/mem-clinic/clinic.yaml', 'name: Memory Clinic\ncolors: { primary: "#235" }\npaper: a4\n']]);
    const world: World = {
      read(ref, baseDir) {
        const full = path.resolve(baseDir, ref);
        const data = files.get(full);
        return data === undefined
          ? { ok: false, path: full, reason: 'not-found', detail: `file not found: \`${ref}\`` }
          : { ok: true, path: full, data: Buffer.from(data) };
      },
    };
    const { brand } = await load('/mem/clinics/mem-clinic/clinic.yaml', world);
    expect(brand).toMatchObject({ id: 'mem-clinic', colors: { primary: '#223355' }, paper: 'a4' });
  });

  it('names the brand after the folder for clinic.yaml, else after the file stem', () => {
    expect(clinicIdOf('content/clinics/north-side/clinic.yaml')).toBe('north-side');
    expect(clinicIdOf('tests/fixtures/clinics/broken/many-problems.yaml')).toBe('many-problems');
  });
});

describe('loadClinic: refusals, each positioned', () => {
  it('reports a missing file at 1:1 [clinic-not-found]', async () => {
    const { brand, lines } = await load('content/clinics/nowhere/clinic.yaml');
    expect(brand).toBeUndefined();
    expect(lines).toEqual([
      expect.stringMatching(
        /^content\/clinics\/nowhere\/clinic\.yaml:1:1: error clinic profile `.*` was not found.* \[clinic-not-found\]$/,
      ),
    ]);
  });

  it('reports YAML syntax errors at yaml’s own position [clinic-yaml-syntax]', async () => {
    const { brand, lines } = await load(`${BROKEN}/bad-syntax.yaml`);
    expect(brand).toBeUndefined();
    expect(lines).toEqual([
      expect.stringMatching(
        /^tests\/fixtures\/clinics\/broken\/bad-syntax\.yaml:3:1: error bad-syntax\.yaml is not valid YAML: Flow map .* \[clinic-yaml-syntax\]$/,
      ),
    ]);
  });

  it('reports a duplicate key at the second occurrence [clinic-yaml-syntax]', async () => {
    const { lines } = await load(`${BROKEN}/duplicate-key.yaml`);
    expect(lines).toEqual([expect.stringMatching(/duplicate-key\.yaml:3:1: error .*Map keys must be unique \[clinic-yaml-syntax\]$/)]);
  });

  it('records every problem of a file, in file order, each at its key or value', async () => {
    const file = `${BROKEN}/many-problems.yaml`;
    const { brand, lines } = await load(file);
    expect(brand).toBeUndefined();
    expect(lines).toEqual([
      `${file}:3:12: error \`colors.primary\` is not a colour: \`#1F5FAZ\`; it must be a quoted hex colour \`#rgb\` or \`#rrggbb\`, e.g. \`primary: "#1F5FAD"\` [clinic-invalid-color]`,
      `${file}:5:9: error \`colors.text\` must be a quoted hex colour \`#rgb\` or \`#rrggbb\`, but it is a number \`26\`, e.g. \`text: "#1A1A1A"\` [clinic-invalid-color]`,
      `${file}:8:12: error \`contact.website\` is not valid: \`ftp://example.org\`; it must be a web address starting with \`http://\` or \`https://\`, e.g. \`website: https://example.org\` [clinic-invalid-value]`,
      `${file}:9:3: error unknown key \`adress\` in \`contact\`; allowed keys: \`phone\`, \`website\`, \`address\`, \`email\` [clinic-unknown-key]\n  hint: did you mean \`address\`?`,
      `${file}:10:10: error \`contact.email\` is not valid: \`care-at-example.org\`; it must be an email address, e.g. \`email: care@example.org\` [clinic-invalid-value]`,
      `${file}:11:8: error \`paper\` is \`A4\`; allowed: \`letter\`, \`a4\` [clinic-invalid-value]\n  hint: did you mean \`a4\`?`,
      `${file}:12:1: error unknown key \`footr\` in clinic.yaml; allowed keys: \`name\`, \`logo\`, \`colors\`, \`contact\`, \`paper\`, \`footer\`, \`locales\`, \`languageAssistance\`, \`contactCard\`, \`safety\`, \`fonts\` [clinic-unknown-key]\n  hint: did you mean \`footer\`?`,
    ]);
  });

  it('explains an unquoted colour (YAML reads `#…` as a comment) [clinic-invalid-color]', async () => {
    const { lines } = await load(`${BROKEN}/unquoted-color.yaml`);
    expect(lines).toEqual([
      expect.stringMatching(
        /unquoted-color\.yaml:3:12: error `colors\.primary` is empty; .*`#` starts a comment in YAML, so the colour must be quoted: `primary: "#1F5FAD"` \[clinic-invalid-color\]$/,
      ),
    ]);
  });

  it('reports missing required fields at the parent mapping, and a logo outside the clinic folder', async () => {
    const file = `${BROKEN}/missing-fields.yaml`;
    const { brand, diags, lines } = await load(file);
    expect(brand).toBeUndefined();
    expect(diags.list.map((d) => [d.line, d.column, d.ruleId])).toEqual([
      [1, 1, 'clinic-missing-field'],
      [3, 3, 'clinic-missing-field'],
      [1, 7, 'image-outside-content'],
    ]);
    expect(lines[0]).toContain('missing required field `name`');
    expect(lines[1]).toContain('missing required field `colors.primary`');
    expect(lines[1]).toContain('add it under `colors:`');
  });

  it('reports a missing `colors` mapping at the top-level mapping [clinic-missing-field]', async () => {
    const file = clinicFile('# Clinic profile\nname: No Colours\n');
    const { lines } = await load(file);
    expect(lines).toEqual([expect.stringMatching(/clinic\.yaml:2:1: error missing required field `colors`: .* \[clinic-missing-field\]$/)]);
  });

  it('reports an empty file [clinic-missing-field]', async () => {
    const { lines } = await load(`${BROKEN}/empty.yaml`);
    expect(lines).toEqual([
      expect.stringMatching(
        /empty\.yaml:1:1: error clinic\.yaml is empty; it needs at least `name` and `colors\.primary`.* \[clinic-missing-field\]$/,
      ),
    ]);
  });

  it('rejects __proto__ / constructor / prototype keys at any depth [clinic-forbidden-key]', async () => {
    const { brand, lines } = await load(`${BROKEN}/reserved-keys.yaml`);
    expect(brand).toBeUndefined();
    expect(lines).toEqual([
      expect.stringMatching(/reserved-keys\.yaml:2:28: error key `constructor` is not allowed .*\[clinic-forbidden-key\]$/),
      expect.stringMatching(/reserved-keys\.yaml:3:1: error key `__proto__` is not allowed .*\[clinic-forbidden-key\]$/),
    ]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('rejects a `prototype` key [clinic-forbidden-key]', async () => {
    const { lines } = await load(clinicFile('name: P\ncolors: { primary: "#123" }\ncontact:\n  prototype: x\n'));
    expect(lines).toEqual([expect.stringMatching(/:4:3: error key `prototype` is not allowed .*\[clinic-forbidden-key\]$/)]);
  });

  it('rejects custom tags [clinic-yaml-syntax]', async () => {
    const { brand, lines } = await load(clinicFile('name: !secret Tagged\ncolors: { primary: "#123" }\nfooter: !!binary aGVsbG8=\n'));
    expect(brand).toBeUndefined();
    expect(lines).toEqual([
      expect.stringMatching(/:1:7: error YAML tag `!secret` is not allowed .*\[clinic-yaml-syntax\]$/),
      expect.stringMatching(/:3:9: error YAML tag `!!binary` is not allowed .*\[clinic-yaml-syntax\]$/),
    ]);
  });

  it('resolves anchors and aliases, but stops a "billion laughs" expansion [clinic-yaml-syntax]', async () => {
    const ok = await load(clinicFile('name: A\ncolors: { primary: &brand "#123", text: *brand }\n'));
    expect(ok.brand?.colors).toEqual({ primary: '#112233', accent: '#E7E9EB', text: '#112233' });
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++)
      levels.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(', ')}]`,
      );
    const bomb = await load(clinicFile(`name: B\ncolors: { primary: "#123" }\nfooter:\n  ${levels.join('\n  ')}\n`));
    expect(bomb.brand).toBeUndefined();
    expect(bomb.lines[0]).toMatch(/:1:1: error clinic\.yaml expands to more than 10000 values .*\[clinic-yaml-syntax\]$/);
  });

  it('rejects a document that is not a mapping [clinic-invalid-value]', async () => {
    const { lines } = await load(clinicFile('- name: In a list\n'));
    expect(lines).toEqual([
      expect.stringMatching(
        /:1:1: error clinic\.yaml must be a mapping of `key: value` lines, but it is a list; .*\[clinic-invalid-value\]$/,
      ),
    ]);
  });

  it('checks colours: wrong length, not hex, not text [clinic-invalid-color]', async () => {
    const { lines } = await load(clinicFile('name: C\ncolors:\n  primary: "#12"\n  accent: blue\n  text: [1, 2]\n'));
    expect(lines).toEqual([
      expect.stringMatching(/:3:12: error `colors\.primary` is not a colour: `#12`; .*\[clinic-invalid-color\]$/),
      expect.stringMatching(/:4:11: error `colors\.accent` is not a colour: `blue`; .*\[clinic-invalid-color\]$/),
      expect.stringMatching(/:5:9: error `colors\.text` must be a quoted hex colour .* but it is a list .*\[clinic-invalid-color\]$/),
    ]);
  });

  it('checks text fields: blank name, phone without digits, number as phone, website without scheme [clinic-invalid-value]', async () => {
    const { lines } = await load(
      clinicFile('name: "  "\ncolors: { primary: "#123" }\ncontact:\n  phone: call us\n  website: example.org\n'),
    );
    expect(lines).toEqual([
      expect.stringMatching(/:1:7: error `name` is blank; .*\[clinic-invalid-value\]$/),
      expect.stringMatching(
        /:4:10: error `contact\.phone` is not valid: `call us`; it must be a quoted phone number containing digits.*\[clinic-invalid-value\]$/,
      ),
      expect.stringMatching(
        /:5:12: error `contact\.website` is not valid: `example\.org`; .*`http:\/\/` or `https:\/\/`.*\[clinic-invalid-value\]$/,
      ),
    ]);
    const numeric = await load(clinicFile('name: N\ncolors: { primary: "#123" }\ncontact: { phone: 5550100199 }\n'));
    expect(numeric.lines).toEqual([
      expect.stringMatching(
        /:3:19: error `contact\.phone` must be a quoted phone number containing digits, but it is a number `5550100199`.*\[clinic-invalid-value\]$/,
      ),
    ]);
  });

  it('reports an empty value at the key [clinic-invalid-value]', async () => {
    const { lines } = await load(clinicFile('name: E\ncolors: { primary: "#123" }\nfooter:\n'));
    expect(lines).toEqual([
      expect.stringMatching(/:3:8: error `footer` is empty; it must be a short text.*or remove the key \[clinic-invalid-value\]$/),
    ]);
  });

  it('reports a logo that does not exist at the logo value [image-not-found]', async () => {
    const { brand, lines } = await load(`${BROKEN}/logo-missing.yaml`);
    expect(brand).toBeUndefined();
    expect(lines).toEqual([
      expect.stringMatching(/logo-missing\.yaml:2:7: error image `logos\/nowhere\.png` was not found.*\[image-not-found\]$/),
    ]);
  });

  it('refuses a logo symlink that points out of the clinic folder [image-outside-content]', async () => {
    const file = clinicFile('name: Linked\nlogo: logo.png\ncolors: { primary: "#123" }\n', 'linked');
    const outside = path.join(tmp, 'elsewhere.png');
    copyFileSync('tests/fixtures/clinics/harbor-health/logo.png', outside);
    symlinkSync(outside, path.join(path.dirname(file), 'logo.png'));
    const { brand, lines } = await load(file);
    expect(brand).toBeUndefined();
    expect(lines).toEqual([
      expect.stringMatching(/linked\/clinic\.yaml:2:7: error image `logo\.png` is outside the content folder.*\[image-outside-content\]$/),
    ]);
  });

  it('refuses a remote logo [image-remote]', async () => {
    const { lines } = await load(clinicFile('name: Remote\nlogo: https://example.org/logo.png\ncolors: { primary: "#123" }\n'));
    expect(lines).toEqual([
      expect.stringMatching(/:2:7: error image `https:\/\/example\.org\/logo\.png` is a remote URL.*\[image-remote\]$/),
    ]);
  });

  it('refuses a file that is not UTF-8, at its first bad byte [not-utf8]', async () => {
    const file = clinicFile('');
    writeFileSync(file, Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xff, 0xfe, 0x0a]));
    const { lines } = await load(file);
    expect(lines).toEqual([expect.stringMatching(/:1:7: error the file is not UTF-8 text: byte 0xFF .*save it as UTF-8.*\[not-utf8\]$/)]);
  });
});
