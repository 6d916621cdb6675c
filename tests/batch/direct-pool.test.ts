/**
 * `DirectPool`: the one build worker thread of `handout build` for one guide, run without tinypool. Driven here by a
 * small worker speaking its protocol: documents in order on one thread, a failure or crash given to the document that
 * met it, an aborted document's thread replaced, a queued one dropped, and an out-of-memory thread reported as such.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DirectPool } from '../../src/batch/direct-pool.js';
import { isOutOfMemory } from '../../src/batch/worker-limits.js';

const WORKER = `
const { parentPort, threadId, workerData, receiveMessageOnPort } = require('node:worker_threads');
const { fontPort, ...data } = workerData || {};
parentPort.on('message', ({ task }) => {
  if (task.kind === 'echo') parentPort.postMessage({ ok: true, value: { threadId, task, workerData: data, fontPort: !!fontPort } });
  else if (task.kind === 'fonts') {
    const got = [];
    for (let m = receiveMessageOnPort(fontPort); m; m = receiveMessageOnPort(fontPort))
      got.push({ name: m.message.name, size: m.message.bytes.byteLength, before: m.message.before, after: m.message.after });
    parentPort.postMessage({ ok: true, value: got });
  }
  else if (task.kind === 'fail') parentPort.postMessage({ ok: false, error: { name: 'TypeError', message: 'boom' } });
  else if (task.kind === 'hang') setTimeout(() => {}, 1e9);
  else if (task.kind === 'exit') process.exit(3);
  else if (task.kind === 'port') { task.port.postMessage('started'); task.port.close(); parentPort.postMessage({ ok: true, value: 'told' }); }
  else if (task.kind === 'move') { const pdf = new Uint8Array([1, 2, 3]); parentPort.postMessage({ ok: true, value: pdf }, [pdf.buffer]); }
  else if (task.kind === 'oom') { const keep = []; for (;;) keep.push(new Array(1e5).fill(threadId)); }
});
`;

let dir = '';
let file = '';
const pools: DirectPool[] = [];

function pool(options: ConstructorParameters<typeof DirectPool>[1] = {}): DirectPool {
  const p = new DirectPool(file, options);
  pools.push(p);
  return p;
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'direct-pool-'));
  file = path.join(dir, 'worker.cjs');
  writeFileSync(file, WORKER);
});

afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.destroy()));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Echo = { threadId: number; task: { kind: string; n?: number }; workerData: unknown; fontPort: boolean };
type Fonts = { name: string; size: number; before: [number, number]; after: [number, number] }[];

describe('DirectPool', () => {
  it('builds documents one after another on one thread, in order, with the worker data given', async () => {
    const p = pool({ workerData: { runtimeFlags: 'x' } });
    const replies = (await Promise.all([1, 2, 3].map((n) => p.run({ kind: 'echo', n }, {})))) as Echo[];
    expect(replies.map((r) => r.task.n)).toEqual([1, 2, 3]);
    expect(new Set(replies.map((r) => r.threadId)).size).toBe(1);
    expect(replies[0]!.workerData).toEqual({ runtimeFlags: 'x' });
    expect(replies[0]!.fontPort).toBe(true);
  });

  it('reads font files for the thread and posts their bytes on its font port, each file once per thread', async () => {
    writeFileSync(path.join(dir, 'a.ttf'), Buffer.alloc(1000, 1));
    writeFileSync(path.join(dir, 'b.ttc'), Buffer.alloc(3000, 2));
    const p = pool();
    p.sendFontBytes(dir, ['a.ttf', 'b.ttc', 'missing.ttf']);
    p.sendFontBytes(dir, ['a.ttf']); // sent already
    let got: Fonts = [];
    for (let i = 0; i < 100 && got.length < 2; i++) {
      got = [...got, ...((await p.run({ kind: 'fonts' }, {})) as Fonts)];
      await new Promise((r) => setTimeout(r, 10));
    }
    got.sort((x, y) => x.name.localeCompare(y.name));
    expect(got.map((g) => [g.name, g.size, g.before[0], g.after[0]])).toEqual([
      ['a.ttf', 1000, 1000, 1000],
      ['b.ttc', 3000, 3000, 3000],
    ]);
    await new Promise((r) => setTimeout(r, 50));
    expect(await p.run({ kind: 'fonts' }, {})).toEqual([]); // nothing sent twice, nothing for the missing file
  });

  it('hands a port over in the transfer list, and gets a moved buffer back', async () => {
    const p = pool();
    const channel = new MessageChannel();
    const told = new Promise((resolve) => channel.port1.once('message', resolve));
    expect(await p.run({ kind: 'port', port: channel.port2 }, { transferList: [channel.port2] })).toBe('told');
    expect(await told).toBe('started');
    channel.port1.close();
    expect([...((await p.run({ kind: 'move' }, {})) as Uint8Array)]).toEqual([1, 2, 3]);
  });

  it("rejects with the worker's error, and keeps the thread", async () => {
    const p = pool();
    const first = (await p.run({ kind: 'echo' }, {})) as Echo;
    await expect(p.run({ kind: 'fail' }, {})).rejects.toMatchObject({ name: 'TypeError', message: 'boom' });
    expect(((await p.run({ kind: 'echo' }, {})) as Echo).threadId).toBe(first.threadId);
  });

  it('stops a document when its signal aborts (a new thread builds the next); drops a queued one', async () => {
    const p = pool();
    const first = (await p.run({ kind: 'echo' }, {})) as Echo;
    const running = new AbortController();
    const queued = new AbortController();
    const hang = p.run({ kind: 'hang' }, { signal: running.signal });
    const dropped = p.run({ kind: 'echo', n: 1 }, { signal: queued.signal });
    const after = p.run({ kind: 'echo', n: 2 }, {});
    queued.abort();
    await expect(dropped).rejects.toMatchObject({ name: 'AbortError' });
    running.abort();
    await expect(hang).rejects.toMatchObject({ name: 'AbortError' });
    const next = (await after) as Echo;
    expect(next.task.n).toBe(2);
    expect(next.threadId).not.toBe(first.threadId);
    await expect(p.run({ kind: 'echo' }, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('gives a thread that exits to the document it was building, and starts another', async () => {
    const p = pool();
    await expect(p.run({ kind: 'exit' }, {})).rejects.toThrow(/exit code 3/);
    expect(((await p.run({ kind: 'echo', n: 5 }, {})) as Echo).task.n).toBe(5);
  });

  it('reports a thread out of memory (its heap limit) as such', { timeout: 30_000 }, async () => {
    const p = pool({ resourceLimits: { maxOldGenerationSizeMb: 24 } });
    const error: unknown = await p.run({ kind: 'oom' }, {}).catch((e: unknown) => e);
    expect(isOutOfMemory(error)).toBe(true);
  });

  it('rejects what is left when destroyed, and anything after', async () => {
    const p = pool();
    const hang = p.run({ kind: 'hang' }, {}).catch((e: unknown) => e);
    const queued = p.run({ kind: 'echo' }, {}).catch((e: unknown) => e);
    await p.destroy();
    expect(await hang).toMatchObject({ message: expect.stringMatching(/stopped/) as unknown });
    expect(await queued).toMatchObject({ message: expect.stringMatching(/stopped/) as unknown });
    await expect(p.run({ kind: 'echo' }, {})).rejects.toThrow(/stopped/);
  });
});
