import { pino, type Logger } from 'pino';
import type { LogLevel } from './config.js';

export type { Logger };

/**
 * Creates the root JSON logger. Subsystems take a child with their own
 * bindings (`logger.child({ requestId })`) rather than importing this.
 * Field names that can carry secrets are censored as a second line of
 * defence; code still must not pass secrets to the logger.
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
  };
  return destination === undefined ? pino(options) : pino(options, destination);
}
