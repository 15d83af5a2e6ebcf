// @ts-check
// Reproduction: one thread panics while another waits for its answer, under
// panic = "abort" and under panic = "unwind".
import { didNotStart } from './result.js';
import { START_MS, WAIT_MS, said, withThreads } from './threads.js';

/** @typedef {import('./threads.js').Thread} Thread */
/** @typedef {import('./threads.js').Answer} Answer */
/** @typedef {import('./result.js').Result} Result */

// ANCHOR: panic-run
/**
 * Two workers on a new shared memory, one channel between them: the producer
 * panics before it sends; the consumer waits in `recv()`.
 * @param {import('./messages').Build} build @param {WebAssembly.Module} module
 * @returns {Promise<Result>}
 */
export function panicWhileWaited(build, module) {
  return withThreads(async (spawn) => {
    const producer = spawn('producer');
    const consumer = spawn('consumer');
    const first = await producer.ask({ type: 'start', build, module }, START_MS);
    if (first.type !== 'started') return didNotStart(first);
    const second = await consumer.ask({ type: 'start', build, module, memory: first.memory }, START_MS);
    if (second.type !== 'started') return didNotStart(second);
    const panicked = await handOff(producer, consumer, true);
    const lines = [
      `both workers: panicStrategy() returned "${first.strategy}"`,
      `producer: produce(sender, true) ${said(panicked.produced)}`, `consumer: consume(receiver) ${said(panicked.consumed)}`];
    if (panicked.consumed.type === 'no-answer') return waitsForEver(lines);
    // The same two threads, once more, without a panic.
    const next = await handOff(producer, consumer, false);
    lines.push(`then, the same two threads: produce(sender, false) ${said(next.produced)}`, `consumer: consume(receiver) ${said(next.consumed)}`);
    return next.consumed.type === 'returned' ? unwound(lines) : unexpected(lines);
  });
}
// ANCHOR_END: panic-run

/**
 * One answer handed from producer to consumer through a new channel.
 * @param {Thread} producer @param {Thread} consumer @param {boolean} fail whether the producer panics
 */
async function handOff(producer, consumer, fail) {
  const opened = await producer.ask({ type: 'call', name: 'openChannel', args: [] }, WAIT_MS);
  if (opened.type !== 'returned') return { produced: opened, consumed: opened };
  const [sender, receiver] = /** @type {Uint32Array} */ (opened.value);
  const consumed = consumer.ask({ type: 'call', name: 'consume', args: [receiver] }, WAIT_MS);
  const produced = await producer.ask({ type: 'call', name: 'produce', args: [sender, fail] }, WAIT_MS);
  return { produced, consumed: await consumed };
}

/** @param {string[]} said @returns {Result} */
const waitsForEver = (said) => ({
  state: 'waits-for-ever',
  headline: `The producer trapped; the consumer was still waiting ${WAIT_MS / 1000} s later, so the page stopped both.`,
  said,
  why:
    'Under panic = "abort" a panic traps: the producer’s thread stops where it is, and no destructor runs. Its Sender ' +
    'is never dropped, so the channel never closes and recv() on the other thread waits for ever; the trap also took ' +
    'the panic’s message with it. The page’s watchdog terminated both workers and dropped their memory: what a ' +
    'trapped thread holds there (its stack, the channel) can never be freed.',
  fix: {
    text: 'Build with panic = "unwind" (the other button), so that the panic runs destructors. Without it, keep the message with a panic hook and replace every thread that shares the memory, as',
    stage: '04-thread-pool',
  },
});

/** @param {string[]} said @returns {Result} */
const unwound = (said) => ({
  state: 'unwound',
  headline: 'The panic came back as an exception, the waiting thread got an error at once, and both threads went on working.',
  said,
  why:
    'Under panic = "unwind" the panic unwinds the producer’s stack: dropping its Sender closes the channel, so recv() ' +
    'returns an error instead of waiting. wasm-bindgen catches the panic at the export and throws it to JavaScript ' +
    'as a PanicError; the instance stays usable, so the same two threads hand off the next answer.',
  fix: {
    text: 'This is the fix. It needs a nightly, -Z build-std=std,panic_unwind and WebAssembly exception handling; Rayon then carries such a panic to the caller of install, on a pool like the one in',
    stage: '04-thread-pool',
  },
});

/** @param {string[]} said @returns {Result} */
const unexpected = (said) => ({
  state: 'unexpected',
  headline: 'The threads did not recover as expected.',
  said,
  why: 'The lines above are what each thread answered.',
  fix: { text: 'Please report this, with your browser’s name and version. The design that avoids it is in', stage: '04-thread-pool' },
});
