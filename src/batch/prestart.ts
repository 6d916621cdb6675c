/**
 * What `bin/handout.js` loads before the CLI for `handout build` (`dist/bundle/prestart.js`): the build worker
 * thread starts while the CLI thread loads its own code (the CLI takes it in `startWorkers`).
 */
export { prestartWorkers } from './batch.js';
