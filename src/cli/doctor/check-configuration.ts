import { commands } from '../../../commands/index.js';
import { readOptional } from '../../config-readers.js';
import { loadConfig, type Config, type Environment } from '../../config.js';
import { ConfigError } from '../../errors.js';
import { createAccessPolicy } from '../../policy/create-access-policy.js';
import type { CheckResult } from './check-result.js';

/** Prefixes of variables the test scripts read, which the app itself never does. */
const scriptVariablePrefixes = ['SLASHDOCK_TEST_', 'SLASHDOCK_SANDBOX_'];

export interface ConfigurationCheck {
  result: CheckResult;
  /** The loaded configuration, or undefined when a variable is invalid. */
  config: Config | undefined;
}

/**
 * Validates every variable the way the app does at start, without
 * requiring Slack settings, and reads the policy file when one is set. The
 * variables loadConfig reads are recorded as it reads them, so the list of
 * what is set and what is left at its default follows the code without a
 * second list to keep in step. Only names are reported, never values.
 * NOTE: a `SLASHDOCK_` variable read anywhere but loadConfig would be
 * reported as unread; today loadConfig reads them all.
 */
export function checkConfiguration(env: Environment): ConfigurationCheck {
  const read = new Set<string>();
  const recording = new Proxy(env, {
    get: (target, name) => {
      if (typeof name === 'string') {
        read.add(name);
      }
      return Reflect.get(target, name) as unknown;
    },
  });

  let config: Config;
  try {
    config = loadConfig(recording, { requireSlack: false });
    createAccessPolicy(
      config,
      commands.map((command) => command.name),
    );
  } catch (error) {
    if (!(error instanceof ConfigError)) {
      throw error;
    }
    return {
      config: undefined,
      result: {
        name: 'configuration',
        verdict: 'fail',
        detail: error.message,
        fix: `Correct ${error.variable} in the environment or in .env, then run slashdock doctor again.`,
      },
    };
  }

  const names = [...read].sort();
  const set = names.filter((name) => readOptional(env, name) !== undefined);
  const defaults = names.filter((name) => readOptional(env, name) === undefined);
  const detail = `Every variable is valid. Set: ${listOrNone(set)}. Not set, so defaults apply: ${listOrNone(defaults)}.`;

  const unread = Object.keys(env)
    .filter((name) => name.startsWith('SLASHDOCK_') && !read.has(name))
    .filter((name) => !scriptVariablePrefixes.some((prefix) => name.startsWith(prefix)))
    .filter((name) => readOptional(env, name) !== undefined)
    .sort();
  if (unread.length > 0) {
    return {
      config,
      result: {
        name: 'configuration',
        verdict: 'warn',
        detail: `${detail} Set but not read by Slashdock: ${unread.join(', ')}.`,
        fix: 'Check the spelling of those variables against the README; Slashdock ignores them as they are.',
      },
    };
  }
  return { config, result: { name: 'configuration', verdict: 'ok', detail } };
}

function listOrNone(names: readonly string[]): string {
  return names.length === 0 ? 'none' : names.join(', ');
}
