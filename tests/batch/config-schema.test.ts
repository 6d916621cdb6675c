/** The JSON Schema shipped for editors (`schema/handout.config.schema.json`) is the one generated from the zod schema. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { configJsonSchema } from '../../src/batch/config-schema.js';
import { packageDir } from '../../src/package-dir.js';

const FILE = path.join(packageDir(), 'schema', 'handout.config.schema.json');

test('the shipped JSON Schema matches the zod schema (UPDATE=1 rewrites it)', () => {
  if (process.env.UPDATE === '1') writeFileSync(FILE, JSON.stringify(configJsonSchema(), null, 2) + '\n');
  expect(JSON.parse(readFileSync(FILE, 'utf8'))).toEqual(configJsonSchema());
});

test('the sample config points editors at the shipped schema', () => {
  const sample = readFileSync(path.join(packageDir(), 'handout.config.yaml'), 'utf8');
  const ref = /^# yaml-language-server: \$schema=(\S+)$/m.exec(sample)?.[1];
  expect(ref).toBe('./schema/handout.config.schema.json');
  expect(path.resolve(packageDir(), ref!)).toBe(FILE);
});
