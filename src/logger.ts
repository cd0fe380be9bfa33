import { pino, type Logger } from 'pino';
import type { LogLevel } from './config.js';
import { maskSecrets } from './format/secret-patterns.js';

export type { Logger };

/**
 * Creates the root JSON logger. Subsystems take a child with their own
 * bindings (`logger.child({ requestId })`) rather than importing this.
 * Field names that can carry secrets are censored, and token shapes are
 * masked in every written line, as a second line of defence; code still
 * must not pass secrets to the logger.
 */
export function createLogger(level: LogLevel, destination?: NodeJS.WritableStream): Logger {
  const options = {
    level,
    base: { app: 'slashdock' },
    redact: {
      paths: [
        'token',
        '*.token',
        'botToken',
        'appToken',
        'signingSecret',
        'password',
        '*.password',
      ],
      censor: '[redacted]',
    },
    hooks: {
      // The last step before a line is written: whatever a message or an
      // error carries, token-shaped text and URL credentials are masked.
      streamWrite: maskSecrets,
    },
  };
  return destination === undefined ? pino(options) : pino(options, destination);
}
