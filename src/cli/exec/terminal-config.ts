import { readOptional } from '../../config-readers.js';
import { loadConfig, type Config, type Environment } from '../../config.js';

/** The requester of every command run from the terminal, in labels and messages. */
export const terminalUserId = 'terminal';

/** Interval between status updates on a terminal, unless SLASHDOCK_PROGRESS_INTERVAL is set. */
const terminalProgressIntervalMs = 250;

/**
 * Loads the configuration without requiring Slack settings, with every
 * other variable validated as for the Slack app. Whoever runs
 * `slashdock exec` can use the daemon directly, so the terminal user is
 * an admin. Status updates come faster than Slack's rate limits allow,
 * because a terminal has none.
 */
export function loadTerminalConfig(env: Environment): Config {
  const config = loadConfig(env, { requireSlack: false });
  const progressSet = readOptional(env, 'SLASHDOCK_PROGRESS_INTERVAL') !== undefined;
  return {
    ...config,
    admins: [...config.admins, terminalUserId],
    build: {
      ...config.build,
      progressIntervalMs: progressSet
        ? config.build.progressIntervalMs
        : terminalProgressIntervalMs,
    },
  };
}
