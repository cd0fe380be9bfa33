import { describe, expect, it } from 'vitest';
import {
  describeRun,
  isSuccessfulRun,
  renderRunHeadline,
  type RunEnd,
} from '../../src/run/run-text.js';
import type { RunRequest } from '../../src/run/run-request.js';
import { createMasker } from '../../src/format/mask.js';

const memory = 8 * 1024 ** 2;

function end(overrides: Partial<RunEnd>): RunEnd {
  return { exitCode: 0, oomKilled: false, durationMs: 3_000, stopReason: undefined, ...overrides };
}

describe('renderRunHeadline', () => {
  it.each([
    ['success', end({}), ':white_check_mark: `x` exited with code 0 after 3s.'],
    ['failure', end({ exitCode: 3 }), ':x: `x` failed with exit code 3 after 3s.'],
    [
      'memory kill',
      end({ exitCode: 137, oomKilled: true }),
      ':boom: `x` was killed by its memory limit of 8m after 3s (exit code 137).',
    ],
    [
      'timeout',
      end({ exitCode: 137, stopReason: { kind: 'timed_out', afterMs: 2_000 } }),
      ':alarm_clock: `x` timed out after 2s and was stopped (exit code 137).',
    ],
    [
      'stopped by user',
      end({ exitCode: 143, stopReason: { kind: 'cancelled', userId: 'U123' } }),
      ':no_entry_sign: `x` was stopped by <@U123> after 3s (exit code 143).',
    ],
    [
      'shutdown',
      end({ exitCode: 137, stopReason: { kind: 'shutdown' } }),
      'because Slashdock is shutting down (exit code 137).',
    ],
    ['removed', end({ exitCode: undefined }), 'its exit code is unknown'],
    [
      'memory kill of a child',
      end({ exitCode: 0, oomKilled: true }),
      'A process in it was killed by its memory limit of 8m.',
    ],
  ])('%s', (_case, runEnd, expected) => {
    expect(renderRunHeadline('`x`', runEnd, memory)).toContain(expected);
  });

  it('timeout wins over memory kill', () => {
    const text = renderRunHeadline(
      '`x`',
      end({ exitCode: 137, oomKilled: true, stopReason: { kind: 'timed_out', afterMs: 1_000 } }),
      memory,
    );

    expect(text).toContain('timed out');
  });
});

describe('isSuccessfulRun', () => {
  it.each([
    ['exit 0', end({}), true],
    ['exit 1', end({ exitCode: 1 }), false],
    ['unknown exit', end({ exitCode: undefined }), false],
    ['stopped with 0', end({ stopReason: { kind: 'shutdown' } }), false],
  ])('%s', (_case, runEnd, expected) => {
    expect(isSuccessfulRun(runEnd)).toBe(expected);
  });
});

describe('describeRun', () => {
  const request: RunRequest = {
    image: 'busybox',
    command: ['sh', '-c', "echo it's $TOKEN", '<@U1>'],
    detach: false,
    name: undefined,
    env: new Map([['TOKEN', 'tok-secret']]),
    remove: false,
    memoryBytes: memory,
    nanoCpus: 1e9,
    timeoutMs: 1_000,
  };

  it('quotes words for a shell', () => {
    expect(describeRun(request, (text) => text)).toBe(
      "`busybox sh -c 'echo it'\\''s $TOKEN' '&lt;@U1&gt;'`",
    );
  });

  it('masks env values', () => {
    const masked = describeRun(
      { ...request, command: ['echo', 'tok-secret'] },
      createMasker(request.env.values()),
    );

    expect(masked).toBe('`busybox echo ****`');
  });

  it('truncates long commands', () => {
    const long = describeRun({ ...request, command: ['x'.repeat(500)] }, (text) => text);

    expect(long.length).toBeLessThan(210);
  });
});
