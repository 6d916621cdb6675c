/**
 * What `bin/handout.js` loads before the CLI for `handout build` (`dist/bundle/prestart.js`): the build worker
 * thread starts while the CLI thread loads its own code (the CLI takes it in `startWorkers`). It also loads the worker
 * pool package.
 */
// loaded with this module (before bin/handout.js sets V8's flags: see there), not when the first pool is made
import 'tinypool';
export { prestartWorkers } from './batch.js';
