/** Types of `lazy-aes.mjs` (a build script) for the tests. */
export declare function lazyAesTables(code: string): string | undefined;
export declare const lazyAesPlugin: { readonly name: string; setup(build: unknown): void };
