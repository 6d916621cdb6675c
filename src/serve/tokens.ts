/**
 * Bearer tokens of `handout serve`. Tokens are stored only as SHA-256 hashes (a token file, or the
 * `HANDOUT_SERVE_TOKENS` environment variable with the same YAML/JSON content), each with the
 * clinics it may request. A presented token is hashed and compared with every stored hash in
 * constant time.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import * as z from 'zod';

const tokenSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'an id of letters, digits, `.`, `_` or `-`'),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'the SHA-256 of the token, as 64 lowercase hex digits'),
    clinics: z.array(z.string().min(1)).min(1),
  })
  .strict();

const fileSchema = z.object({ tokens: z.array(tokenSchema).min(1) }).strict();

/** One accepted token: its id (safe to log) and the clinics it may request (`*` for all). */
export interface TokenGrant {
  readonly id: string;
  readonly clinics: readonly string[];
}

interface StoredToken extends TokenGrant {
  readonly hash: Buffer;
}

/** A token file or variable that does not validate. */
export class TokenConfigError extends Error {
  override readonly name = 'TokenConfigError';
}

/** The SHA-256 (hex) of a token, as stored in the token file. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The stored tokens. */
export class TokenStore {
  private constructor(private readonly tokens: readonly StoredToken[]) {}

  /** Parses a token file's text (YAML or JSON); `origin` names it in errors. */
  static parse(text: string, origin: string): TokenStore {
    let data: unknown;
    try {
      data = parseYaml(text, { schema: 'core', maxAliasCount: 0, uniqueKeys: true });
    } catch (e) {
      throw new TokenConfigError(`${origin}: not valid YAML/JSON (${e instanceof Error ? e.message.split('\n')[0] : 'parse error'})`);
    }
    const parsed = fileSchema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const at = issue.path
        .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
        .join('')
        .replace(/^\./, '');
      throw new TokenConfigError(`${origin}: ${at || 'file'}: ${issue.message}`);
    }
    const ids = new Set<string>();
    for (const t of parsed.data.tokens) {
      if (ids.has(t.id)) throw new TokenConfigError(`${origin}: token id \`${t.id}\` is used twice`);
      ids.add(t.id);
    }
    return new TokenStore(parsed.data.tokens.map((t) => ({ id: t.id, clinics: t.clinics, hash: Buffer.from(t.sha256, 'hex') })));
  }

  /** How many tokens are stored. */
  get size(): number {
    return this.tokens.length;
  }

  /** The grant of an `Authorization` header's bearer token, or undefined. Compares every stored hash (constant time per hash). */
  verify(header: string | undefined): TokenGrant | undefined {
    const m = /^Bearer ([\x21-\x7e]{1,512})$/.exec(header ?? '');
    const presented = createHash('sha256')
      .update(m ? m[1]! : '', 'utf8')
      .digest();
    let found: StoredToken | undefined;
    for (const t of this.tokens) if (timingSafeEqual(t.hash, presented) && m) found = t;
    return found ? { id: found.id, clinics: found.clinics } : undefined;
  }
}

/** Whether a grant allows a clinic. */
export function allowsClinic(grant: TokenGrant, clinic: string): boolean {
  return grant.clinics.includes('*') || grant.clinics.includes(clinic);
}
