/** Types of `zod-english.mjs` (a build script) for the tests. */
export declare function englishOnly(code: string): string | undefined;
export declare const zodEnglishPlugin: { readonly name: string; setup(build: unknown): void };
