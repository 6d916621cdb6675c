/** Deterministic JSON: object keys sorted at every level, so equal data gives equal bytes. */

/** A JSON value. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

function sorted(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(sorted);
  if (value !== null && typeof value === 'object') {
    const out = Object.create(null) as Record<string, JsonValue>; // no prototype: a `__proto__` key stays a key
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, JsonValue | undefined>)[key];
      if (v !== undefined) out[key] = sorted(v);
    }
    return out;
  }
  return value;
}

/** `value` as JSON with sorted keys; `indent` spaces per level (0: one line). */
export function canonicalJson(value: JsonValue, indent = 0): string {
  return JSON.stringify(sorted(value), null, indent);
}
