/** Types of `precompiled-templates.mjs` (a build script) for the tests. */
export declare function precompiledModule(dir?: string): string;
export declare const precompiledTemplatesPlugin: { readonly name: string; setup(build: unknown): void };
