/** handoutkit's public API. */
export { buildHandout, sampleClinicPath, pinnedDate, contentRootOf, type BuildInput, type BuildResult } from './build.js';
export { formatDiagnostic, type Diagnostic, type Severity, type SourcePlace } from './diagnostics.js';
export type { Brand, PaperName, HexColor } from './types/brand.js';
export type { GuideMeta } from './types/document.js';
export type { PagedDocument, PageItem } from './types/paged.js';
export type { LayoutTree, Block, Inline } from './types/layout-tree.js';
export { nodeWorld, type World } from './world.js';
export { writeFileAtomic } from './io/atomic-write.js';
export { buildBatch, defaultJobs, type BatchItem, type BatchResult } from './batch/batch.js';
export { DEFAULT_LIMITS, type Limits } from './limits.js';
export type { TranslationPolicy } from './i18n/translation-status.js';
