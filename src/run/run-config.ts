import { readDuration, readInteger, readOptional, type Environment } from '../config-readers.js';
import { ConfigError } from '../errors.js';
import { formatCpus, parseNanoCpus } from './cpus.js';
import { formatMemorySize, minMemoryBytes, parseMemorySize } from './memory-size.js';

/** Limits and defaults for the containers `/docker run` starts, set by the operator. */
export interface RunConfig {
  /** Network mode of every container; never `host` or `container:...`. */
  network: string;
  /** Memory limit when `--memory` is not given, in bytes. Swap is never added. */
  defaultMemoryBytes: number;
  /** Largest `--memory` a request may ask for, in bytes. */
  maxMemoryBytes: number;
  /** CPU limit when `--cpus` is not given, in nano-CPUs (1 CPU is 1e9). */
  defaultNanoCpus: number;
  /** Largest `--cpus` a request may ask for, in nano-CPUs. */
  maxNanoCpus: number;
  /** Maximum number of processes and threads in one container. */
  pidsLimit: number;
  /** Time limit when `--timeout` is not given, in milliseconds. */
  defaultTimeoutMs: number;
  /** Largest `--timeout` a request may ask for, in milliseconds. */
  maxTimeoutMs: number;
}

/**
 * Reads the SLASHDOCK_RUN_* variables. Throws a ConfigError naming the
 * first bad variable, including a default that is larger than its maximum.
 */
export function readRunConfig(env: Environment): RunConfig {
  const maxMemoryBytes = readMemory(env, 'SLASHDOCK_RUN_MAX_MEMORY', '2g');
  const defaultMemoryBytes = readMemory(env, 'SLASHDOCK_RUN_DEFAULT_MEMORY', '512m');
  if (defaultMemoryBytes > maxMemoryBytes) {
    throw new ConfigError(
      'SLASHDOCK_RUN_DEFAULT_MEMORY',
      `${formatMemorySize(defaultMemoryBytes)} is more than SLASHDOCK_RUN_MAX_MEMORY (${formatMemorySize(maxMemoryBytes)}). Lower the default or raise the maximum.`,
    );
  }

  const maxNanoCpus = readCpus(env, 'SLASHDOCK_RUN_MAX_CPUS', '2');
  const defaultNanoCpus = readCpus(env, 'SLASHDOCK_RUN_DEFAULT_CPUS', '1');
  if (defaultNanoCpus > maxNanoCpus) {
    throw new ConfigError(
      'SLASHDOCK_RUN_DEFAULT_CPUS',
      `${formatCpus(defaultNanoCpus)} is more than SLASHDOCK_RUN_MAX_CPUS (${formatCpus(maxNanoCpus)}). Lower the default or raise the maximum.`,
    );
  }

  const maxTimeoutMs = readDuration(env, 'SLASHDOCK_RUN_MAX_TIMEOUT', '1h');
  const defaultTimeoutMs = readDuration(env, 'SLASHDOCK_RUN_DEFAULT_TIMEOUT', '10m');
  if (defaultTimeoutMs > maxTimeoutMs) {
    throw new ConfigError(
      'SLASHDOCK_RUN_DEFAULT_TIMEOUT',
      'is longer than SLASHDOCK_RUN_MAX_TIMEOUT. Shorten the default or raise the maximum.',
    );
  }

  return {
    network: readNetworkMode(env),
    defaultMemoryBytes,
    maxMemoryBytes,
    defaultNanoCpus,
    maxNanoCpus,
    pidsLimit: readInteger(env, 'SLASHDOCK_RUN_PIDS_LIMIT', 256, { min: 1, max: 4_194_304 }),
    defaultTimeoutMs,
    maxTimeoutMs,
  };
}

function readMemory(env: Environment, name: string, fallback: string): number {
  const text = readOptional(env, name) ?? fallback;
  const bytes = parseMemorySize(text);
  if (bytes === undefined) {
    throw new ConfigError(
      name,
      `"${text}" is not a memory size. Set a number with a unit b, k, m or g, such as 512m or 2g.`,
    );
  }
  if (bytes < minMemoryBytes) {
    throw new ConfigError(
      name,
      `"${text}" is below the Docker minimum of 6m. Set 6m or more, such as 512m.`,
    );
  }
  return bytes;
}

function readCpus(env: Environment, name: string, fallback: string): number {
  const text = readOptional(env, name) ?? fallback;
  const nanoCpus = parseNanoCpus(text);
  if (nanoCpus === undefined || nanoCpus === 0) {
    throw new ConfigError(
      name,
      `"${text}" is not a positive number of CPUs. Set a decimal number such as 1 or 0.5.`,
    );
  }
  return nanoCpus;
}

function readNetworkMode(env: Environment): string {
  const text = readOptional(env, 'SLASHDOCK_RUN_NETWORK') ?? 'bridge';
  if (text === 'host' || text.startsWith('container:')) {
    throw new ConfigError(
      'SLASHDOCK_RUN_NETWORK',
      `"${text}" would share a namespace with the host or another container. Set bridge, none or the name of a user-defined network.`,
    );
  }
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(text)) {
    throw new ConfigError(
      'SLASHDOCK_RUN_NETWORK',
      `"${text}" is not a network name. Set bridge, none or the name of a user-defined network.`,
    );
  }
  return text;
}
