/**
 * The V8 heap limit of a build worker thread (`handout batch`, `handout build` with several guides).
 *
 * Why a limit at all: V8 lets a heap grow to its live size times a growing factor before the next full
 * collection, and picks the factor (1.1 to 4) from how fast it collects against how fast the program
 * allocates. With the default limit (derived from the machine's memory, over 2 GB) the factor may reach 4,
 * and it does as a worker's code warms up: a worker holding about 45 MB of live objects let its heap reach
 * 160–170 MB, a little more the longer the run (peak 1.22–1.32× from output 1,000 to 10,000), and the dead
 * PDF and font buffers its garbage still pointed to stayed in memory with it (process peak RSS about 1 GB).
 * A limit under 2 GB caps the factor (V8 scales it from 1.3 at 256 MB to 2 at 2 GB, so 1.6 at 1,024 MB):
 * the heap then stays within about 1.6× its live size from the start. Measured over 2,000 library outputs
 * with two workers: each worker's peak heap 161–169 → 108 MB, process peak RSS 693 → 458 MB, no more CPU.
 *
 * Why this limit: the largest guide the other limits allow (500 pages; a 468-page guide of 1.1 M
 * characters, the stress fixtures eleven times over) needs about 105 MB of live heap at its peak and builds
 * with a limit as low as 160 MB. 1,024 MB leaves room six times over; images are decoded outside the heap.
 * A guide that needs more stops its worker, and only that guide fails, with {@link memoryLimitMessage}.
 */
import { setFlagsFromString } from 'node:v8';

/** Most V8 heap (old generation) one build worker may use, in MB. */
export const WORKER_HEAP_LIMIT_MB = 1024;

/**
 * The old generation a build worker's heap starts with, in MB (V8's `--initial-old-space-size`; a smaller heap
 * limit still holds: a worker limited to 40 MB still stops there). V8 otherwise starts a heap small and raises its
 * limit as the live size and the growing factor rise, and a worker's factor rises as its code warms up: over 10,000
 * library outputs each worker's peak heap went on growing, 96–106 MB at output 1,000 to 110–120 MB at the end
 * (1.12–1.16×). Started at 128 MB, about what a warm worker settles at, the heap has no reason to grow: 121–125 →
 * 130–131 MB (1.05–1.08×, three runs), the 10,000 as fast (63–80 s against 70–80 s), the process's peak RSS about 10%
 * higher, and fewer full collections: 1,000 seed handouts with `--jobs 2` took 13.9–15.0 s against 15.0–15.6 s
 * (alternating, three rounds each).
 */
export const WORKER_INITIAL_HEAP_MB = 128;

/**
 * V8's interrupt budget in the processes and threads that build (`--interrupt-budget`; V8's default is 67,584). By
 * default V8 hands a function to its optimizing compiler (on background threads) after little work, so a run of a
 * second or two spends more CPU optimizing (and deoptimizing, as early type feedback changes) than the optimized code
 * saves. About six times the default cuts a cold `handout build`'s CPU by about a quarter, and many documents in one
 * process build no slower (hot functions are still optimized, a little later).
 */
export const INTERRUPT_BUDGET = 400_000;

/** The V8 flags this isolate set with {@link setInterruptBudget} and {@link setWorkerInitialHeap}, as given to V8. */
const flagsSet = new Set<string>();

function setFlag(flag: string): void {
  if (flagsSet.has(flag)) return;
  flagsSet.add(flag);
  setFlagsFromString(flag);
}

/**
 * Sets {@link INTERRUPT_BUDGET} (V8's flags are the process's: every thread gets it). `bin/handout.js` sets it at start,
 * except for `handout build`, whose worker thread sets it once it has started (see {@link workerRuntimeFlags}).
 */
export function setInterruptBudget(): void {
  setFlag(`--interrupt-budget=${INTERRUPT_BUDGET}`);
}

/**
 * Makes the V8 isolates created from now on (the build workers) start with {@link WORKER_INITIAL_HEAP_MB} of old
 * generation. V8 reads its heap flags when it sets up an isolate, so the thread that calls this (already set up)
 * keeps its own sizing. Called before the first build worker of a run of several documents starts (one document
 * does not fill the heap it would start with).
 */
export function setWorkerInitialHeap(): void {
  setFlag(`--initial-old-space-size=${WORKER_INITIAL_HEAP_MB}`);
}

/**
 * The V8 flags a build worker started now runs its code under, once it has set {@link setInterruptBudget} itself: those
 * this thread set, and the interrupt budget. V8 refuses a code cache made under other flags, so the workers' compile
 * cache is kept by this (`compile-cache.ts`). A worker sets the interrupt budget itself, once Node has set it up: any flag
 * that differs from Node's own defaults when a thread starts makes V8 refuse Node's code cache for its built-in modules
 * (measured: a worker's first JavaScript 20–40 ms later), which is also why one document's worker gets no initial heap.
 */
export function workerRuntimeFlags(): string {
  return [...new Set([...flagsSet, `--interrupt-budget=${INTERRUPT_BUDGET}`])].sort().join(' ');
}

/** The message of a guide whose build went past the worker's heap limit (its worker was stopped). */
export function memoryLimitMessage(limitMb: number): string {
  return (
    `the guide needs more memory than a build worker may use (${limitMb} MB of JavaScript heap); it was stopped and no ` +
    `PDF was written. Split the guide into smaller ones`
  );
}

/** Whether `e` is the error a worker thread stopped at its heap limit ends with (`ERR_WORKER_OUT_OF_MEMORY`). */
export function isOutOfMemory(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY';
}
