/**
 * What `bin/handout.js` loads before the CLI for `handout build` (`dist/bundle/prestart.js`): the build worker
 * thread starts while the CLI thread loads its own code (the CLI takes it in `startWorkers`). A build of several guides
 * loads the worker pool package here too (before `bin/handout.js` could set any V8 flag: see there); a build of one guide
 * starts its thread without it (`direct-pool.ts`).
 */
export { prestartWorkers } from './batch.js';
