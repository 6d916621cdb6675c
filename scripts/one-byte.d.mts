/** `code` with its characters above U+00FF escaped when all are in regular expression literals or comments (see one-byte.mjs). */
export function oneByte(code: string): string;
