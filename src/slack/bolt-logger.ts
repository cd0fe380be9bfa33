import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../logger.js';

/**
 * Routes Bolt's own log lines into the app's JSON logger, so that the
 * receiver's errors carry the same format as everything else.
 */
export function toBoltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: 'bolt' });
  const join = (parts: unknown[]): string =>
    parts.map((part) => (part instanceof Error ? part.message : String(part))).join(' ');

  return {
    // Bolt's debug lines include whole request bodies, so they go to trace,
    // below the level an operator turns on to debug Slashdock itself.
    debug: (...parts: unknown[]) => {
      child.trace(join(parts));
    },
    info: (...parts: unknown[]) => {
      child.info(join(parts));
    },
    warn: (...parts: unknown[]) => {
      child.warn(join(parts));
    },
    error: (...parts: unknown[]) => {
      child.error(join(parts));
    },
    // The JSON logger's level is set from SLASHDOCK_LOG_LEVEL; Bolt may not change it.
    setLevel: () => undefined,
    getLevel: () => LogLevel.DEBUG,
    setName: () => undefined,
  };
}
