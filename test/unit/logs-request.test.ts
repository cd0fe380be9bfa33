import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { resolveCommand } from '../../src/dispatch.js';
import { SlashdockError, UsageError } from '../../src/errors.js';
import { parseLogsRequest, type LogsRequest } from '../../src/logs/logs-request.js';

function logsRequestFor(text: string): LogsRequest {
  return parseLogsRequest(resolveCommand(text, commands).args);
}

function errorFor(text: string): SlashdockError {
  try {
    logsRequestFor(text);
  } catch (error) {
    if (error instanceof SlashdockError) {
      return error;
    }
    throw error;
  }
  throw new Error(`Expected ${JSON.stringify(text)} to be rejected.`);
}

describe('logs request', () => {
  it('defaults', () => {
    expect(logsRequestFor('logs web')).toEqual({
      container: 'web',
      tail: 100,
      sinceMs: undefined,
      timestamps: false,
    });
  });

  it.each([
    ['--tail 5', 'tail', 5],
    ['-n 5', 'tail', 5],
    ['-n5', 'tail', 5],
    ['--tail=10000', 'tail', 10_000],
    ['--tail 1', 'tail', 1],
    ['--since 10m', 'sinceMs', 600_000],
    ['--since=1h30m', 'sinceMs', 5_400_000],
    ['--timestamps', 'timestamps', true],
    ['-t', 'timestamps', true],
  ] as const)('%s', (flag, field, expected) => {
    expect(logsRequestFor(`logs ${flag} web`)[field]).toBe(expected);
  });

  it('flags after container', () => {
    expect(logsRequestFor('logs web -n 3').tail).toBe(3);
  });

  it.each(['web', 'web-1.blue_x', '0123abcd', '/web', 'a'])('container %s accepted', (name) => {
    expect(logsRequestFor(`logs ${name}`).container).toBe(name);
  });

  it.each([
    ['no container', 'logs', 'logs needs a container name or ID'],
    ['two containers', 'logs a b', 'exactly one container'],
    ['unknown flag', 'logs --follow web', 'Unknown flag: --follow.'],
    ['tail zero', 'logs --tail 0 web', 'not a valid --tail'],
    ['tail negative', 'logs --tail -5 web', 'not a valid --tail'],
    ['tail all', 'logs --tail all web', 'not a valid --tail'],
    ['tail above maximum', 'logs --tail 10001 web', 'from 1 to 10000'],
    ['tail decimal', 'logs --tail 1.5 web', 'not a valid --tail'],
    ['since without unit', 'logs --since 10 web', 'not a valid --since'],
    ['since negative', 'logs --since -10m web', 'not a valid --since'],
    ['since timestamp', 'logs --since 2024-01-01 web', 'not a valid --since'],
    ['since zero', 'logs --since 0s web', '--since must be longer than 0'],
    ['container with slash inside', 'logs a/b', 'is not a container name or ID'],
    ['container with dots first', 'logs ../x', 'is not a container name or ID'],
    ['container empty', "logs ''", 'The container name or ID is empty'],
  ])('%s', (_case, text, message) => {
    const error = errorFor(text);

    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toContain(message);
  });
});
