// demos/04-thread-pool/pool-workers.js: the page's pool workers, driven with
// stand-in workers that answer as pool-worker.js does.
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';

/** What each stand-in worker was sent, in order, and whether it was terminated. */
let made: FakeWorker[] = [];
/** What a stand-in answers to `start`; a test may make one fail. */
let answerToStart: (worker: FakeWorker) => object = () => ({ type: 'started' });

class FakeWorker extends EventTarget {
  posted: { type: string; thread?: number }[] = [];
  terminated = false;
  url: URL;
  options: WorkerOptions;
  constructor(url: URL, options: WorkerOptions) {
    super();
    this.url = url;
    this.options = options;
    made.push(this);
  }
  postMessage(message: { type: string; thread?: number }) {
    this.posted.push(message);
    const answer = message.type === 'stop' ? { type: 'stopped' } : answerToStart(this);
    queueMicrotask(() => this.dispatchEvent(new MessageEvent('message', { data: answer })));
  }
  terminate() {
    this.terminated = true;
  }
}
Object.assign(globalThis, { Worker: FakeWorker });
const { PoolWorkers } = await import('../../demos/04-thread-pool/pool-workers.js');
const module = {} as WebAssembly.Module;
const memory = {} as WebAssembly.Memory;

beforeEach(() => {
  made = [];
  answerToStart = () => ({ type: 'started' });
});

test('a pool of three gets three module workers, each posted one thread', async () => {
  const workers = new PoolWorkers();
  await workers.run([100, 200, 300], module, memory);
  assert.equal(workers.count, 3);
  assert.deepEqual(made.map((w) => [w.options.type, w.options.name, w.url.pathname.split('/').pop()]), [
    ['module', 'pool-0', 'pool-worker.js'],
    ['module', 'pool-1', 'pool-worker.js'],
    ['module', 'pool-2', 'pool-worker.js'],
  ]);
  assert.deepEqual(made.map((w) => w.posted.map((m) => m.thread)), [[100], [200], [300]]);
});

test('a smaller pool stops the extra worker before terminating it, and reuses the others', async () => {
  const workers = new PoolWorkers();
  await workers.run([1, 2, 3], module, memory);
  await workers.run([4, 5], module, memory);
  assert.equal(made.length, 3);
  assert.deepEqual(made[2].posted.map((m) => m.type), ['start', 'stop']);
  assert.equal(made[2].terminated, true);
  assert.deepEqual(made.slice(0, 2).map((w) => w.posted.map((m) => m.thread)), [[1, 4], [2, 5]]);
  assert.equal(workers.count, 2);
});

test('a larger pool starts only the workers it lacks', async () => {
  const workers = new PoolWorkers();
  await workers.run([1], module, memory);
  await workers.run([2, 3], module, memory);
  assert.equal(made.length, 2);
  assert.deepEqual(made.map((w) => w.posted.map((m) => m.thread)), [[1, 2], [3]]);
});

test('a worker that fails makes run() reject with its name and message', async () => {
  answerToStart = (worker) => (worker.options.name === 'pool-1' ? { type: 'failed', message: 'CompileError: bad' } : { type: 'started' });
  const workers = new PoolWorkers();
  await assert.rejects(workers.run([1, 2], module, memory), /pool-1: CompileError: bad/);
  await assert.rejects(workers.failed, /pool-1/);
});

test('a worker whose script does not load makes run() reject', async () => {
  answerToStart = () => ({ type: 'nothing' });
  const workers = new PoolWorkers();
  const running = workers.run([1], module, memory);
  made[0].dispatchEvent(Object.assign(new Event('error'), { message: '' }));
  await assert.rejects(running, /pool-0 could not start: its script did not load/);
});

test('end() terminates every worker', async () => {
  const workers = new PoolWorkers();
  await workers.run([1, 2], module, memory);
  workers.end();
  assert.deepEqual(made.map((w) => w.terminated), [true, true]);
  assert.equal(workers.count, 0);
});
