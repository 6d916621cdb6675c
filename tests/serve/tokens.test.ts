import { describe, expect, it } from 'vitest';
import { allowsClinic, hashToken, TokenConfigError, TokenStore } from '../../src/serve/tokens.js';

const yaml = (hash: string): string => `tokens:\n  - id: portal\n    sha256: ${hash}\n    clinics: [north, south]\n`;

describe('TokenStore', () => {
  it('accepts the token whose hash is stored, with its clinics', () => {
    const store = TokenStore.parse(yaml(hashToken('s3cret-token')), 'tokens.yaml');
    expect(store.verify('Bearer s3cret-token')).toEqual({ id: 'portal', clinics: ['north', 'south'] });
    expect(allowsClinic(store.verify('Bearer s3cret-token')!, 'north')).toBe(true);
    expect(allowsClinic(store.verify('Bearer s3cret-token')!, 'east')).toBe(false);
  });

  it('refuses a wrong, missing or malformed token', () => {
    const store = TokenStore.parse(yaml(hashToken('s3cret-token')), 'tokens.yaml');
    for (const h of [
      undefined,
      '',
      'Bearer',
      'Bearer ',
      'Bearer s3cret-tokem',
      'Basic s3cret-token',
      'bearer s3cret-token',
      'Bearer s3cret token',
    ]) {
      expect(store.verify(h)).toBeUndefined();
    }
  });

  it('reports a bad token file with where it is wrong', () => {
    expect(() => TokenStore.parse(yaml('abc'), 'tokens.yaml')).toThrow(/tokens\.yaml: tokens\[0\]\.sha256: the SHA-256/);
    expect(() => TokenStore.parse('tokens: []', 'env')).toThrow(TokenConfigError);
    expect(() => TokenStore.parse('{', 'env')).toThrow(/not valid YAML/);
    const twice = `tokens:\n  - { id: a, sha256: ${hashToken('x')}, clinics: ["*"] }\n  - { id: a, sha256: ${hashToken('y')}, clinics: ["*"] }\n`;
    expect(() => TokenStore.parse(twice, 'env')).toThrow(/used twice/);
  });

  it('stores only hashes: the "*" scope allows every clinic', () => {
    const store = TokenStore.parse(`tokens:\n  - { id: all, sha256: ${hashToken('t')}, clinics: ["*"] }\n`, 'env');
    expect(allowsClinic(store.verify('Bearer t')!, 'anything')).toBe(true);
  });
});
