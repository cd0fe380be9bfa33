import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UpdateCoalescer, type CoalescerClock } from '../../src/build/coalescer.js';

/** Returns a send that records each text and resolves after `delayMs` of fake time. */
function recordingSend(delayMs = 0): {
  sent: string[];
  maxInFlight: () => number;
  send: (text: string) => Promise<void>;
} {
  const sent: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;

  const send = async (text: string): Promise<void> => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    sent.push(text);
    // A zero delay skips the timer, so flush() and close() can be awaited
    // without advancing the fake clock.
    if (delayMs > 0) {
      await new Promise<void>((resolve) => setTimeout(resolve, delayMs));
    }
    inFlight -= 1;
  };
  return { sent, maxInFlight: () => maxInFlight, send };
}

function noError(error: unknown): void {
  throw new Error(`unexpected send error: ${String(error)}`);
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('UpdateCoalescer', () => {
  it('sends first push at once', () => {
    const { sent, send } = recordingSend();
    const coalescer = new UpdateCoalescer({ send, onError: noError });

    coalescer.push('one');

    expect(sent).toEqual(['one']);
  });

  it('sends first and last of 50 pushes', async () => {
    const { sent, send } = recordingSend();
    const coalescer = new UpdateCoalescer({ send, onError: noError });

    for (let index = 0; index < 50; index += 1) {
      coalescer.push(`update ${index}`);
      await vi.advanceTimersByTimeAsync(39);
    }
    await vi.advanceTimersByTimeAsync(2_000);

    expect(sent).toEqual(['update 0', 'update 49']);
  });

  it('waits the interval before second send', async () => {
    const { sent, send } = recordingSend();
    const coalescer = new UpdateCoalescer({ send, onError: noError });

    coalescer.push('one');
    coalescer.push('two');
    await vi.advanceTimersByTimeAsync(1_999);

    expect(sent).toEqual(['one']);

    await vi.advanceTimersByTimeAsync(1);

    expect(sent).toEqual(['one', 'two']);
  });

  it('sends at once after a quiet interval', async () => {
    const { sent, send } = recordingSend();
    const coalescer = new UpdateCoalescer({ send, onError: noError });

    coalescer.push('one');
    await vi.advanceTimersByTimeAsync(5_000);
    coalescer.push('two');

    expect(sent).toEqual(['one', 'two']);
  });

  it('honours custom interval', async () => {
    const { sent, send } = recordingSend();
    const coalescer = new UpdateCoalescer({ send, onError: noError, intervalMs: 500 });

    coalescer.push('one');
    coalescer.push('two');
    await vi.advanceTimersByTimeAsync(500);

    expect(sent).toEqual(['one', 'two']);
  });

  it('never overlaps slow sends', async () => {
    const { sent, send, maxInFlight } = recordingSend(5_000);
    const coalescer = new UpdateCoalescer({ send, onError: noError });

    coalescer.push('one');
    await vi.advanceTimersByTimeAsync(2_500);
    coalescer.push('two');
    await vi.advanceTimersByTimeAsync(2_000);

    expect(sent).toEqual(['one']);

    await vi.advanceTimersByTimeAsync(500);

    expect(sent).toEqual(['one', 'two']);
    expect(maxInFlight()).toBe(1);
  });

  it('flush sends latest text', async () => {
    const { sent, send } = recordingSend();
    const coalescer = new UpdateCoalescer({ send, onError: noError });

    coalescer.push('one');
    coalescer.push('two');
    coalescer.push('three');
    await coalescer.flush();

    expect(sent).toEqual(['one', 'three']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('flush waits for slow send', async () => {
    const { sent, send } = recordingSend(3_000);
    const coalescer = new UpdateCoalescer({ send, onError: noError });
    let flushed = false;

    coalescer.push('one');
    coalescer.push('two');
    void coalescer.flush().then(() => {
      flushed = true;
    });
    await vi.advanceTimersByTimeAsync(3_000);

    expect(sent).toEqual(['one', 'two']);
    expect(flushed).toBe(false);

    await vi.advanceTimersByTimeAsync(3_000);

    expect(flushed).toBe(true);
  });

  it('flush without pushes resolves', async () => {
    const { sent, send } = recordingSend();
    const coalescer = new UpdateCoalescer({ send, onError: noError });

    await coalescer.flush();

    expect(sent).toEqual([]);
  });

  it('close drops pending update', async () => {
    const { sent, send } = recordingSend();
    const coalescer = new UpdateCoalescer({ send, onError: noError });

    coalescer.push('one');
    coalescer.push('two');
    await coalescer.close();
    await vi.advanceTimersByTimeAsync(10_000);

    expect(sent).toEqual(['one']);
  });

  it('ignores pushes after close', async () => {
    const { sent, send } = recordingSend();
    const coalescer = new UpdateCoalescer({ send, onError: noError });

    await coalescer.close();
    coalescer.push('late');
    await coalescer.flush();

    expect(sent).toEqual([]);
  });

  it('close waits for in-flight send', async () => {
    const { send } = recordingSend(3_000);
    const coalescer = new UpdateCoalescer({ send, onError: noError });
    let closed = false;

    coalescer.push('one');
    void coalescer.close().then(() => {
      closed = true;
    });
    await vi.advanceTimersByTimeAsync(2_999);

    expect(closed).toBe(false);

    await vi.advanceTimersByTimeAsync(1);

    expect(closed).toBe(true);
  });

  it('reports rejected send and continues', async () => {
    const failure = new Error('ratelimited');
    const sent: string[] = [];
    const send = vi.fn((text: string): Promise<void> => {
      sent.push(text);
      return sent.length === 1 ? Promise.reject(failure) : Promise.resolve();
    });
    const onError = vi.fn();
    const coalescer = new UpdateCoalescer({ send, onError });

    coalescer.push('one');
    await vi.advanceTimersByTimeAsync(0);
    coalescer.push('two');
    await vi.advanceTimersByTimeAsync(2_000);

    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError).toHaveBeenCalledWith(failure);
    expect(sent).toEqual(['one', 'two']);
  });

  it('reports synchronous throw and continues', async () => {
    const failure = new Error('broken');
    const sent: string[] = [];
    const send = (text: string): Promise<void> => {
      sent.push(text);
      if (sent.length === 1) {
        throw failure;
      }
      return Promise.resolve();
    };
    const onError = vi.fn();
    const coalescer = new UpdateCoalescer({ send, onError });

    coalescer.push('one');
    coalescer.push('two');
    await coalescer.flush();

    expect(onError).toHaveBeenCalledWith(failure);
    expect(sent).toEqual(['one', 'two']);
  });

  it('uses injected clock', async () => {
    const timers: { callback: () => void; delayMs: number }[] = [];
    let now = 0;
    const clock: CoalescerClock = {
      now: () => now,
      setTimeout: (callback, delayMs) => timers.push({ callback, delayMs }),
      clearTimeout: () => undefined,
    };
    const { sent, send } = recordingSend();
    const coalescer = new UpdateCoalescer({ send, onError: noError, clock });

    coalescer.push('one');
    await coalescer.flush();
    now = 1_500;
    coalescer.push('two');

    expect(timers.map((timer) => timer.delayMs)).toEqual([500]);

    now = 2_000;
    timers[0]?.callback();

    expect(sent).toEqual(['one', 'two']);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('rejects interval %s', (intervalMs) => {
    const { send } = recordingSend();

    expect(() => new UpdateCoalescer({ send, onError: noError, intervalMs })).toThrow(RangeError);
  });
});
