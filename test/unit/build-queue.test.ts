import { describe, expect, it } from 'vitest';
import { BuildQueue } from '../../src/build/build-queue.js';
import { SlashdockError } from '../../src/errors.js';

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((resolvePromise, rejectPromise) => {
    resolve = resolvePromise;
    reject = rejectPromise;
  });
  return { promise, resolve, reject };
}

/**
 * A queued build that the test finishes by hand. `result` is the promise that
 * `enqueue` returned, `started` resolves when `run` is called, and `positions`
 * records every `onPosition` call.
 */
interface TestJob {
  id: string;
  controller: AbortController;
  positions: [number, number][];
  started: Promise<void>;
  hasStarted: () => boolean;
  runSignal: () => AbortSignal | undefined;
  finish: (value: string) => void;
  fail: (error: unknown) => void;
  result: Promise<string>;
}

/** Starts a build whose `run` waits until the test calls `finish` or `fail`. */
function enqueueJob(queue: BuildQueue, id: string, userId: string): TestJob {
  const controller = new AbortController();
  const positions: [number, number][] = [];
  const started = deferred<undefined>();
  const outcome = deferred<string>();
  let receivedSignal: AbortSignal | undefined;

  const result = queue.enqueue({
    jobId: id,
    userId,
    signal: controller.signal,
    onPosition: (position, waiting) => {
      positions.push([position, waiting]);
    },
    run: (signal) => {
      receivedSignal = signal;
      started.resolve(undefined);
      return outcome.promise;
    },
  });
  // Tests that expect a rejection await it themselves. This handler only keeps
  // the other tests from reporting an unhandled rejection when they end early.
  result.catch(() => undefined);

  return {
    id,
    controller,
    positions,
    started: started.promise,
    hasStarted: () => receivedSignal !== undefined,
    runSignal: () => receivedSignal,
    finish: (value) => {
      outcome.resolve(value);
    },
    fail: (error) => {
      outcome.reject(error);
    },
    result,
  };
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

async function rejectionCodeOf(promise: Promise<unknown>): Promise<string> {
  const error = await rejectionOf(promise);
  return error instanceof SlashdockError ? error.code : String(error);
}

// A bug in the queue usually shows as a job that never starts, so fail fast
// instead of waiting for the 120 s default that the integration tests need.
describe('BuildQueue', { timeout: 5_000 }, () => {
  it('runs jobs one at a time in order', async () => {
    const queue = new BuildQueue({ maxConcurrent: 1, maxPerUser: 1 });
    const first = enqueueJob(queue, 'first', 'alice');
    const second = enqueueJob(queue, 'second', 'bob');
    const third = enqueueJob(queue, 'third', 'carol');

    await first.started;
    expect(second.hasStarted()).toBe(false);
    expect(queue.snapshot()).toEqual({ running: 1, waiting: 2 });

    first.finish('one');
    await expect(first.result).resolves.toBe('one');
    await second.started;
    expect(third.hasStarted()).toBe(false);

    second.finish('two');
    await third.started;
    third.finish('three');
    await expect(third.result).resolves.toBe('three');
    expect(queue.snapshot()).toEqual({ running: 0, waiting: 0 });
  });

  it('reports positions while waiting', async () => {
    const queue = new BuildQueue({ maxConcurrent: 1, maxPerUser: 1 });
    const first = enqueueJob(queue, 'first', 'alice');
    const second = enqueueJob(queue, 'second', 'bob');
    const third = enqueueJob(queue, 'third', 'carol');

    expect(third.positions).toEqual([[2, 2]]);

    first.finish('one');
    await second.started;
    expect(third.positions).toEqual([
      [2, 2],
      [1, 1],
    ]);

    second.finish('two');
    await third.started;
    third.finish('three');
    await third.result;
    expect(first.positions).toEqual([]);
    expect(second.positions).toEqual([[1, 1]]);
    expect(third.positions).toHaveLength(2);
  });

  it('per-user limit lets other users pass', async () => {
    const queue = new BuildQueue({ maxConcurrent: 2, maxPerUser: 1 });
    const aliceFirst = enqueueJob(queue, 'alice-1', 'alice');
    const aliceSecond = enqueueJob(queue, 'alice-2', 'alice');
    const bob = enqueueJob(queue, 'bob-1', 'bob');

    expect(queue.snapshot()).toEqual({ running: 2, waiting: 1 });
    expect(aliceSecond.positions).toEqual([[1, 1]]);
    expect(bob.positions).toEqual([]);

    await aliceFirst.started;
    await bob.started;
    expect(aliceSecond.hasStarted()).toBe(false);

    aliceFirst.finish('done');
    await aliceSecond.started;
    expect(queue.snapshot()).toEqual({ running: 2, waiting: 0 });
  });

  it('free slot skips blocked user', async () => {
    const queue = new BuildQueue({ maxConcurrent: 2, maxPerUser: 1 });
    const aliceFirst = enqueueJob(queue, 'alice-1', 'alice');
    const bob = enqueueJob(queue, 'bob-1', 'bob');
    const aliceSecond = enqueueJob(queue, 'alice-2', 'alice');
    const carol = enqueueJob(queue, 'carol-1', 'carol');

    await bob.started;
    bob.finish('done');
    await bob.result;
    expect(queue.snapshot()).toEqual({ running: 2, waiting: 1 });
    expect(aliceSecond.positions).toEqual([[1, 1]]);
    expect(carol.positions).toEqual([[2, 2]]);

    await carol.started;
    expect(aliceSecond.hasStarted()).toBe(false);

    aliceFirst.finish('done');
    await aliceSecond.started;
    expect(queue.snapshot()).toEqual({ running: 2, waiting: 0 });
  });

  it('free slot goes to earliest eligible job', async () => {
    // With Bottleneck 2.19, a per-user Group chained to a global limiter
    // starts bob's job here, because alice's second job reaches the global
    // queue only after her first one finishes.
    const queue = new BuildQueue({ maxConcurrent: 1, maxPerUser: 1 });
    const aliceFirst = enqueueJob(queue, 'alice-1', 'alice');
    const aliceSecond = enqueueJob(queue, 'alice-2', 'alice');
    const bob = enqueueJob(queue, 'bob-1', 'bob');

    await aliceFirst.started;
    aliceFirst.finish('done');
    await aliceSecond.started;
    expect(bob.hasStarted()).toBe(false);
    expect(bob.positions).toEqual([
      [2, 2],
      [1, 1],
    ]);
  });

  it('cancelling waiting job removes it', async () => {
    const queue = new BuildQueue({ maxConcurrent: 1, maxPerUser: 1 });
    const first = enqueueJob(queue, 'first', 'alice');
    const second = enqueueJob(queue, 'second', 'bob');
    const third = enqueueJob(queue, 'third', 'carol');

    second.controller.abort();
    await expect(rejectionCodeOf(second.result)).resolves.toBe('cancelled');
    expect(third.positions).toEqual([
      [2, 2],
      [1, 1],
    ]);
    expect(queue.snapshot()).toEqual({ running: 1, waiting: 1 });

    first.finish('one');
    await third.started;
    expect(second.hasStarted()).toBe(false);
  });

  it('cancelling running job frees slot', async () => {
    const queue = new BuildQueue({ maxConcurrent: 1, maxPerUser: 1 });
    const first = enqueueJob(queue, 'first', 'alice');
    const second = enqueueJob(queue, 'second', 'bob');
    await first.started;

    // Like a git or Docker call, `run` rejects once its signal aborts.
    const runSignal = first.runSignal();
    runSignal?.addEventListener('abort', () => {
      first.fail(runSignal.reason);
    });
    first.controller.abort();

    expect(runSignal?.aborted).toBe(true);
    await expect(rejectionOf(first.result)).resolves.toBe(first.controller.signal.reason);
    await second.started;
    expect(queue.snapshot()).toEqual({ running: 1, waiting: 0 });
  });

  it('abort before run skips run', async () => {
    // Bottleneck calls the task from a timer, so this abort lands after the
    // job has taken its slot but before `run` is called.
    const queue = new BuildQueue({ maxConcurrent: 1, maxPerUser: 1 });
    const first = enqueueJob(queue, 'first', 'alice');
    const second = enqueueJob(queue, 'second', 'bob');
    expect(first.positions).toEqual([]);

    first.controller.abort();
    await expect(rejectionCodeOf(first.result)).resolves.toBe('cancelled');
    expect(first.hasStarted()).toBe(false);
    await second.started;
  });

  it('failing job frees slot', async () => {
    const queue = new BuildQueue({ maxConcurrent: 1, maxPerUser: 1 });
    const first = enqueueJob(queue, 'first', 'alice');
    const second = enqueueJob(queue, 'second', 'bob');
    const failure = new Error('docker build failed');

    await first.started;
    first.fail(failure);
    await expect(rejectionOf(first.result)).resolves.toBe(failure);
    await second.started;
    expect(queue.snapshot()).toEqual({ running: 1, waiting: 0 });
  });

  it('stop cancels waiting jobs', async () => {
    const queue = new BuildQueue({ maxConcurrent: 1, maxPerUser: 1 });
    const first = enqueueJob(queue, 'first', 'alice');
    const second = enqueueJob(queue, 'second', 'bob');
    const third = enqueueJob(queue, 'third', 'carol');
    await first.started;

    let stopSettled = false;
    const stopped = queue.stop().then(() => {
      stopSettled = true;
    });
    await expect(rejectionCodeOf(second.result)).resolves.toBe('cancelled');
    await expect(rejectionCodeOf(third.result)).resolves.toBe('cancelled');
    expect(queue.snapshot()).toEqual({ running: 1, waiting: 0 });
    expect(stopSettled).toBe(false);

    first.finish('one');
    await stopped;
    await expect(first.result).resolves.toBe('one');
    expect(second.hasStarted()).toBe(false);
    expect(third.hasStarted()).toBe(false);
  });

  it('stop rejects later jobs', async () => {
    const queue = new BuildQueue({ maxConcurrent: 1, maxPerUser: 1 });
    await queue.stop();
    const late = enqueueJob(queue, 'late', 'alice');

    await expect(rejectionCodeOf(late.result)).resolves.toBe('cancelled');
    expect(late.hasStarted()).toBe(false);
  });

  it('aborted signal rejects at once', async () => {
    const queue = new BuildQueue({ maxConcurrent: 1, maxPerUser: 1 });
    const controller = new AbortController();
    controller.abort();
    let runCalled = false;

    const result = queue.enqueue({
      jobId: 'early',
      userId: 'alice',
      signal: controller.signal,
      onPosition: () => undefined,
      run: () => {
        runCalled = true;
        return Promise.resolve('ran');
      },
    });

    await expect(rejectionCodeOf(result)).resolves.toBe('cancelled');
    expect(runCalled).toBe(false);
  });

  it('throwing onPosition rejects its job', async () => {
    const queue = new BuildQueue({ maxConcurrent: 1, maxPerUser: 1 });
    const first = enqueueJob(queue, 'first', 'alice');
    const failure = new Error('position update failed');

    const broken = queue.enqueue({
      jobId: 'broken',
      userId: 'bob',
      signal: new AbortController().signal,
      onPosition: () => {
        throw failure;
      },
      run: () => Promise.resolve('ran'),
    });
    const third = enqueueJob(queue, 'third', 'carol');

    await expect(rejectionOf(broken)).resolves.toBe(failure);
    expect(third.positions).toEqual([[1, 1]]);
    first.finish('one');
    await third.started;
  });

  it.each([
    ['zero maxConcurrent', { maxConcurrent: 0, maxPerUser: 1 }],
    ['fractional maxConcurrent', { maxConcurrent: 1.5, maxPerUser: 1 }],
    ['zero maxPerUser', { maxConcurrent: 2, maxPerUser: 0 }],
  ])('constructor rejects %s', (_case, options) => {
    expect(() => new BuildQueue(options)).toThrow(RangeError);
  });
});
