import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { handleConfirmationClick } from '../../src/policy/handle-confirmation-click.js';
import {
  PendingConfirmations,
  type ConfirmationRequest,
  type ConfirmedResult,
} from '../../src/policy/pending-confirmations.js';
import type { Reporter } from '../../src/reporter.js';

const logger = createLogger('silent');

/** A reporter that records every status message version. */
class RecordingReporter implements Reporter {
  readonly texts: string[] = [];
  readonly threadId = '1700000000.000001';

  status(text: string): Promise<void> {
    this.texts.push(text);
    return Promise.resolve();
  }
  reply(): Promise<void> {
    return Promise.resolve();
  }
  upload(): Promise<void> {
    return Promise.resolve();
  }
  done(text: string): Promise<void> {
    this.texts.push(text);
    return Promise.resolve();
  }
  fail(text: string): Promise<void> {
    this.texts.push(text);
    return Promise.resolve();
  }
}

describe('PendingConfirmations', () => {
  let background: Promise<void>[];
  let confirmations: PendingConfirmations;
  let reporter: RecordingReporter;
  let perform: ReturnType<typeof vi.fn<() => Promise<ConfirmedResult>>>;

  function request(): ConfirmationRequest {
    return {
      requesterId: 'UOWNER',
      description: 'remove container `web`',
      progressText: 'Removing container `web`…',
      reporter,
      logger,
      perform,
    };
  }

  function click(id: string, userId: string, decision: 'confirm' | 'cancel') {
    return handleConfirmationClick(confirmations, { confirmationId: id, userId, decision }, logger);
  }

  beforeEach(() => {
    vi.useFakeTimers();
    background = [];
    reporter = new RecordingReporter();
    perform = vi.fn(() => Promise.resolve({ outcome: 'succeeded' as const, text: 'Removed.' }));
    confirmations = new PendingConfirmations({
      timeoutMs: 60_000,
      retentionMs: 120_000,
      runInBackground: (job) => {
        background.push(job());
      },
      now: () => Date.now(),
    });
  });

  afterEach(() => {
    confirmations.close();
    vi.useRealTimers();
  });

  it('uses a random ID', () => {
    const first = confirmations.add(request());
    const second = confirmations.add(request());

    expect(first.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.id).not.toBe(second.id);
  });

  it('runs the action on confirm', async () => {
    const { id } = confirmations.add(request());

    expect(await click(id, 'UOWNER', 'confirm')).toBeUndefined();
    expect(perform).toHaveBeenCalledTimes(1);
    expect(reporter.texts).toEqual([
      ':hourglass_flowing_sand: Removing container `web`…',
      'Removed.',
    ]);
  });

  it('refuses another user', async () => {
    const { id } = confirmations.add(request());

    expect(await click(id, 'USTRANGER', 'confirm')).toContain('Only <@UOWNER> can confirm');
    expect(perform).not.toHaveBeenCalled();
  });

  it('refuses another user’s cancel', async () => {
    const { id } = confirmations.add(request());
    await click(id, 'USTRANGER', 'cancel');

    await click(id, 'UOWNER', 'confirm');
    expect(perform).toHaveBeenCalledTimes(1);
  });

  it('cancels without acting', async () => {
    const { id } = confirmations.add(request());

    await click(id, 'UOWNER', 'cancel');

    expect(perform).not.toHaveBeenCalled();
    expect(reporter.texts.at(-1)).toContain('Cancelled by <@UOWNER>: remove container `web`.');
  });

  it('never runs an action twice', async () => {
    const { id } = confirmations.add(request());
    await click(id, 'UOWNER', 'confirm');

    expect(await click(id, 'UOWNER', 'confirm')).toContain('already confirmed');
    expect(perform).toHaveBeenCalledTimes(1);
  });

  it('answers a click while running', async () => {
    let finish: (result: ConfirmedResult) => void = () => undefined;
    perform.mockImplementation(
      () =>
        new Promise((resolve) => {
          finish = resolve;
        }),
    );
    const { id } = confirmations.add(request());
    const first = click(id, 'UOWNER', 'confirm');

    expect(await click(id, 'UOWNER', 'confirm')).toContain('already being carried out');
    finish({ outcome: 'succeeded', text: 'Removed.' });
    await first;
    expect(perform).toHaveBeenCalledTimes(1);
  });

  it('ignores confirm after cancel', async () => {
    const { id } = confirmations.add(request());
    await click(id, 'UOWNER', 'cancel');

    expect(await click(id, 'UOWNER', 'confirm')).toContain('was cancelled');
    expect(perform).not.toHaveBeenCalled();
  });

  it('expires an unanswered request', async () => {
    const { id } = confirmations.add(request());

    await vi.advanceTimersByTimeAsync(60_000);
    await Promise.all(background);

    expect(reporter.texts.at(-1)).toContain('Not confirmed within 1m 00s, so nothing was done');
    expect(await click(id, 'UOWNER', 'confirm')).toContain('expired');
    expect(perform).not.toHaveBeenCalled();
  });

  it('expires at the deadline without the timer', async () => {
    const { id } = confirmations.add(request());
    vi.setSystemTime(Date.now() + 60_000);

    expect(await click(id, 'UOWNER', 'confirm')).toContain('expired');
    expect(perform).not.toHaveBeenCalled();
  });

  it('forgets handled requests later', async () => {
    const { id } = confirmations.add(request());
    await click(id, 'UOWNER', 'confirm');

    await vi.advanceTimersByTimeAsync(120_000);

    expect(confirmations.size).toBe(0);
    expect(await click(id, 'UOWNER', 'confirm')).toContain('no longer waiting');
  });

  it('answers an unknown ID', async () => {
    expect(await click('not-a-real-id', 'UOWNER', 'confirm')).toContain('no longer waiting');
  });

  it('reports a failed action', async () => {
    perform.mockRejectedValue(new Error('socket closed'));
    const { id } = confirmations.add(request());

    await click(id, 'UOWNER', 'confirm');

    expect(reporter.texts.at(-1)).toContain(':x: Could not remove container `web`:');
    expect(await click(id, 'UOWNER', 'confirm')).toContain('already confirmed');
  });
});
