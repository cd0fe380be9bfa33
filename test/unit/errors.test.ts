import { describe, expect, it } from 'vitest';
import { ConfigError, SlashdockError, UsageError, toSlashdockError } from '../../src/errors.js';

describe('toSlashdockError', () => {
  it('keeps SlashdockError as is', () => {
    const error = new UsageError('bad', 'Usage: /docker ps');

    expect(toSlashdockError(error)).toBe(error);
  });

  it.each(['ECONNREFUSED', 'ENOENT', 'EACCES', 'ECONNRESET', 'EPIPE'])(
    '%s means daemon unreachable',
    (code) => {
      const cause = Object.assign(new Error('connect /var/run/docker.sock'), { code });
      const error = toSlashdockError(cause);

      expect(error.code).toBe('docker_unreachable');
      expect(error.cause).toBe(cause);
      expect(error.message).toContain('DOCKER_HOST');
    },
  );

  it('unknown error hides its text', () => {
    const cause = new Error('token xoxb-secret leaked');
    const error = toSlashdockError(cause);

    expect(error.code).toBe('internal');
    expect(error.cause).toBe(cause);
    expect(error.message).not.toContain('xoxb-secret');
  });

  it.each([
    ['string', 'boom'],
    ['undefined', undefined],
    ['numeric code', Object.assign(new Error('x'), { code: 1 })],
    ['other code', Object.assign(new Error('x'), { code: 'ETIMEDOUT' })],
  ])('%s thrown is internal', (_case, thrown) => {
    const error = toSlashdockError(thrown);

    expect(error).toBeInstanceOf(SlashdockError);
    expect(error.code).toBe('internal');
  });
});

describe('error classes', () => {
  it('ConfigError names variable', () => {
    const error = new ConfigError('PORT', 'is bad.');

    expect(error.message).toBe('PORT: is bad.');
    expect(error.variable).toBe('PORT');
    expect(error.code).toBe('config_invalid');
  });

  it('UsageError has usage code', () => {
    const error = new UsageError('bad');

    expect(error.code).toBe('usage');
    expect(error.usage).toBeUndefined();
  });
});
