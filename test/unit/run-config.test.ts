import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { readRunConfig, type RunConfig } from '../../src/run/run-config.js';
import type { Environment } from '../../src/config.js';

const mebibyte = 1024 ** 2;

function configErrorFor(env: Environment): ConfigError {
  try {
    readRunConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      return error;
    }
    throw error;
  }
  throw new Error('Expected readRunConfig to raise a ConfigError.');
}

describe('readRunConfig', () => {
  describe('defaults', () => {
    const config = readRunConfig({});

    it.each([
      ['network', 'bridge'],
      ['defaultMemoryBytes', 512 * mebibyte],
      ['maxMemoryBytes', 2048 * mebibyte],
      ['defaultNanoCpus', 1_000_000_000],
      ['maxNanoCpus', 2_000_000_000],
      ['pidsLimit', 256],
      ['defaultTimeoutMs', 600_000],
      ['maxTimeoutMs', 3_600_000],
    ] as [keyof RunConfig, string | number][])('%s', (field, expected) => {
      expect(config[field]).toBe(expected);
    });
  });

  it('reads every variable', () => {
    const config = readRunConfig({
      SLASHDOCK_RUN_NETWORK: 'none',
      SLASHDOCK_RUN_DEFAULT_MEMORY: '64m',
      SLASHDOCK_RUN_MAX_MEMORY: '1g',
      SLASHDOCK_RUN_DEFAULT_CPUS: '0.5',
      SLASHDOCK_RUN_MAX_CPUS: '4',
      SLASHDOCK_RUN_PIDS_LIMIT: '64',
      SLASHDOCK_RUN_DEFAULT_TIMEOUT: '30s',
      SLASHDOCK_RUN_MAX_TIMEOUT: '2h',
    });

    expect(config).toEqual({
      network: 'none',
      defaultMemoryBytes: 64 * mebibyte,
      maxMemoryBytes: 1024 * mebibyte,
      defaultNanoCpus: 500_000_000,
      maxNanoCpus: 4_000_000_000,
      pidsLimit: 64,
      defaultTimeoutMs: 30_000,
      maxTimeoutMs: 7_200_000,
    });
  });

  it.each([
    ['SLASHDOCK_RUN_DEFAULT_MEMORY', '512x', 'is not a memory size'],
    ['SLASHDOCK_RUN_MAX_MEMORY', 'lots', 'is not a memory size'],
    ['SLASHDOCK_RUN_DEFAULT_MEMORY', '4m', 'below the Docker minimum of 6m'],
    ['SLASHDOCK_RUN_DEFAULT_MEMORY', '4g', 'is more than SLASHDOCK_RUN_MAX_MEMORY (2g)'],
    ['SLASHDOCK_RUN_DEFAULT_CPUS', '0', 'not a positive number of CPUs'],
    ['SLASHDOCK_RUN_MAX_CPUS', '-2', 'not a positive number of CPUs'],
    ['SLASHDOCK_RUN_DEFAULT_CPUS', '3', 'is more than SLASHDOCK_RUN_MAX_CPUS (2)'],
    ['SLASHDOCK_RUN_PIDS_LIMIT', '0', 'out of range'],
    ['SLASHDOCK_RUN_PIDS_LIMIT', 'many', 'not a whole number'],
    ['SLASHDOCK_RUN_DEFAULT_TIMEOUT', '0s', 'not a positive duration'],
    ['SLASHDOCK_RUN_MAX_TIMEOUT', '-1h', 'not a positive duration'],
    ['SLASHDOCK_RUN_DEFAULT_TIMEOUT', '2h', 'is longer than SLASHDOCK_RUN_MAX_TIMEOUT'],
    ['SLASHDOCK_RUN_NETWORK', 'host', 'would share a namespace'],
    ['SLASHDOCK_RUN_NETWORK', 'container:db', 'would share a namespace'],
    ['SLASHDOCK_RUN_NETWORK', 'bad name', 'is not a network name'],
  ])('%s=%s rejected', (variable, value, message) => {
    const error = configErrorFor({ [variable]: value });

    expect(error.variable).toBe(variable);
    expect(error.message).toContain(message);
  });
});
